//! The ZFS health model: pure functions from the TrueNAS shapes
//! (`truenas::types`) to the statuses and reasons the UI shows
//! (`model::resources`). No I/O here; the poller feeds observations in and
//! [`damping`] keeps one flapping poll from changing what is shown.
//!
//! Rules and their sources: `docs/health-model.md`.

pub mod alerts;
pub mod damping;
pub mod dataset;
pub mod dataset_row;
pub mod disk;
pub mod pool;
pub mod storage;
pub mod vdev;

#[cfg(test)]
mod arbitrary;
#[cfg(test)]
pub(crate) mod fixtures;

use model::resources::{Reason, ReasonCode, Status};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use truenas::types::ApiDate;

pub use alerts::{alert_item, alert_items, attach_to_disk, attach_to_pool, strip_html};
pub use damping::{Damped, Damper, Dampers, Verdict};
pub use dataset::evaluate_dataset;
pub use dataset_row::{DatasetRow, observe_datasets};
pub use disk::evaluate_disk;
pub use pool::{evaluate_pool, root_dataset};
pub use storage::{Storage, evaluate_storage};
pub use vdev::{Leaf, LeafMap, device_status, leaf_map};

fn reason(code: ReasonCode, status: Status, message: String, subject: Option<&str>) -> Reason {
    Reason {
        code,
        status,
        message,
        subject: subject.map(str::to_owned),
    }
}

/// The worst status among `base` and every reason.
fn combined(base: Status, reasons: &[Reason]) -> Status {
    reasons.iter().fold(base, |acc, r| acc.worst(r.status))
}

/// RFC 3339 UTC, the form every other poolwatch timestamp takes. A date
/// outside what `time` can represent is treated as not reported.
fn rfc3339(date: ApiDate) -> Option<String> {
    let nanos = i128::from(date.unix_millis()).checked_mul(1_000_000)?;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_render_as_rfc3339_and_absurd_ones_are_dropped() {
        assert_eq!(
            rfc3339(ApiDate(1_700_000_000_123)).as_deref(),
            Some("2023-11-14T22:13:20.123Z")
        );
        assert_eq!(rfc3339(ApiDate(i64::MAX)), None);
        assert_eq!(rfc3339(ApiDate(i64::MIN)), None);
    }
}
