//! `system.info` (`SystemInfoResult` in `api/v25_10_0/system.py`, built by
//! `plugins/system/info.py`; CORE 13.0 in `plugins/system.py`).

use serde::{Deserialize, Serialize};

use super::date::{ApiDate, opt_date};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SystemInfo {
    /// `"25.10.1"` on 25.04+, `"TrueNAS-SCALE-24.10.2"` on 24.10,
    /// `"TrueNAS-13.0-…"` on CORE.
    pub version: Option<String>,
    pub hostname: Option<String>,
    #[serde(deserialize_with = "opt_date")]
    pub buildtime: Option<ApiDate>,
    pub physmem: Option<u64>,
    /// CPU model.
    pub model: Option<String>,
    pub cores: Option<u32>,
    /// Absent on CORE.
    pub physical_cores: Option<u32>,
    pub loadavg: Option<Vec<f64>>,
    /// Python `timedelta` text, e.g. `"12 days, 3:04:05.87"`.
    pub uptime: Option<String>,
    pub uptime_seconds: Option<f64>,
    pub system_serial: Option<String>,
    pub system_product: Option<String>,
    pub system_product_version: Option<String>,
    pub system_manufacturer: Option<String>,
    #[serde(deserialize_with = "opt_date")]
    pub boottime: Option<ApiDate>,
    #[serde(deserialize_with = "opt_date")]
    pub datetime: Option<ApiDate>,
    pub timezone: Option<String>,
    pub ecc_memory: Option<bool>,
}
