//! The connections of `poolwatch serve --demo`: each start points them at
//! that run's simulators. They are found by name among demo connections
//! only, so a user's connection is never read as, or turned into, a demo one.

use model::connections::TlsMode;

use super::{ApiKey, ConnectionError, ConnectionService, StoredConnection, normalize_fingerprint};

/// How often demo connections are polled: the simulators are local and cheap.
pub const DEMO_POLL_SECONDS: u32 = 10;

/// One simulated NAS to register: where it listens on this run.
#[derive(Clone, Debug)]
pub struct DemoSpec {
    pub name: String,
    pub host: String,
    pub port: u16,
    /// SHA-256 of the simulator's fresh certificate, pinned (any hex form).
    pub fingerprint: String,
    pub api_key: ApiKey,
}

/// What [`ConnectionService::upsert_demo`] did for one spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoOutcome {
    Created,
    Updated,
    Unchanged,
    /// The user deleted or renamed it once; it stays gone.
    Dismissed,
    /// A user's connection has this name; it wins and is left alone.
    NameTaken,
    LimitReached,
}

impl DemoOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            DemoOutcome::Created => "created",
            DemoOutcome::Updated => "updated",
            DemoOutcome::Unchanged => "unchanged",
            DemoOutcome::Dismissed => "dismissed by the user",
            DemoOutcome::NameTaken => "name used by another connection",
            DemoOutcome::LimitReached => "connection limit reached",
        }
    }
}

impl ConnectionService {
    /// Creates or re-points the demo connections in one durable write (none
    /// when nothing changed). A demo connection keeps its id, `enabled` and
    /// poll interval across runs; only where it points changes.
    pub async fn upsert_demo(
        &self,
        specs: &[DemoSpec],
    ) -> Result<Vec<(String, DemoOutcome)>, ConnectionError> {
        let mut dismissed = self.writer.lock().await;
        let current = self.snapshot();
        let mut next = current.as_ref().clone();
        let mut outcomes = Vec::with_capacity(specs.len());
        for spec in specs {
            let fingerprint = normalize_fingerprint(&spec.fingerprint).map_err(|message| {
                ConnectionError::Invalid {
                    field: "fingerprint",
                    message,
                }
            })?;
            let same_name = |c: &StoredConnection| c.name.eq_ignore_ascii_case(&spec.name);
            let outcome = if dismissed.iter().any(|d| d.eq_ignore_ascii_case(&spec.name)) {
                DemoOutcome::Dismissed
            } else if let Some(existing) = next.iter_mut().find(|c| same_name(c)) {
                if !existing.demo {
                    DemoOutcome::NameTaken
                } else {
                    let wanted = StoredConnection {
                        id: existing.id.clone(),
                        enabled: existing.enabled,
                        poll_interval_seconds: existing.poll_interval_seconds,
                        ..demo_connection(spec, fingerprint)
                    };
                    if *existing == wanted {
                        DemoOutcome::Unchanged
                    } else {
                        *existing = wanted;
                        DemoOutcome::Updated
                    }
                }
            } else if next.len() >= self.limits.max_connections {
                DemoOutcome::LimitReached
            } else {
                next.push(demo_connection(spec, fingerprint));
                DemoOutcome::Created
            };
            outcomes.push((spec.name.clone(), outcome));
        }
        if next != *current {
            let keep = dismissed.clone();
            self.commit(next, keep, &mut dismissed).await?;
        }
        Ok(outcomes)
    }
}

fn demo_connection(spec: &DemoSpec, fingerprint: String) -> StoredConnection {
    StoredConnection {
        id: uuid::Uuid::new_v4().to_string(),
        name: spec.name.clone(),
        host: spec.host.clone(),
        port: spec.port,
        username: None,
        api_key: spec.api_key.clone(),
        tls_mode: TlsMode::Pin,
        fingerprint: Some(fingerprint),
        use_https: true,
        allow_insecure_transport: false,
        enabled: true,
        poll_interval_seconds: DEMO_POLL_SECONDS,
        demo: true,
    }
}

#[cfg(test)]
#[path = "demo_tests.rs"]
mod tests;
