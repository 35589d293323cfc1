//! No input makes the parsers panic: arbitrary bytes and arbitrary JSON
//! values either parse or come back as `Malformed`.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use truenas::Category;
use truenas::decode::json as decode;
use truenas::types::{Alert, Dataset, Disk, Pool, ReplicationTask, Snapshot, SystemInfo};

fn check_all(bytes: &[u8]) {
    fn one<T: serde::de::DeserializeOwned>(bytes: &[u8]) {
        if let Err(err) = decode::<T>(bytes, "test") {
            assert_eq!(err.category(), Category::Malformed);
        }
    }
    one::<SystemInfo>(bytes);
    one::<Vec<Pool>>(bytes);
    one::<Vec<Dataset>>(bytes);
    one::<Vec<Disk>>(bytes);
    one::<Vec<Alert>>(bytes);
    one::<Vec<Snapshot>>(bytes);
    one::<Vec<ReplicationTask>>(bytes);
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-z$_]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("name".to_owned()),
                    Just("topology".to_owned()),
                    Just("data".to_owned()),
                    Just("children".to_owned()),
                    Just("$date".to_owned()),
                    Just("parsed".to_owned()),
                    Just("used".to_owned()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_all(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in arb_json()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        check_all(&bytes);
        let wrapped = serde_json::to_vec(&json!([value])).unwrap();
        check_all(&wrapped);
    }
}

#[test]
fn deeply_nested_input_is_rejected_not_overflowed() {
    let mut text = String::new();
    for _ in 0..100_000 {
        text.push_str(r#"[{"topology":{"data":[{"children":"#);
    }
    check_all(text.as_bytes());
}
