use std::borrow::Cow;

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::types::{Parsed, Property};

/// Everything a view answers with, owned, to compare two views.
#[derive(Debug, PartialEq)]
struct Read {
    name: String,
    kind: Option<String>,
    mountpoint: Option<String>,
    root: Option<String>,
    flags: [Option<bool>; 4],
    sizes: [Option<u64>; 4],
    ratio: Option<f64>,
    readonly: Option<bool>,
}

impl FromDataset for Read {
    fn from_dataset(d: &DatasetRef<'_>) -> Self {
        let text = |t: &Option<Text<'_>>| t.as_ref().map(|t| t.as_str().to_owned());
        let size = |p: &Option<PropertyRef<'_>>| p.as_ref().and_then(PropertyRef::as_u64);
        Self {
            name: d.full_name().to_owned(),
            kind: text(&d.dataset_type),
            mountpoint: text(&d.mountpoint),
            root: text(&d.encryption_root),
            flags: [d.encrypted, d.key_loaded, d.locked, d.is_locked()],
            sizes: [
                size(&d.used),
                size(&d.available),
                d.quota.as_ref().and_then(PropertyRef::as_limit),
                size(&d.volsize),
            ],
            ratio: d.compressratio.as_ref().and_then(PropertyRef::as_ratio),
            readonly: d.readonly.as_ref().and_then(PropertyRef::as_bool),
        }
    }
}

fn flat(datasets: Vec<Dataset>) -> Vec<Dataset> {
    let mut out = Vec::new();
    for d in datasets {
        crate::dataset_query::flatten_into(d, &mut out);
    }
    out
}

/// The borrowed parse against the owned one, for one JSON answer.
fn same_reading(answer: &str) {
    let owned: Result<Vec<Dataset>, _> = serde_json::from_str(answer);
    let borrowed: Result<DatasetList<Read>, _> = serde_json::from_str(answer);
    match (owned, borrowed) {
        (Ok(owned), Ok(list)) => {
            assert_eq!(list.listed, owned.len());
            let owned: Vec<Read> = flat(owned)
                .iter()
                .map(|d| Read::from_dataset(&d.view()))
                .collect();
            assert_eq!(list.rows, owned, "{answer}");
        }
        (Err(_), Err(_)) => {}
        (owned, borrowed) => panic!(
            "only one parse failed on {answer}: owned {:?}, borrowed {:?}",
            owned.err(),
            borrowed.err()
        ),
    }
}

#[test]
fn plain_text_is_borrowed_and_escaped_text_is_unescaped() {
    let answer = r#"{"id": "tank/a", "mountpoint": "/mnt/caf\u00e9 \"x\"", "compressratio": {"parsed": "1.52", "rawvalue": 2}}"#;
    let d: DatasetRef<'_> = serde_json::from_str(answer).unwrap();
    assert!(matches!(d.id.0, Cow::Borrowed("tank/a")));
    assert_eq!(d.mountpoint.unwrap().as_str(), "/mnt/café \"x\"");
    let ratio = d.compressratio.unwrap();
    assert!(matches!(ratio.parsed, Parsed::Text(Cow::Borrowed("1.52"))));
    assert_eq!(ratio.rawvalue.unwrap().as_str(), "2");
}

#[test]
fn nested_children_come_out_flat_and_parents_first() {
    let answer = json!([
        {"id": "tank", "children": [
            {"id": "tank/a", "children": [{"id": "tank/a/b"}]},
            {"id": "tank/c"}
        ]},
        {"id": "backup"}
    ])
    .to_string();
    let list: DatasetList<Read> = serde_json::from_str(&answer).unwrap();
    let names: Vec<&str> = list.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["tank", "tank/a", "tank/a/b", "tank/c", "backup"]);
    assert_eq!(list.listed, 2);
    same_reading(&answer);
}

#[test]
fn a_wrong_type_fails_like_the_owned_shape() {
    same_reading(r#"[{"id": "tank", "mountpoint": 7}]"#);
    same_reading(r#"[{"id": 3}]"#);
    same_reading(r#"{"id": "tank"}"#);
    assert!(serde_json::from_str::<DatasetList<Read>>(r#"[{"id": 3}]"#).is_err());
}

#[test]
fn an_owned_property_reads_through_the_same_rules() {
    let p: Property =
        serde_json::from_value(json!({"parsed": null, "rawvalue": "on", "value": "1.5x"})).unwrap();
    assert_eq!(p.as_bool(), Some(true));
    assert_eq!(p.view().as_ratio(), Some(1.5));
    let n: Property = serde_json::from_value(json!({"parsed": "12", "rawvalue": "99"})).unwrap();
    assert_eq!((n.as_u64(), n.as_limit()), (Some(12), Some(12)));
}

pub(crate) fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e3f64..1e3).prop_map(Value::from),
        prop_oneof![
            Just("on"),
            Just("OFF"),
            Just("1.52x"),
            Just(" 2.00 "),
            Just("0"),
            Just("12"),
            Just("caf\u{e9}"),
            Just("a\"b"),
            Just("x\\y"),
            Just("")
        ]
        .prop_map(Value::from),
        Just(json!({"$date": 1})),
        Just(json!([1, 2])),
    ]
}

pub(crate) fn property() -> impl Strategy<Value = Value> {
    prop_oneof![
        (leaf(), leaf(), leaf())
            .prop_map(|(p, r, v)| json!({"parsed": p, "rawvalue": r, "value": v})),
        leaf().prop_map(|p| json!({"parsed": p})),
        leaf(),
    ]
}

pub(crate) fn entry() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        Just(json!("tank/media")),
        Just(json!("/mnt/caf\u{e9}")),
        Just(json!("VOLUME")),
        Just(Value::Null),
        leaf(),
    ];
    (
        (text.clone(), text.clone(), text.clone(), text),
        (leaf(), leaf(), leaf()),
        prop::collection::vec(property(), 6),
    )
        .prop_map(|((id, kind, mount, root), (enc, loaded, locked), props)| {
            // The six properties `DatasetRef` reads come first in the query's list.
            let names = &crate::DATASET_PROPERTIES[..6];
            let mut entry = json!({
                "id": id, "type": kind, "mountpoint": mount, "encryption_root": root,
                "encrypted": enc, "key_loaded": loaded, "locked": locked,
            });
            for (name, p) in names.iter().zip(props) {
                entry[*name] = p;
            }
            entry
        })
}

proptest! {
    #[test]
    fn borrowed_and_owned_parses_read_the_same(entries in prop::collection::vec(entry(), 0..4)) {
        same_reading(&Value::Array(entries).to_string());
    }

    #[test]
    fn plausible_entries_parse_both_ways(used in any::<u64>(), ratio in "[0-9]\\.[0-9]{2}", on in any::<bool>()) {
        let answer = json!([{
            "id": "tank/a", "type": "FILESYSTEM", "mountpoint": "/mnt/tank/a",
            "encrypted": false, "encryption_root": null, "key_loaded": false, "locked": false,
            "used": {"parsed": used}, "compressratio": {"parsed": ratio, "rawvalue": ratio},
            "readonly": {"parsed": on, "rawvalue": if on { "on" } else { "off" }}
        }]).to_string();
        let list: DatasetList<Read> = serde_json::from_str(&answer).unwrap();
        prop_assert_eq!(list.rows[0].sizes[0], Some(used));
        prop_assert_eq!(list.rows[0].readonly, Some(on));
        same_reading(&answer);
    }
}
