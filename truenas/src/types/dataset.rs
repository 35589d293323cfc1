//! `pool.dataset.query` (`PoolDatasetEntry` in `api/v25_10_0/pool_dataset.py`,
//! built by `plugins/pool_/dataset_query_utils.py`; 24.10 in
//! `plugins/pool_/dataset.py`). `Client::datasets` asks only for the fields
//! poolwatch reads, without the nested `children` trees that the default
//! flat answer repeats under every ancestor. The type holds only what the
//! health model and the metrics read; other fields and properties in an
//! answer are skipped while parsing.

use serde::{Deserialize, Serialize};

use super::property::Property;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Dataset {
    /// Full name, e.g. "tank/media".
    pub id: String,
    /// FILESYSTEM or VOLUME.
    #[serde(rename = "type")]
    pub dataset_type: Option<String>,
    pub name: Option<String>,
    pub pool: Option<String>,
    pub encrypted: Option<bool>,
    pub encryption_root: Option<String>,
    pub key_loaded: Option<bool>,
    /// Encrypted and key not loaded.
    pub locked: Option<bool>,
    /// Null for volumes; a locked dataset still shows its path. There is no
    /// "mounted" field in the API.
    pub mountpoint: Option<String>,
    pub used: Option<Property>,
    pub available: Option<Property>,
    /// Raw "0" means no quota: `parsed` and `value` are then null.
    pub quota: Option<Property>,
    /// Volumes only.
    pub volsize: Option<Property>,
    /// `value` like "1.52x".
    pub compressratio: Option<Property>,
    pub readonly: Option<Property>,
    /// Descendants, as the hierarchical answer (`extra.flat=false`) nests
    /// them; `Client::datasets` lifts them into its flat list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Dataset>,
}

impl Dataset {
    /// A filesystem or volume whose encryption key is not loaded.
    pub fn is_locked(&self) -> Option<bool> {
        locked_state(self.locked, self.encrypted, self.key_loaded)
    }
}

/// `locked` when the NAS says it, else derived from `encrypted` and
/// `key_loaded`.
pub(crate) fn locked_state(
    locked: Option<bool>,
    encrypted: Option<bool>,
    key_loaded: Option<bool>,
) -> Option<bool> {
    locked.or(match (encrypted, key_loaded) {
        (Some(encrypted), Some(loaded)) => Some(encrypted && !loaded),
        _ => None,
    })
}
