use model::resources::{DatasetHealth, Status};
use proptest::prelude::*;
use serde_json::{Value, json};
use truenas::types::{Dataset, Property};
use truenas_sim::Scenario;

use super::super::dataset::{Lock, kind, lock_reason};
use super::super::fixtures;
use super::*;

/// What the health model read from a dataset before rows existed: the
/// answer straight from the parsed shape, the oracle a row must match.
fn direct(dataset: &Dataset) -> DatasetHealth {
    let name = dataset.name.clone().unwrap_or_else(|| dataset.id.clone());
    let lock = Lock::of(dataset.is_locked(), dataset.encrypted);
    let reasons: Vec<_> = lock_reason(lock, &name, dataset.encryption_root.as_deref())
        .into_iter()
        .collect();
    let bytes = |p: &Option<Property>| p.as_ref().and_then(Property::as_u64);
    DatasetHealth {
        pool: name
            .split('/')
            .next()
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
        kind: kind(dataset.dataset_type.as_deref()),
        mountpoint: dataset.mountpoint.clone(),
        used: bytes(&dataset.used),
        available: bytes(&dataset.available),
        quota: dataset.quota.as_ref().and_then(Property::as_limit),
        volsize: bytes(&dataset.volsize),
        compressratio: dataset
            .compressratio
            .as_ref()
            .and_then(|p| p.view().as_ratio()),
        encrypted: dataset.encrypted,
        encryption_root: dataset.encryption_root.clone(),
        locked: dataset.is_locked(),
        readonly: dataset.readonly.as_ref().and_then(Property::as_bool),
        status: lock.status(),
        reasons,
        name,
    }
}

fn dataset(value: Value) -> Dataset {
    serde_json::from_value(value).unwrap()
}

fn row(value: Value) -> DatasetRow {
    DatasetRow::new(&dataset(value).view())
}

fn rows(datasets: &[Value]) -> Vec<DatasetRow> {
    datasets.iter().cloned().map(row).collect()
}

fn locked(name: &str) -> Value {
    json!({"id": name, "encrypted": true, "key_loaded": false, "locked": true})
}

fn open(name: &str) -> Value {
    json!({"id": name, "encrypted": false, "locked": false})
}

fn shown(rows: &[DatasetRow], name: &str) -> Option<Status> {
    rows.iter()
        .find(|r| r.name() == name)
        .map(DatasetRow::shown)
}

/// The rows a poll builds while parsing (borrowing the answer's text)
/// against the owned parse of the same answer.
#[test]
fn every_simulated_dataset_comes_back_as_it_was_read() {
    for scenario in [Scenario::Healthy, Scenario::Degraded, Scenario::Locked] {
        let owned = fixtures::datasets(scenario);
        let rows = fixtures::rows(scenario);
        assert_eq!(rows.len(), owned.len());
        for (row, d) in rows.iter().zip(&owned) {
            assert_eq!(row.health(), direct(d), "{}", d.id);
        }
    }
}

#[test]
fn mountpoints_sizes_and_ratio_keep_their_unknowns() {
    let under_mnt = row(json!({
        "id": "tank/media", "mountpoint": "/mnt/tank/media",
        "used": {"parsed": 0}, "compressratio": {"parsed": "1.52"}
    }));
    let health = under_mnt.health();
    assert_eq!(health.mountpoint.as_deref(), Some("/mnt/tank/media"));
    assert_eq!(health.used, Some(0));
    assert_eq!(health.available, None);
    assert_eq!(health.compressratio, Some(1.52));
    let elsewhere = row(json!({
        "id": "tank/media", "mountpoint": "/srv/media", "compressratio": {"parsed": null}
    }));
    assert_eq!(elsewhere.health().mountpoint.as_deref(), Some("/srv/media"));
    assert_eq!(elsewhere.health().compressratio, None);
    let volume = row(json!({"id": "tank/vm", "mountpoint": null}));
    assert_eq!(volume.health().mountpoint, None);
    let nested_look_alike = row(json!({
        "id": "tank/a", "mountpoint": "/mnt/tank/a/b"
    }));
    assert_eq!(
        nested_look_alike.health().mountpoint.as_deref(),
        Some("/mnt/tank/a/b")
    );
}

