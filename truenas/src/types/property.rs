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

impl Property {
    /// See [`PropertyRef::as_u64`](super::PropertyRef::as_u64).
    pub fn as_u64(&self) -> Option<u64> {
        self.view().as_u64()
    }

    /// See [`PropertyRef::as_limit`](super::PropertyRef::as_limit).
    pub fn as_limit(&self) -> Option<u64> {
        self.view().as_limit()
    }

    /// See [`PropertyRef::as_bool`](super::PropertyRef::as_bool).
    pub fn as_bool(&self) -> Option<bool> {
        self.view().as_bool()
    }

    pub fn as_date(&self) -> Option<ApiDate> {
        ApiDate::from_value(&self.parsed)
    }
}
