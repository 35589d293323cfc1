//! Test inputs: the simulator's own answers for each scenario, read through
//! the client's types exactly as a poll would.

use std::collections::BTreeMap;

use model::resources::{Capacity, PoolHealth, RawCapacity, Status, TopologyGroup, UsableCapacity};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use truenas::types::{Alert, Dataset, DatasetList, Disk, Pool};
use truenas_sim::data::NasData;
use truenas_sim::{Scenario, SimConfig};

use super::dataset_row::DatasetRow;

fn answer<T: DeserializeOwned>(scenario: Scenario, method: &str, params: &Value) -> T {
    let data = NasData::build(&SimConfig::default(), scenario);
    let text = data.answer(method, params, 0).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn pools(scenario: Scenario) -> Vec<Pool> {
    answer(scenario, "pool.query", &json!([]))
}

/// The JSON-RPC request `Client::datasets` sends (one page).
fn dataset_query() -> Value {
    let options = json!({
        "extra": {"properties": truenas::DATASET_PROPERTIES, "retrieve_user_props": false},
        "select": truenas::DATASET_FIELDS,
    });
    json!([[], options])
}

pub fn datasets(scenario: Scenario) -> Vec<Dataset> {
    answer(scenario, "pool.dataset.query", &dataset_query())
}

/// `disk.query` with `extra.pools`, temperatures merged in as the client does.
pub fn disks(scenario: Scenario) -> Vec<Disk> {
    let params = json!([[], {"extra": {"pools": true}}]);
    let mut disks: Vec<Disk> = answer(scenario, "disk.query", &params);
    let temperatures: BTreeMap<String, Option<f64>> =
        answer(scenario, "disk.temperatures", &json!([]));
    for disk in &mut disks {
        disk.temperature = temperatures.get(&disk.name).copied().flatten();
    }
    disks
}

pub fn alerts(scenario: Scenario) -> Vec<Alert> {
    answer(scenario, "alert.list", &json!([]))
}

/// What a poll of the scenario's NAS makes of its answers.
pub fn storage(scenario: Scenario) -> super::Storage {
    super::evaluate_storage(
        &pools(scenario),
        rows(scenario),
        &disks(scenario),
        &alerts(scenario),
    )
}

/// The scenario's datasets as a poll reads them into registry rows.
pub fn rows(scenario: Scenario) -> Vec<DatasetRow> {
    answer::<DatasetList<DatasetRow>>(scenario, "pool.dataset.query", &dataset_query()).rows
}

pub fn dataset(scenario: Scenario, name: &str) -> Dataset {
    datasets(scenario)
        .into_iter()
        .find(|d| d.id == name)
        .unwrap()
}

/// A bare evaluated pool around `topology`, for tests of what reads it.
pub fn pool_health(name: &str, topology: Vec<TopologyGroup>) -> PoolHealth {
    PoolHealth {
        name: name.to_owned(),
        guid: None,
        status: Status::Online,
        state: Some("ONLINE".into()),
        status_code: None,
        status_detail: None,
        layout: Vec::new(),
        topology,
        scan: None,
        capacity: Capacity {
            usable: UsableCapacity::Unknown,
            raw: RawCapacity::Unknown,
        },
        fragmentation: None,
        reasons: Vec::new(),
    }
}
