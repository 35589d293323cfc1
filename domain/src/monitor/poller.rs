//! The poller: one task per enabled connection, at its own interval, with a
//! global bound on polls in flight. It follows connection changes at once:
//! a new or changed connection (re)starts its task, a disabled or deleted
//! one stops and leaves the registry. A failed poll keeps the last-known
//! data; repeated auth failures back off so the NAS is not hammered.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use model::monitor::SystemSummary;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;

use super::Registry;
use crate::Services;
use crate::connections::{StoredConnection, category_code, client_config, transport_code};
use crate::health::{Storage, evaluate_storage};

/// Polls in flight at once, across all NAS.
pub const MAX_IN_FLIGHT: usize = 64;
/// Longest wait between polls after repeated auth failures.
const MAX_AUTH_BACKOFF: Duration = Duration::from_secs(3600);
/// One call to a NAS may take at most this long.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Stops the poller when dropped.
#[derive(Debug)]
pub struct MonitorHandle {
    supervisor: JoinHandle<()>,
}

impl Drop for MonitorHandle {
    fn drop(&mut self) {
        self.supervisor.abort();
    }
}

pub fn start(services: Arc<Services>) -> MonitorHandle {
    let limiter = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    MonitorHandle {
        supervisor: tokio::spawn(supervise(services, limiter)),
    }
}

struct Task {
    connection: StoredConnection,
    handle: JoinHandle<()>,
}

impl Drop for Task {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

async fn supervise(services: Arc<Services>, limiter: Arc<Semaphore>) {
    let registry = services.registry().clone();
    let mut changes = services.connections().subscribe();
    let mut tasks: HashMap<String, Task> = HashMap::new();
    loop {
        changes.borrow_and_update();
        let wanted: Vec<StoredConnection> = services
            .connections()
            .stored()
            .iter()
            .filter(|c| c.enabled)
            .cloned()
            .collect();
        tasks.retain(|id, task| {
            let same = wanted.contains(&task.connection);
            if !same && !wanted.iter().any(|w| &w.id == id) {
                registry.forget(id);
                tracing::info!(connection = %id, "stopped monitoring");
            }
            same
        });
        for connection in wanted {
            if tasks.contains_key(&connection.id) {
                continue;
            }
            registry.track(&connection);
            tracing::info!(connection = %connection.id, name = %connection.name, interval = connection.poll_interval_seconds, "monitoring");
            let handle = tokio::spawn(poll_loop(
                connection.clone(),
                registry.clone(),
                limiter.clone(),
            ));
            tasks.insert(connection.id.clone(), Task { connection, handle });
        }
        if changes.changed().await.is_err() {
            return;
        }
    }
}

async fn poll_loop(connection: StoredConnection, registry: Arc<Registry>, limiter: Arc<Semaphore>) {
    let id = connection.id.clone();
    let interval = registry.interval(&connection);
    let client = match client_config(&connection, CALL_TIMEOUT.min(interval))
        .map_err(|e| (e.code, e.message))
        .and_then(|config| {
            truenas::Client::new(config).map_err(|e| ("invalid_config", e.to_string()))
        }) {
        Ok(client) => client,
        Err((code, message)) => {
            registry.record_failure(&id, code, message, Duration::ZERO);
            return;
        }
    };
    let mut auth_failures: u32 = 0;
    loop {
        let (outcome, took) = {
            let Ok(_permit) = limiter.acquire().await else {
                return;
            };
            registry.attempt_started(&id);
            let started = tokio::time::Instant::now();
            let outcome = poll_once(&client).await;
            (outcome, started.elapsed())
        };
        match outcome {
            Ok((system, storage)) => {
                auth_failures = 0;
                let transport = client.transport().map(|t| transport_code(t).to_owned());
                registry.record_success(&id, system, storage, transport, took);
            }
            Err(err) => {
                let category = err.category();
                auth_failures = if category == truenas::Category::Auth {
                    auth_failures + 1
                } else {
                    0
                };
                tracing::warn!(connection = %id, category = category_code(category), error = %err, "poll failed");
                registry.record_failure(&id, category_code(category), err.to_string(), took);
            }
        }
        tokio::time::sleep(next_wait(interval, auth_failures)).await;
    }
}

/// The interval, doubled for each auth failure in a row (TrueNAS throttles
/// and may lock out repeated bad logins), up to an hour.
pub fn next_wait(interval: Duration, auth_failures: u32) -> Duration {
    if auth_failures == 0 {
        return interval;
    }
    interval
        .saturating_mul(1 << auth_failures.min(12))
        .min(MAX_AUTH_BACKOFF.max(interval))
}

async fn poll_once(client: &truenas::Client) -> Result<(SystemSummary, Storage), truenas::Error> {
    let info = client.system_info().await?;
    let pools = client.pools().await?;
    let datasets = client.dataset_rows().await?;
    let disks = client.disks().await?;
    let alerts = client.alerts().await?;
    let system = SystemSummary {
        hostname: info.hostname,
        version: info.version,
        model: info.model,
        serial: info.system_serial,
        physmem: info.physmem,
        cores: info.cores,
        uptime_seconds: info
            .uptime_seconds
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| s as u64),
        ecc_memory: info.ecc_memory,
    };
    Ok((system, evaluate_storage(&pools, datasets, &disks, &alerts)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_failures_back_off_up_to_an_hour() {
        let minute = Duration::from_secs(60);
        assert_eq!(next_wait(minute, 0), minute);
        assert_eq!(next_wait(minute, 1), minute * 2);
        assert_eq!(next_wait(minute, 3), minute * 8);
        assert_eq!(next_wait(minute, 40), Duration::from_secs(3600));
        assert_eq!(
            next_wait(Duration::from_secs(3600), 5),
            Duration::from_secs(3600)
        );
    }
}
