use proptest::prelude::*;
use serde_json::{Value, json};
use truenas_sim::data::NasData;
use truenas_sim::{LargeSize, Scenario, SimConfig};

use super::*;
use crate::rpc::parse_result;
use crate::types::dataset_ref::tests::entry;

/// Everything the view holds (`Debug` prints each field and variant), so
/// two readings compare whole.
#[derive(Debug, PartialEq)]
struct Whole(String);

impl FromDataset for Whole {
    fn from_dataset(d: &DatasetRef<'_>) -> Self {
        Self(format!("{d:?}"))
    }
}

fn frame(id: u64, result: &Value) -> String {
    json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string()
}

/// The scanner against the serde path (`parse_result`, what a call falls
/// back to) on one frame: whatever the scanner accepts must read the same.
/// Says whether the scanner accepted it.
fn agrees(frame: &str, id: u64) -> bool {
    let scanned: Option<DatasetList<Whole>> = scan_answer(frame, id);
    let Some(scanned) = scanned else {
        return false;
    };
    let parsed: Option<DatasetList<Whole>> = parse_result(frame, id);
    let parsed =
        parsed.unwrap_or_else(|| panic!("the scanner took a frame serde refuses: {frame}"));
    assert_eq!(scanned.listed, parsed.listed, "{frame}");
    assert_eq!(scanned.rows, parsed.rows, "{frame}");
    true
}

/// The frame a poll actually reads, from the simulator, current and legacy.
#[test]
fn the_simulators_dataset_page_is_scanned_and_reads_like_serde() {
    for legacy in [false, true] {
        let config = SimConfig {
            scenario: Scenario::Large,
            large: LargeSize {
                pools: 4,
                datasets: 500,
                disks: 24,
            },
            legacy,
            ..SimConfig::default()
        };
        let options = json!({
            "extra": {"properties": crate::DATASET_PROPERTIES, "retrieve_user_props": false},
            "select": crate::DATASET_FIELDS,
        });
        let answer = NasData::build(&config, Scenario::Large)
            .answer("pool.dataset.query", &json!([[], options]), 0)
            .expect("the simulator answers");
        let result: Value = serde_json::from_str(&answer).expect("JSON");
        let text = frame(41, &result);
        assert!(agrees(&text, 41), "legacy={legacy}: the scanner gave up");
        let list: DatasetList<Whole> = scan_answer(&text, 41).expect("scanned");
        assert_eq!(list.listed, 500);
        let reordered = json!({"result": result, "id": 41, "jsonrpc": "2.0"});
        let pretty = serde_json::to_string_pretty(&reordered).expect("JSON");
        assert!(
            agrees(&pretty, 41),
            "legacy={legacy}: whitespace and key order"
        );
    }
}

#[test]
fn anything_unexpected_is_left_to_serde() {
    let ok =
        r#"{"jsonrpc":"2.0","id":3,"result":[{"id":"tank","used":{"parsed":5,"rawvalue":"5"}}]}"#;
    assert!(agrees(ok, 3));
    let refused = [
        // another id, an error, no result, an unknown envelope member
        r#"{"jsonrpc":"2.0","id":4,"result":[]}"#,
        r#"{"jsonrpc":"2.0","id":3,"error":{"code":1}}"#,
        r#"{"jsonrpc":"2.0","id":3}"#,
        r#"{"jsonrpc":"2.0","id":3,"result":[],"extra":1}"#,
        // duplicates, which serde fails
        r#"{"jsonrpc":"2.0","id":3,"result":[],"result":[]}"#,
        r#"{"id":3,"result":[{"id":"a","id":"b"}]}"#,
        r#"{"id":3,"result":[{"id":"a","used":{"parsed":1,"parsed":2}}]}"#,
        // escapes, nested trees, other keys and types
        r#"{"id":3,"result":[{"id":"a\"b"}]}"#,
        r#"{"id":3,"result":[{"id":"a","children":[{"id":"a/b"}]}]}"#,
        r#"{"id":3,"result":[{"id":"a","pool":"a"}]}"#,
        r#"{"id":3,"result":[{"id":"a","used":{"parsed":1,"source":"NONE"}}]}"#,
        r#"{"id":3,"result":[{"id":"a","used":{"parsed":[1]}}]}"#,
        r#"{"id":3,"result":[{"id":"a","used":{"rawvalue":5}}]}"#,
        r#"{"id":3,"result":[{"id":null}]}"#,
        r#"{"id":3,"result":[{"id":"a","locked":"no"}]}"#,
        // broken JSON
        r#"{"id":3,"result":[{"id":"a",}]}"#,
        r#"{"id":3,"result":[{"id":"a"}],}"#,
        r#"{"id":3,"result":[{"id":"a"}]} x"#,
        r#"{"id":03,"result":[]}"#,
        r#"{"id":3,"result":[{"id":"a","used":{"parsed":01}}]}"#,
        r#"{"id":3,"result":[{"id":"a","locked":tru}]}"#,
    ];
    for frame in refused {
        assert!(!agrees(frame, 3), "scanned: {frame}");
    }
    for end in 0..ok.len() {
        assert!(
            scan_answer::<Whole>(&ok[..end], 3).is_none(),
            "a cut frame: {}",
            &ok[..end]
        );
    }
}

