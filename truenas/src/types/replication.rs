//! `replication.query` (`ReplicationEntry` in `api/v25_10_0/replication.py`).
//! `state` is an untyped dict in the schema; the fields read here are the
//! ones the replication plugin fills (`state`, `datetime`, `last_snapshot`,
//! `error`). `encryption_key` is deliberately not read.

use serde::{Deserialize, Serialize};

use super::date::{ApiDate, opt_date};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ReplicationTask {
    pub id: Option<i64>,
    pub name: String,
    /// PUSH or PULL.
    pub direction: Option<String>,
    /// SSH, SSH+NETCAT or LOCAL.
    pub transport: Option<String>,
    pub source_datasets: Vec<String>,
    pub target_dataset: Option<String>,
    pub recursive: Option<bool>,
    pub auto: Option<bool>,
    pub enabled: Option<bool>,
    pub state: Option<ReplicationState>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ReplicationState {
    /// PENDING, RUNNING, FINISHED, ERROR, HOLD, …
    pub state: Option<String>,
    #[serde(deserialize_with = "opt_date")]
    pub datetime: Option<ApiDate>,
    pub last_snapshot: Option<String>,
    pub error: Option<String>,
}
