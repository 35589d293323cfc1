//! What the simulated NAS answers, per method, for the current scenario.
//! Answers are rendered once per scenario and kept serialised: a benchmark
//! polls a large NAS many times, and a thousand simulators share one process.

mod dataset;
mod dataset_query;
mod disk;
mod events;
mod layout;
mod pool;
mod props;
mod scan;
mod system;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use serde_json::{Value, json};

use crate::config::SimConfig;
use crate::scenario::Scenario;
use dataset::DatasetSpec;
use layout::Layout;

/// Why a method could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// JSON-RPC -32601 "Method does not exist"; REST 404.
    MethodNotFound,
    /// An unhandled exception (`SimConfig::broken_methods`).
    Internal,
}

/// The data of one simulated NAS in one scenario.
pub struct NasData {
    config: SimConfig,
    layout: Layout,
    datasets: Vec<Value>,
    rendered: Mutex<HashMap<String, Arc<str>>>,
}

impl NasData {
    pub fn build(config: &SimConfig, scenario: Scenario) -> Self {
        let layout = layout::layout(scenario, config.large);
        let datasets = dataset_specs(scenario, config)
            .iter()
            .map(|spec| dataset::entry(spec, config.legacy))
            .collect();
        Self {
            config: config.clone(),
            layout,
            datasets,
            rendered: Mutex::new(HashMap::new()),
        }
    }

    /// The data for `config` in `scenario`, shared with every other
    /// simulator of this process whose answers would be the same (only
    /// `system.info` differs between them, and [`Self::answer_as`] renders
    /// it per NAS). A thousand large NAS would otherwise each hold their own
    /// copy: 17 GB for 1,000 NAS of 500 datasets.
    pub(crate) fn shared(config: &SimConfig, scenario: Scenario) -> Arc<Self> {
        let key = SharedKey::new(config, scenario);
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        shared.retain(|(_, data)| data.strong_count() > 0);
        if let Some(data) = shared
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, data)| data.upgrade())
        {
            return data;
        }
        let data = Arc::new(Self::build(config, scenario));
        shared.push((key, Arc::downgrade(&data)));
        data
    }

    /// The JSON text of `method`'s result for these `params` (JSON-RPC
    /// positional params; REST callers translate their query into them).
    pub fn answer(&self, method: &str, params: &Value, now_ms: i64) -> Result<Arc<str>, Fault> {
        self.answer_as(&self.config, method, params, now_ms)
    }

    /// [`Self::answer`] for the NAS configured by `config`, which must have
    /// the same data settings as the one this data was built for.
    pub(crate) fn answer_as(
        &self,
        config: &SimConfig,
        method: &str,
        params: &Value,
        now_ms: i64,
    ) -> Result<Arc<str>, Fault> {
        if config.broken_methods.iter().any(|m| m == method) {
            return Err(Fault::Internal);
        }
        if method == "system.info" {
            return Ok(system::system_info(config, now_ms).to_string().into());
        }
        let options = &params[1];
        let extra = &options["extra"];
        let offset = params[1]["offset"].as_u64().unwrap_or(0) as usize;
        let limit = params[1]["limit"].as_u64().map(|l| l as usize);
        let key = match method {
            "disk.query" => format!("{method}/{}", extra["pools"].as_bool().unwrap_or(false)),
            "pool.dataset.query" => format!("{method}/{options}"),
            _ => method.to_owned(),
        };
        let key = format!("{key}/{offset}/{limit:?}");
        let mut cache = self.rendered.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(text) = cache.get(&key) {
            return Ok(text.clone());
        }
        let value = page(self.render(method, options)?, offset, limit);
        let text: Arc<str> = value.to_string().into();
        cache.insert(key, text.clone());
        Ok(text)
    }

    fn render(&self, method: &str, options: &Value) -> Result<Value, Fault> {
        let legacy = self.config.legacy;
        Ok(match method {
            "pool.query" => Value::Array(pool::pools(&self.layout, legacy)),
            "pool.dataset.query" => dataset_query::answer(&self.datasets, options, legacy),
            "disk.query" => Value::Array(disk::disks(
                &self.layout,
                options["extra"]["pools"].as_bool().unwrap_or(false),
                legacy,
            )),
            "disk.temperatures" => disk::temperatures(&self.layout),
            "alert.list" => events::alerts(&self.layout.pools),
            "pool.snapshot.query" if !legacy => self.snapshots(),
            "zfs.snapshot.query" => self.snapshots(),
            "replication.query" => {
                events::replication(self.layout.pools.iter().any(|p| p.status == "FAULTED"))
            }
            "core.ping" => json!("pong"),
            _ => return Err(Fault::MethodNotFound),
        })
    }

    fn snapshots(&self) -> Value {
        let list = self
            .datasets
            .iter()
            .filter(|d| {
                d["type"] == "FILESYSTEM" && d["name"].as_str().is_some_and(|n| n.contains('/'))
            })
            .take(500)
            .enumerate()
            .flat_map(|(i, d)| {
                let name = d["name"].as_str().unwrap_or_default().to_owned();
                ["auto-2025-11-19_00-00", "auto-2025-11-20_00-00"]
                    .into_iter()
                    .enumerate()
                    .map(move |(j, snap)| {
                        events::snapshot(
                            &name,
                            snap,
                            38_797_312 * (j as u64 + 1),
                            10_000 + (i * 2 + j) as u64,
                        )
                    })
            })
            .collect();
        Value::Array(list)
    }
}

