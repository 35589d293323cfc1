//! One dataset from `pool.dataset.query` (facts §5) → [`DatasetHealth`].
//! Only a locked encrypted dataset needs attention. `readonly` is how a
//! replication target normally looks, and there is no `mounted` field at
//! all, so neither is a fault (facts §9).

use model::resources::{DatasetHealth, DatasetKind, Reason, ReasonCode, Status};
use truenas::types::Dataset;

use super::dataset_row::DatasetRow;
use super::reason;

pub(crate) fn kind(text: Option<&str>) -> Option<DatasetKind> {
    let text = text?;
    if text.eq_ignore_ascii_case("FILESYSTEM") {
        Some(DatasetKind::Filesystem)
    } else if text.eq_ignore_ascii_case("VOLUME") {
        Some(DatasetKind::Volume)
    } else {
        None
    }
}

/// What a dataset's encryption says about reaching its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lock {
    Open,
    /// Encrypted and its key is not loaded.
    Locked,
    /// Encrypted, but TrueNAS did not say whether the key is loaded.
    Unclear,
}

impl Lock {
    /// From [`Dataset::is_locked`] and `encrypted`.
    pub(crate) fn of(locked: Option<bool>, encrypted: Option<bool>) -> Self {
        match locked {
            Some(true) => Self::Locked,
            None if encrypted == Some(true) => Self::Unclear,
            _ => Self::Open,
        }
    }

    pub(crate) fn status(self) -> Status {
        match self {
            Self::Open => Status::Online,
            Self::Locked => Status::Warning,
            Self::Unclear => Status::Unknown,
        }
    }
}

pub(crate) fn lock_reason(lock: Lock, name: &str, encryption_root: Option<&str>) -> Option<Reason> {
    let message = match lock {
        Lock::Open => return None,
        Lock::Locked => match encryption_root {
            Some(root) if root != name => {
                format!("{name} is locked: the key of its encryption root {root} is not loaded")
            }
            _ => format!("{name} is locked: its encryption key is not loaded"),
        },
        Lock::Unclear => {
            format!("{name} is encrypted but TrueNAS did not report whether it is unlocked")
        }
    };
    let code = if lock == Lock::Locked {
        ReasonCode::DatasetLocked
    } else {
        ReasonCode::MissingData
    };
    Some(reason(code, lock.status(), message, None))
}

/// The health of one dataset, undamped. The registry keeps the compact
/// [`DatasetRow`] and builds this only when a reader asks.
pub fn evaluate_dataset(dataset: &Dataset) -> DatasetHealth {
    DatasetRow::new(&dataset.view()).health()
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use truenas_sim::Scenario;

    use super::super::fixtures;
    use super::*;

    #[test]
    fn plain_filesystem_is_online_with_sizes() {
        let dataset = fixtures::dataset(Scenario::Healthy, "tank/documents");
        let health = evaluate_dataset(&dataset);
        assert_eq!(health.status, Status::Online);
        assert_eq!(health.kind, Some(DatasetKind::Filesystem));
        assert_eq!(health.pool.as_deref(), Some("tank"));
        assert_eq!(health.quota, Some(500 << 30));
        assert_eq!(health.used, dataset.used.as_ref().unwrap().as_u64());
        assert!(health.available.is_some());
        assert!(health.compressratio.is_some_and(|r| r >= 1.0));
        assert_eq!(health.locked, Some(false));
    }

    #[test]
    fn locked_encrypted_dataset_needs_attention() {
        let health = evaluate_dataset(&fixtures::dataset(Scenario::Locked, "tank/secure"));
        assert_eq!(health.status, Status::Warning);
        assert_eq!(health.locked, Some(true));
        assert_eq!(health.encrypted, Some(true));
        assert_eq!(health.reasons[0].code, ReasonCode::DatasetLocked);
        assert!(
            health.reasons[0]
                .message
                .starts_with("tank/secure is locked")
        );
        let unlocked = evaluate_dataset(&fixtures::dataset(Scenario::Healthy, "tank/secure"));
        assert_eq!(unlocked.status, Status::Online);
    }

    #[test]
    fn readonly_replication_target_is_fine() {
        let health = evaluate_dataset(&fixtures::dataset(Scenario::Healthy, "backup/replica"));
        assert_eq!(health.readonly, Some(true));
        assert_eq!(health.status, Status::Online);
        assert!(health.reasons.is_empty());
    }

    #[test]
    fn volume_reports_volsize_and_no_mountpoint() {
        let health = evaluate_dataset(&fixtures::dataset(Scenario::Healthy, "tank/vm-disk"));
        assert_eq!(health.kind, Some(DatasetKind::Volume));
        assert!(health.volsize.is_some_and(|v| v > 0));
        assert_eq!(health.mountpoint, None);
    }

    #[test]
    fn child_of_a_locked_root_and_unknown_lock_state() {
        let child: Dataset = serde_json::from_value(json!({
            "id": "tank/secure/docs", "type": "FILESYSTEM", "encrypted": true,
            "encryption_root": "tank/secure", "key_loaded": false, "locked": true,
            "compressratio": {"parsed": null, "rawvalue": "1.52", "value": "1.52x"}
        }))
        .unwrap();
        let health = evaluate_dataset(&child);
        assert_eq!(health.pool.as_deref(), Some("tank"));
        assert_eq!(health.compressratio, Some(1.52));
        assert!(
            health.reasons[0]
                .message
                .contains("encryption root tank/secure")
        );
        let vague: Dataset =
            serde_json::from_value(json!({"id": "tank/x", "encrypted": true})).unwrap();
        let health = evaluate_dataset(&vague);
        assert_eq!(health.status, Status::Unknown);
        assert_eq!(health.locked, None);
        let bare = evaluate_dataset(&Dataset::default());
        assert_eq!(bare.status, Status::Online);
        assert_eq!(bare.pool, None);
        assert_eq!(bare.used, None);
    }
}
