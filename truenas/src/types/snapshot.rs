//! Snapshots: `pool.snapshot.query` on 25.10 (`PoolSnapshotEntry` in
//! `api/v25_10_0/pool_snapshot.py`), `zfs.snapshot.query` before
//! (`plugins/zfs_/snapshot.py`); both serialised by py-libzfs
//! `snapshots_serialized`. Property values use the ZFS short form ("37.0M").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::ApiDate;
use super::de;
use super::property::Property;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Snapshot {
    /// "dataset@snapshot".
    pub id: String,
    pub name: Option<String>,
    pub pool: Option<String>,
    pub dataset: Option<String>,
    pub snapshot_name: Option<String>,
    /// A string in the API.
    #[serde(deserialize_with = "de::string_or_number")]
    pub createtxg: Option<String>,
    pub properties: BTreeMap<String, Property>,
}

impl Snapshot {
    pub fn created(&self) -> Option<ApiDate> {
        self.properties.get("creation")?.as_date()
    }

    pub fn used_bytes(&self) -> Option<u64> {
        self.properties.get("used")?.as_u64()
    }
}
