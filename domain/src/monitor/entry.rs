//! What the registry keeps per connection: the last-known data (kept when a
//! poll fails), the poll bookkeeping, and the dampers of its resources.

use std::time::SystemTime;

use model::monitor::{PollError, ResourceType, SystemSummary};
use model::resources::Status;
use tokio::time::Instant;

use crate::connections::StoredConnection;
use crate::health::{Dampers, Storage};

/// The last successful read of one NAS.
#[derive(Clone, Debug)]
pub struct NasData {
    pub system: SystemSummary,
    pub storage: Storage,
}

#[derive(Debug)]
pub struct NasEntry {
    pub connection: StoredConnection,
    pub data: Option<NasData>,
    /// Monotonic time of the last success, for staleness (pausable in tests).
    pub fresh_at: Option<Instant>,
    pub last_success: Option<SystemTime>,
    pub last_attempt: Option<SystemTime>,
    pub consecutive_failures: u32,
    pub last_error: Option<PollError>,
    pub transport: Option<String>,
    pub connected: bool,
    pub dampers: ResourceDampers,
    /// Bumped by every change that shows in the entry's resources, so the
    /// readers' cached chunk of them is rebuilt.
    pub generation: u64,
}

impl NasEntry {
    pub fn new(connection: StoredConnection) -> Self {
        Self {
            connection,
            data: None,
            fresh_at: None,
            last_success: None,
            last_attempt: None,
            consecutive_failures: 0,
            last_error: None,
            transport: None,
            connected: false,
            dampers: ResourceDampers::default(),
            generation: 0,
        }
    }
}

/// The flap dampers of one connection's pools, disks and alerts: one set
/// per resource type, keyed by the resource's name. Datasets, by far the
/// most numerous, carry their damper in their row
/// ([`DatasetRow`](crate::health::DatasetRow)).
#[derive(Debug, Default)]
pub struct ResourceDampers {
    by_type: Vec<(ResourceType, Dampers<String, Status>)>,
}

impl ResourceDampers {
    pub fn observe(&mut self, kind: ResourceType, name: &str, status: Status) {
        let at = match self.by_type.iter().position(|(k, _)| *k == kind) {
            Some(at) => at,
            None => {
                self.by_type.push((kind, Dampers::new(Status::Unknown)));
                self.by_type.len() - 1
            }
        };
        self.by_type[at].1.observe_borrowed(name, Some(status));
    }

    /// After a successful poll: resources it did not mention are gone.
    pub fn end_poll(&mut self) {
        for (_, dampers) in &mut self.by_type {
            dampers.end_round();
        }
    }

    pub fn shown(&self, kind: ResourceType, name: &str) -> Option<Status> {
        let (_, dampers) = self.by_type.iter().find(|(k, _)| *k == kind)?;
        dampers.shown(name).copied()
    }

    /// What flap damping lets the API and the metrics show; a resource
    /// never observed shows its raw status.
    pub fn shown_or(&self, kind: ResourceType, name: &str, raw: Status) -> Status {
        self.shown(kind, name).unwrap_or(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poll_forgets_the_resources_it_no_longer_lists() {
        let mut dampers = ResourceDampers::default();
        dampers.observe(ResourceType::Disk, "sdb", Status::Warning);
        dampers.observe(ResourceType::Disk, "sda", Status::Online);
        dampers.observe(ResourceType::Pool, "tank", Status::Online);
        dampers.end_poll();
        dampers.observe(ResourceType::Disk, "sda", Status::Online);
        dampers.observe(ResourceType::Pool, "tank", Status::Online);
        dampers.end_poll();
        assert_eq!(dampers.shown(ResourceType::Disk, "sdb"), None);
        assert_eq!(
            dampers.shown(ResourceType::Disk, "sda"),
            Some(Status::Online)
        );
        assert_eq!(
            dampers.shown(ResourceType::Pool, "tank"),
            Some(Status::Online)
        );
    }
}
