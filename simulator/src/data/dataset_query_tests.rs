#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use serde_json::{Value, json};

use crate::config::SimConfig;
use crate::data::NasData;
use crate::scenario::Scenario;

fn query(legacy: bool, scenario: Scenario, options: &Value) -> Vec<Value> {
    let config = SimConfig {
        legacy,
        ..SimConfig::default()
    };
    let data = NasData::build(&config, scenario);
    let text = data
        .answer("pool.dataset.query", &json!([[], options]), 0)
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn names(list: &[Value]) -> Vec<&str> {
    list.iter().map(|d| d["name"].as_str().unwrap()).collect()
}

#[test]
fn without_children_only_the_roots_come_back() {
    let list = query(
        false,
        Scenario::Healthy,
        &json!({"extra": {"retrieve_children": false}}),
    );
    assert_eq!(names(&list), ["tank", "backup"]);
    assert!(list.iter().all(|d| d["children"] == json!([])));
}

#[test]
fn flat_lists_every_dataset_with_its_tree_and_hierarchy_only_roots() {
    let flat = query(false, Scenario::Healthy, &json!({}));
    assert_eq!(flat.len(), 7);
    let tank = flat.iter().find(|d| d["name"] == "tank").unwrap();
    assert_eq!(tank["children"].as_array().unwrap().len(), 4);
    let tree = query(false, Scenario::Healthy, &json!({"extra": {"flat": false}}));
    assert_eq!(names(&tree), ["tank", "backup"]);
    assert_eq!(tree[1]["children"][0]["name"], "backup/replica");
}

#[test]
fn select_keeps_the_named_fields_and_renames() {
    let options = json!({"select": ["name", "used.parsed", ["pool", "zpool"], "nope"]});
    let list = query(false, Scenario::Healthy, &options);
    assert_eq!(list.len(), 7);
    let first = list[0].as_object().unwrap();
    assert_eq!(first.len(), 3, "{first:?}");
    assert!(first["used"]["parsed"].is_u64());
    assert!(first["used"].get("rawvalue").is_none());
    assert_eq!(first["zpool"], "tank");
}

#[test]
fn properties_trim_each_entry_like_25_10() {
    let options =
        &json!({"extra": {"properties": ["used", "encryption"], "retrieve_user_props": false}});
    let list = query(false, Scenario::Locked, options);
    let secure = list.iter().find(|d| d["name"] == "tank/secure").unwrap();
    assert!(secure.get("used").is_some() && secure.get("encryption_algorithm").is_some());
    assert!(secure.get("available").is_none() && secure.get("compression").is_none());
    assert!(secure.get("user_properties").is_none());
    assert_eq!(
        secure["locked"], true,
        "a crypto property brings the lock state"
    );
    assert!(
        secure["mountpoint"].is_string(),
        "25.10 always has the mountpoint"
    );
    let plain = query(
        false,
        Scenario::Locked,
        &json!({"extra": {"properties": ["used"]}}),
    );
    assert!(plain[0].get("locked").is_none() && plain[0].get("encrypted").is_none());
    assert!(plain[0].get("user_properties").is_some());
}

#[test]
fn legacy_reads_the_lock_state_from_the_properties_asked_for() {
    let asked = json!({"extra": {"properties": ["used", "encryption", "keystatus", "mountpoint"]}});
    let list = query(true, Scenario::Healthy, &asked);
    let secure = list.iter().find(|d| d["name"] == "tank/secure").unwrap();
    assert_eq!(
        (secure["encrypted"].clone(), secure["locked"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(secure["keystatus"]["rawvalue"], "available");
    let without = query(
        true,
        Scenario::Healthy,
        &json!({"extra": {"properties": ["used", "encryption"]}}),
    );
    let secure = without.iter().find(|d| d["name"] == "tank/secure").unwrap();
    assert_eq!(
        secure["locked"], true,
        "24.10 without keystatus reads the key as not loaded"
    );
    assert!(
        secure.get("mountpoint").is_none(),
        "24.10 has the mountpoint only when asked"
    );
}
