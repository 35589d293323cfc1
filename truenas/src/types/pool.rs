//! `pool.query` (`PoolEntry` in `api/v25_10_0/pool.py`; legacy `pool_entry`
//! in `plugins/pool_/pool.py`), scan from py-libzfs `ZPoolScrub.asdict`,
//! vdevs from `ZFSVdev.asdict` + `pool.transform_topology`
//! (`plugins/pool_/topology.py`).
//!
//! `size`/`allocated`/`free` are raw vdev figures (parity included); usable
//! space is the root dataset's `used` + `available`.

use serde::{Deserialize, Serialize};

use super::date::{ApiDate, opt_date};
use super::de;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Pool {
    /// Database id.
    pub id: Option<i64>,
    pub name: String,
    pub guid: Option<String>,
    /// ONLINE, DEGRADED, FAULTED, OFFLINE, REMOVED, UNAVAIL or SUSPENDED.
    pub status: Option<String>,
    pub path: Option<String>,
    /// True also while resilvering (then `warning` is true too).
    pub healthy: Option<bool>,
    pub warning: Option<bool>,
    /// libzfs PoolStatus name: OK, FAULTED_DEV_R, RESILVERING, …
    pub status_code: Option<String>,
    /// English explanation; null when OK.
    pub status_detail: Option<String>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub size: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub allocated: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub free: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub freeing: Option<u64>,
    /// A string in the API (e.g. `"7"`), percent.
    #[serde(deserialize_with = "de::string_or_number")]
    pub fragmentation: Option<String>,
    pub is_upgraded: Option<bool>,
    pub scan: Option<Scan>,
    pub topology: Option<Topology>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Scan {
    /// SCRUB, RESILVER or NONE.
    pub function: Option<String>,
    /// SCANNING, FINISHED, CANCELED or NONE.
    pub state: Option<String>,
    #[serde(deserialize_with = "opt_date")]
    pub start_time: Option<ApiDate>,
    /// Null while scanning.
    #[serde(deserialize_with = "opt_date")]
    pub end_time: Option<ApiDate>,
    pub percentage: Option<f64>,
    /// libzfs fills `bytes_to_process` and `bytes_processed` swapped.
    #[serde(deserialize_with = "de::lenient_u64")]
    pub bytes_to_process: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub bytes_processed: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub bytes_issued: Option<u64>,
    #[serde(deserialize_with = "opt_date")]
    pub pause: Option<ApiDate>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub errors: Option<u64>,
    /// Only while scanning.
    #[serde(deserialize_with = "de::lenient_u64")]
    pub total_secs_left: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Topology {
    #[serde(deserialize_with = "de::vec_or_null")]
    pub data: Vec<Vdev>,
    #[serde(deserialize_with = "de::vec_or_null")]
    pub log: Vec<Vdev>,
    #[serde(deserialize_with = "de::vec_or_null")]
    pub cache: Vec<Vdev>,
    #[serde(deserialize_with = "de::vec_or_null")]
    pub spare: Vec<Vdev>,
    #[serde(deserialize_with = "de::vec_or_null")]
    pub special: Vec<Vdev>,
    #[serde(deserialize_with = "de::vec_or_null")]
    pub dedup: Vec<Vdev>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Vdev {
    /// "mirror-0", "raidz1-0", or a partition UUID for a disk.
    pub name: Option<String>,
    /// DISK, MIRROR, RAIDZ1/2/3, DRAID…, REPLACING, SPARE.
    #[serde(rename = "type")]
    pub vdev_type: Option<String>,
    pub path: Option<String>,
    pub guid: Option<String>,
    pub status: Option<String>,
    pub stats: Option<VdevStats>,
    #[serde(deserialize_with = "de::vec_or_null")]
    pub children: Vec<Vdev>,
    /// Partition, e.g. "sda1" (leaves only).
    pub device: Option<String>,
    /// Disk, e.g. "sda" (leaves only).
    pub disk: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct VdevStats {
    #[serde(deserialize_with = "de::lenient_u64")]
    pub read_errors: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub write_errors: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub checksum_errors: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub size: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub allocated: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub self_healed: Option<u64>,
}
