//! The unified resource registry: the last-known state of every NAS,
//! keyed by connection, so two NAS with the same hostname and pool names
//! never collide. Readers get a consistent list; every change bumps a
//! version that live updates follow.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use model::monitor::{ConnectionView, PollError, PollStatus, SystemSummary, TransportStatus};
use tokio::sync::watch;
use tokio::time::Instant;

use super::entry::{NasData, NasEntry};
use super::metrics::PollMetrics;
use super::resources::resource_statuses;
use super::rfc3339;
use super::snapshot::{ChunkCache, Resources};
use crate::connections::StoredConnection;
use crate::health::{Storage, observe_datasets};

/// Default staleness threshold (`POOLWATCH_STALE_AFTER_SECONDS`).
pub const DEFAULT_STALE_AFTER: Duration = Duration::from_secs(120);

#[derive(Debug)]
pub struct Registry {
    stale_after: Duration,
    poll_every: Option<Duration>,
    entries: RwLock<HashMap<String, NasEntry>>,
    version: watch::Sender<u64>,
    metrics: PollMetrics,
    chunks: Mutex<ChunkCache>,
}

impl Registry {
    pub fn new(stale_after: Duration, poll_every: Option<Duration>) -> Self {
        let (version, _) = watch::channel(0);
        Self {
            stale_after,
            poll_every,
            entries: RwLock::new(HashMap::new()),
            version,
            metrics: PollMetrics::default(),
            chunks: Mutex::new(ChunkCache::default()),
        }
    }

    /// How often a connection is polled.
    pub fn interval(&self, connection: &StoredConnection) -> Duration {
        self.poll_every
            .unwrap_or_else(|| Duration::from_secs(u64::from(connection.poll_interval_seconds)))
    }

    /// Staleness for a connection: the configured threshold, but never less
    /// than two poll intervals (one late poll must not mark data stale).
    pub fn stale_after(&self, connection: &StoredConnection) -> Duration {
        self.stale_after.max(self.interval(connection) * 2)
    }

    fn write<R>(&self, f: impl FnOnce(&mut HashMap<String, NasEntry>) -> R) -> R {
        let result = match self.entries.write() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        };
        self.version.send_modify(|v| *v += 1);
        result
    }

    fn read<R>(&self, f: impl FnOnce(&HashMap<String, NasEntry>) -> R) -> R {
        match self.entries.read() {
            Ok(guard) => f(&guard),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    /// Bumps on every change of any resource or poll status.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.version.subscribe()
    }

    /// Starts (or refreshes the settings of) a monitored connection,
    /// keeping its last-known data when only settings changed.
    pub fn track(&self, connection: &StoredConnection) {
        self.write(|entries| {
            entries
                .entry(connection.id.clone())
                .and_modify(|e| {
                    e.connection = connection.clone();
                    e.generation += 1;
                })
                .or_insert_with(|| NasEntry::new(connection.clone()));
        });
    }

    /// Stops monitoring: the connection's resources leave the registry.
    pub fn forget(&self, connection_id: &str) {
        if let Some(gone) = self.write(|entries| entries.remove(connection_id)) {
            self.metrics.forget(&gone.connection.name);
        }
    }

    /// Prometheus text exposition of the poll metrics and resource gauges.
    pub fn render_metrics(&self) -> String {
        let now = Instant::now();
        self.read(|entries| self.metrics.render(entries, now))
    }

    pub fn attempt_started(&self, connection_id: &str) {
        self.write(|entries| {
            if let Some(e) = entries.get_mut(connection_id) {
                e.last_attempt = Some(SystemTime::now());
            }
        });
    }

    pub fn record_success(
        &self,
        connection_id: &str,
        system: SystemSummary,
        mut storage: Storage,
        transport: Option<String>,
        took: Duration,
    ) {
        self.write(|entries| {
            let Some(e) = entries.get_mut(connection_id) else {
                return;
            };
            self.metrics.record(&e.connection.name, took, None);
            let previous = e.data.as_ref().map_or(&[][..], |d| &d.storage.datasets[..]);
            observe_datasets(&mut storage.datasets, previous);
            for (kind, name, status) in resource_statuses(&storage) {
                e.dampers.observe(kind, name, status);
            }
            e.dampers.end_poll();
            e.data = Some(NasData { system, storage });
            e.fresh_at = Some(Instant::now());
            e.last_success = Some(SystemTime::now());
            e.consecutive_failures = 0;
            e.last_error = None;
            e.transport = transport.or(e.transport.take());
            e.connected = true;
            e.generation += 1;
        });
    }

    /// A failed poll: the last-known data stays, the error is recorded.
    pub fn record_failure(
        &self,
        connection_id: &str,
        category: &str,
        message: String,
        took: Duration,
    ) {
        self.write(|entries| {
            let Some(e) = entries.get_mut(connection_id) else {
                return;
            };
            self.metrics
                .record(&e.connection.name, took, Some(category));
            e.consecutive_failures = e.consecutive_failures.saturating_add(1);
            e.connected = false;
            e.generation += 1;
            e.last_error = Some(PollError {
                at: rfc3339(SystemTime::now()),
                message,
                category: category.to_owned(),
            });
        });
    }

    /// Every resource, in a stable order (connection name, connection id,
    /// type, id). Cheap when little changed since the last call: see
    /// [`Resources`].
    pub fn resources(&self) -> Resources {
        let now = Instant::now();
        self.read(|entries| {
            let mut chunks = self.chunks.lock().unwrap_or_else(PoisonError::into_inner);
            chunks.snapshot(entries.values(), now, |e| self.stale_after(&e.connection))
        })
    }

    /// The poll and transport status of a connection, if it is monitored.
    pub fn status_of(
        &self,
        connection: &StoredConnection,
    ) -> (Option<PollStatus>, Option<TransportStatus>) {
        self.read(|entries| {
            let Some(e) = entries.get(&connection.id) else {
                return (None, None);
            };
            let poll = PollStatus {
                interval_seconds: connection.poll_interval_seconds,
                last_attempt_at: e.last_attempt.map(rfc3339),
                last_success_at: e.last_success.map(rfc3339),
                consecutive_failures: e.consecutive_failures,
                last_error: e.last_error.clone(),
            };
            (Some(poll), Some(transport_status(connection, e)))
        })
    }

    /// Connections with their runtime status, for `GET /api/truenas/connections`.
    pub fn views(&self, connections: &[StoredConnection]) -> Vec<ConnectionView> {
        connections
            .iter()
            .map(|c| {
                let (poll, transport) = self.status_of(c);
                ConnectionView {
                    connection: c.redacted(),
                    poll,
                    transport,
                }
            })
            .collect()
    }
}

fn transport_status(c: &StoredConnection, e: &NasEntry) -> TransportStatus {
    let mode = e.transport.clone();
    let secure = if c.use_https { "s" } else { "" };
    let host = format!("{}:{}", c.host, c.port);
    let endpoint = match mode.as_deref() {
        Some("rest") => format!("http{secure}://{host}/api/v2.0"),
        _ => format!("ws{secure}://{host}/api/current"),
    };
    TransportStatus {
        mode,
        endpoint,
        tls: if c.use_https {
            c.tls_mode.as_str().to_owned()
        } else {
            "none".to_owned()
        },
        connected: e.connected,
        appliance_version: e.data.as_ref().and_then(|d| d.system.version.clone()),
    }
}

#[cfg(test)]
#[path = "registry_tests.rs"]
mod tests;
