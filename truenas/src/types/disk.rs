//! `disk.query` (`DiskEntry` in `api/v25_10_0/disk.py`, `plugins/disk.py`)
//! and `disk.temperatures` (`plugins/disk_/temperature.py`). There is no
//! health field: SMART is not part of `disk.query` since 25.10, and absent
//! data means unknown, never failed.

use serde::{Deserialize, Serialize};

use super::date::{ApiDate, opt_date};
use super::de;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Disk {
    /// "{serial_lunid}<serial>_<lunid>" or "{serial}<serial>".
    pub identifier: Option<String>,
    /// Kernel name, e.g. "sda".
    pub name: String,
    pub subsystem: Option<String>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub number: Option<u64>,
    pub serial: Option<String>,
    pub lunid: Option<String>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub size: Option<u64>,
    pub description: Option<String>,
    pub model: Option<String>,
    /// HDD or SSD.
    #[serde(rename = "type")]
    pub disk_type: Option<String>,
    /// RPM; null for SSDs.
    #[serde(deserialize_with = "de::lenient_u64")]
    pub rotationrate: Option<u64>,
    pub zfs_guid: Option<String>,
    pub bus: Option<String>,
    pub devname: Option<String>,
    /// "ALWAYS ON" or minutes.
    #[serde(deserialize_with = "de::string_or_number")]
    pub hddstandby: Option<String>,
    #[serde(deserialize_with = "opt_date")]
    pub expiretime: Option<ApiDate>,
    pub enclosure: Option<Enclosure>,
    /// Only filled because the client passes `extra.pools=true`.
    pub pool: Option<String>,
    /// Degrees Celsius from `disk.temperatures`; not part of `disk.query`.
    #[serde(skip_deserializing)]
    pub temperature: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Enclosure {
    #[serde(deserialize_with = "de::lenient_u64")]
    pub number: Option<u64>,
    #[serde(deserialize_with = "de::lenient_u64")]
    pub slot: Option<u64>,
}