#[test]
fn a_row_stays_small() {
    // Half a million rows in the fleet benchmark: each byte here is 0.5 MB.
    assert!(std::mem::size_of::<DatasetRow>() <= 96);
}

#[test]
fn a_locked_dataset_shows_after_two_polls_even_when_the_list_is_reordered() {
    let mut first = rows(&[open("tank/a"), locked("tank/secure"), open("tank/b")]);
    observe_datasets(&mut first, &[]);
    assert_eq!(shown(&first, "tank/secure"), Some(Status::Unknown));
    assert_eq!(shown(&first, "tank/a"), Some(Status::Online));
    let mut second = rows(&[
        open("tank/new"),
        open("tank/b"),
        locked("tank/secure"),
        open("tank/a"),
    ]);
    observe_datasets(&mut second, &first);
    assert_eq!(shown(&second, "tank/secure"), Some(Status::Warning));
    assert_eq!(second[2].health().status, Status::Warning);
    assert_eq!(shown(&second, "tank/new"), Some(Status::Online));
}

#[test]
fn one_good_poll_does_not_clear_and_a_dropped_dataset_starts_over() {
    let mut polls = vec![Vec::new()];
    for listed in [
        vec![locked("tank/secure")],
        vec![locked("tank/secure")],
        vec![open("tank/secure")],
    ] {
        let mut next = rows(&listed);
        observe_datasets(&mut next, polls.last().unwrap());
        polls.push(next);
    }
    assert_eq!(shown(&polls[3], "tank/secure"), Some(Status::Warning));
    let mut gone = rows(&[open("tank/other")]);
    observe_datasets(&mut gone, &polls[3]);
    let mut back = rows(&[locked("tank/secure")]);
    observe_datasets(&mut back, &gone);
    assert_eq!(shown(&back, "tank/secure"), Some(Status::Unknown));
}

fn size() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        (0u64..u64::MAX).prop_map(|n| json!({"parsed": n})),
        (0u64..1 << 50).prop_map(|n| json!({"parsed": null, "rawvalue": n.to_string()})),
        Just(json!({"parsed": "12K"})),
    ]
}

fn flag() -> impl Strategy<Value = Value> {
    prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::from),]
}

fn any_dataset() -> impl Strategy<Value = Value> {
    let name = prop_oneof![
        Just("tank".to_owned()),
        "[a-z]{1,4}(/[a-z0-9 ]{1,4}){0,3}",
        Just(String::new()),
    ];
    let mount = 0u8..4;
    (
        name,
        mount,
        (size(), size(), size(), size()),
        (flag(), flag(), flag()),
        prop_oneof![
            Just(Value::Null),
            Just(json!("tank")),
            Just(json!("tank/a"))
        ],
        prop_oneof![
            Just(json!({"parsed": 1.25})),
            Just(json!({"parsed": "2.00x"})),
            Just(json!({"parsed": null, "rawvalue": "1.52"})),
            Just(json!({"parsed": -1})),
            Just(Value::Null),
        ],
        prop_oneof![
            Just(json!({"parsed": true})),
            Just(json!({"parsed": "off"})),
            Just(json!({"parsed": null, "rawvalue": "on"})),
            Just(Value::Null),
        ],
        prop_oneof![
            Just(json!("FILESYSTEM")),
            Just(json!("volume")),
            Just(json!("?"))
        ],
    )
        .prop_map(
            |(
                name,
                mount,
                (used, available, quota, volsize),
                (enc, loaded, lock),
                root,
                ratio,
                ro,
                kind,
            )| {
                let mountpoint = match mount {
                    0 => json!(format!("/mnt/{name}")),
                    1 => json!(format!("/mnt/{name}x")),
                    2 => Value::Null,
                    _ => json!("/srv/elsewhere"),
                };
                json!({
                    "id": name, "type": kind, "mountpoint": mountpoint,
                    "used": used, "available": available, "quota": quota, "volsize": volsize,
                    "encrypted": enc, "key_loaded": loaded, "locked": lock,
                    "encryption_root": root, "compressratio": ratio, "readonly": ro
                })
            },
        )
}

proptest! {
    #[test]
    fn a_row_gives_back_what_the_answer_said(value in any_dataset()) {
        let d = dataset(value);
        prop_assert_eq!(DatasetRow::new(&d.view()).health(), direct(&d));
    }
}
