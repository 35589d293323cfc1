//! ZFS properties as `pool.dataset.query` and the snapshot queries return
//! them: `{parsed, rawvalue, value, source, source_info}`
//! (`api/v25_10_0/pool_dataset.py`, `plugins/pool_/dataset_query_utils.py`).
//! `parsed` changes type with the property (int, bool, string, `$date`,
//! null), so it stays a JSON value with typed accessors. `source` and
//! `source_info` are not read: skipping them keeps a dataset page cheap to
//! parse (the fleet benchmark polls half a million datasets a cycle).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::date::ApiDate;
use super::de;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Property {
    pub parsed: Value,
    #[serde(
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub rawvalue: Option<String>,
    #[serde(
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
}

fn on_off(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Some(true),
        "off" | "no" | "false" => Some(false),
        _ => None,
    }
}

impl Property {
    /// A byte count or other integer: `parsed` when it is one (25.10),
    /// else `rawvalue` (24.10 and snapshots keep numbers there as text).
    pub fn as_u64(&self) -> Option<u64> {
        self.parsed
            .as_u64()
            .or_else(|| self.parsed.as_str().and_then(|s| s.parse().ok()))
            .or_else(|| self.rawvalue.as_deref().and_then(|s| s.parse().ok()))
    }

    /// quota/refquota/reservation/refreservation: raw "0" means "none",
    /// so only a positive value is a limit.
    pub fn as_limit(&self) -> Option<u64> {
        self.as_u64().filter(|n| *n > 0)
    }

    /// On/off properties: `parsed` is a bool on 25.10; older releases have
    /// the "on"/"off" text, in `parsed` or only in `rawvalue`/`value`.
    pub fn as_bool(&self) -> Option<bool> {
        if let Some(b) = self.parsed.as_bool() {
            return Some(b);
        }
        self.parsed
            .as_str()
            .and_then(on_off)
            .or_else(|| self.rawvalue.as_deref().and_then(on_off))
            .or_else(|| self.value.as_deref().and_then(on_off))
    }

    pub fn as_date(&self) -> Option<ApiDate> {
        ApiDate::from_value(&self.parsed)
    }
}