#[test]
fn numbers_read_exactly_as_serde_reads_them() {
    let numbers = [
        "0",
        "123456789012345678",
        "18446744073709551615",
        "18446744073709551616",
        "-0",
        "-7",
        "1.5",
        "1e3",
        "2E-2",
    ];
    for parsed in numbers {
        let text = format!(r#"{{"id":1,"result":[{{"id":"a","used":{{"parsed":{parsed}}}}}]}}"#);
        assert!(agrees(&text, 1), "{parsed} was not scanned");
    }
}

/// Entries in the shape the scanner takes: the values vary, the shape not.
fn plain_entry() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        "[a-z]{1,6}(/[a-z0-9 ._-]{1,6}){0,3}".prop_map(Value::from),
        Just(Value::Null)
    ];
    let flag = prop_oneof![any::<bool>().prop_map(Value::from), Just(Value::Null)];
    let parsed = prop_oneof![
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        "[0-9.]{0,5}x?".prop_map(Value::from),
        Just(Value::Null),
    ];
    let property = prop_oneof![
        (parsed, text.clone(), text.clone())
            .prop_map(|(p, r, v)| json!({"parsed": p, "rawvalue": r, "value": v})),
        Just(Value::Null),
        Just(json!({})),
    ];
    (
        "[a-z]{1,6}(/[a-z0-9]{1,6}){0,3}",
        (text.clone(), text.clone(), text),
        (flag.clone(), flag.clone(), flag),
        prop::collection::vec(property, 6),
    )
        .prop_map(|(id, (kind, mount, root), (enc, loaded, locked), props)| {
            let mut entry = json!({
                "id": id, "type": kind, "mountpoint": mount, "encryption_root": root,
                "encrypted": enc, "key_loaded": loaded, "locked": locked,
            });
            for (name, p) in crate::DATASET_PROPERTIES[..6].iter().zip(props) {
                entry[*name] = p;
            }
            entry
        })
}

proptest! {
    #[test]
    fn plain_answers_are_scanned_and_read_like_serde(entries in prop::collection::vec(plain_entry(), 0..6)) {
        prop_assert!(agrees(&frame(5, &Value::Array(entries)), 5));
    }

    #[test]
    fn whatever_is_scanned_reads_like_serde(entries in prop::collection::vec(entry(), 0..4), pretty in any::<bool>()) {
        let result = Value::Array(entries);
        let text = if pretty {
            let envelope = json!({"jsonrpc": "2.0", "id": 9, "result": result});
            serde_json::to_string_pretty(&envelope).expect("JSON")
        } else {
            frame(9, &result)
        };
        agrees(&text, 9);
    }

    #[test]
    fn arbitrary_frames_never_panic(text in "[{}\\[\\]\":,0-9a-z \\\\.-]{0,64}") {
        let _ = scan_answer::<Whole>(&text, 1);
    }
}
