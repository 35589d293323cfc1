//! Monitoring: the poller that reads every enabled NAS and the registry
//! that keeps the resulting resources, their health and their freshness.

mod entry;
mod gauges;
mod metrics;
pub mod poller;
pub mod query;
mod registry;
mod resources;
mod snapshot;

use std::time::SystemTime;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use poller::{MonitorHandle, next_wait};
pub use query::{QueryError, ResourceQuery};
pub use registry::{DEFAULT_STALE_AFTER, Registry};
pub use resources::{alert_status, resource_id};
pub use snapshot::{ResourceChunk, Resources};

fn rfc3339(at: SystemTime) -> String {
    OffsetDateTime::from(at)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "unknown".to_owned())
}
