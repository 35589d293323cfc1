//! `alert.list` (`Alert` in `api/v25_10_0/alert.py`, serialised by
//! `AlertSerializer` in `plugins/alert.py`; levels in `alert/base.py`).

use serde::{Deserialize, Serialize};

use super::date::{ApiDate, opt_date};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Alert {
    pub uuid: String,
    /// INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT or EMERGENCY.
    pub level: Option<String>,
    /// Class name without "AlertClass", e.g. "VolumeStatus".
    pub klass: Option<String>,
    /// Alert source name; "" for one-shot alerts.
    pub source: Option<String>,
    /// Text with arguments applied; may contain HTML.
    pub formatted: Option<String>,
    #[serde(deserialize_with = "opt_date")]
    pub datetime: Option<ApiDate>,
    #[serde(deserialize_with = "opt_date")]
    pub last_occurrence: Option<ApiDate>,
    /// Dismissed alerts stay in the list.
    pub dismissed: Option<bool>,
    pub one_shot: Option<bool>,
    pub node: Option<String>,
}

impl Alert {
    /// Numeric level from `alert/base.py` (INFO 1 … EMERGENCY 7).
    pub fn level_rank(&self) -> Option<u8> {
        Some(match self.level.as_deref()? {
            "INFO" => 1,
            "NOTICE" => 2,
            "WARNING" => 3,
            "ERROR" => 4,
            "CRITICAL" => 5,
            "ALERT" => 6,
            "EMERGENCY" => 7,
            _ => return None,
        })
    }
}