/// What makes two simulators' data identical.
#[derive(PartialEq)]
struct SharedKey {
    scenario: Scenario,
    legacy: bool,
    large: crate::config::LargeSize,
    broken_methods: Vec<String>,
}

impl SharedKey {
    fn new(config: &SimConfig, scenario: Scenario) -> Self {
        Self {
            scenario,
            legacy: config.legacy,
            large: config.large,
            broken_methods: config.broken_methods.clone(),
        }
    }
}

static SHARED: Mutex<Vec<(SharedKey, Weak<NasData>)>> = Mutex::new(Vec::new());

/// The `offset` / `limit` query options of list answers.
fn page(value: Value, offset: usize, limit: Option<usize>) -> Value {
    match value {
        Value::Array(list) => {
            let take = limit.unwrap_or(usize::MAX);
            Value::Array(list.into_iter().skip(offset).take(take).collect())
        }
        other => other,
    }
}

fn dataset_specs(scenario: Scenario, config: &SimConfig) -> Vec<DatasetSpec> {
    if scenario == Scenario::Large {
        let pools = config.large.pools.max(1);
        let mut specs: Vec<DatasetSpec> = (0..pools)
            .map(|p| DatasetSpec::fs(&format!("pool{p}"), 40_000, 60_000))
            .collect();
        for n in 0..config.large.datasets.saturating_sub(pools) {
            specs.push(DatasetSpec::fs(
                &format!("pool{}/share{n:05}", n % pools),
                1 + (n as u64 % 900),
                60_000,
            ));
        }
        return specs;
    }
    let mut media = DatasetSpec::fs("tank/media", 1_800, 4_200);
    media.comment = Some("media-team");
    let mut documents = DatasetSpec::fs("tank/documents", 120, 380);
    documents.quota = 500 << 30;
    let mut volume = DatasetSpec::fs("tank/vm-disk", 100, 4_200);
    volume.volume = true;
    let mut secure = DatasetSpec::fs("tank/secure", 64, 4_200);
    secure.encrypted = Some(scenario != Scenario::Locked);
    let mut replica = DatasetSpec::fs("backup/replica", 1_700, 3_100);
    replica.readonly = true;
    vec![
        DatasetSpec::fs("tank", 2_400, 4_200),
        media,
        documents,
        volume,
        secure,
        DatasetSpec::fs("backup", 1_750, 3_100),
        replica,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resilvering_pool_is_degraded_yet_healthy() {
        let data = NasData::build(&SimConfig::default(), Scenario::Resilvering);
        let pools: Value =
            serde_json::from_str(&data.answer("pool.query", &json!([]), 0).unwrap()).unwrap();
        assert_eq!(pools[0]["status"], "DEGRADED");
        assert_eq!(pools[0]["healthy"], true);
        assert_eq!(pools[0]["warning"], true);
        assert_eq!(pools[0]["scan"]["function"], "RESILVER");
        assert!(pools[0]["scan"]["end_time"].is_null());
    }

    #[test]
    fn disk_pool_needs_extra_pools() {
        let data = NasData::build(&SimConfig::default(), Scenario::Healthy);
        let plain: Value =
            serde_json::from_str(&data.answer("disk.query", &json!([]), 0).unwrap()).unwrap();
        assert!(plain[0]["pool"].is_null());
        let params = json!([[], {"extra": {"pools": true}}]);
        let with: Value =
            serde_json::from_str(&data.answer("disk.query", &params, 0).unwrap()).unwrap();
        assert_eq!(with[0]["pool"], "tank");
    }

    #[test]
    fn large_scenario_has_the_requested_counts() {
        let mut config = SimConfig::default();
        config.large.datasets = 1_234;
        let data = NasData::build(&config, Scenario::Large);
        let params = json!([[], {"select": ["id"]}]);
        let list: Value =
            serde_json::from_str(&data.answer("pool.dataset.query", &params, 0).unwrap()).unwrap();
        assert_eq!(list.as_array().map(Vec::len), Some(1_234));
    }

    #[test]
    fn legacy_box_has_no_pool_snapshot() {
        let config = SimConfig {
            legacy: true,
            ..SimConfig::default()
        };
        let data = NasData::build(&config, Scenario::Healthy);
        assert_eq!(
            data.answer("pool.snapshot.query", &json!([]), 0),
            Err(Fault::MethodNotFound)
        );
        assert!(data.answer("zfs.snapshot.query", &json!([]), 0).is_ok());
    }
}
