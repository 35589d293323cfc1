//! The root of the domain layer: one value shared (behind `Arc`) by the REST
//! handlers and the server functions, so both see the same state.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use model::{CredentialsHealth, ServerStatus};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::DataDir;
use crate::connections::{ConnectionService, Limits};
use crate::monitor::{MonitorHandle, Registry};
use crate::store::StoreError;

#[derive(Debug, Clone)]
pub struct ServicesConfig {
    pub version: String,
    pub demo: bool,
    /// `POOLWATCH_ENABLE_TRUENAS`: off means nothing polls and the
    /// connection API answers `truenas_disabled`.
    pub truenas_enabled: bool,
    pub max_connections: usize,
    /// `POOLWATCH_STALE_AFTER_SECONDS`: data older than this (and than two
    /// poll intervals) is marked stale.
    pub stale_after: Duration,
    /// Test and benchmark knob (`POOLWATCH_POLL_EVERY_MS`): poll every
    /// connection at this interval instead of its own.
    pub poll_every: Option<Duration>,
}

#[derive(Debug)]
pub struct Services {
    config: ServicesConfig,
    data_dir: DataDir,
    started: SystemTime,
    connections: ConnectionService,
    registry: Arc<Registry>,
}

impl Services {
    /// Opens the credential store in the data dir (blocking file I/O). Fails
    /// only when poolwatch must not start (an unsafe or malformed key file).
    pub fn open(config: ServicesConfig, data_dir: DataDir) -> Result<Self, StoreError> {
        let connections = ConnectionService::open(
            data_dir.path(),
            Limits {
                max_connections: config.max_connections,
            },
        )?;
        let registry = Arc::new(Registry::new(config.stale_after, config.poll_every));
        Ok(Self {
            config,
            data_dir,
            started: SystemTime::now(),
            connections,
            registry,
        })
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    pub fn demo(&self) -> bool {
        self.config.demo
    }

    pub fn truenas_enabled(&self) -> bool {
        self.config.truenas_enabled
    }

    pub fn connections(&self) -> &ConnectionService {
        &self.connections
    }

    pub fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// Starts polling every enabled connection; stops when the handle is
    /// dropped. With the TrueNAS integration off nothing is polled.
    pub fn start_monitoring(self: &Arc<Self>) -> Option<MonitorHandle> {
        self.config
            .truenas_enabled
            .then(|| crate::monitor::poller::start(self.clone()))
    }

    /// Connections with their poll and transport status.
    pub fn connection_views(&self) -> Vec<model::monitor::ConnectionView> {
        self.registry.views(&self.connections.stored())
    }

    pub fn credentials_health(&self) -> CredentialsHealth {
        let problem = self.connections.store_problem();
        CredentialsHealth {
            ok: problem.is_none(),
            problem,
        }
    }

    pub fn status(&self) -> ServerStatus {
        let uptime = SystemTime::now()
            .duration_since(self.started)
            .unwrap_or(Duration::ZERO);
        ServerStatus {
            version: self.config.version.clone(),
            started_at: rfc3339(self.started),
            uptime_seconds: uptime.as_secs(),
            demo: self.config.demo,
            truenas_enabled: self.config.truenas_enabled,
            data_dir: self.data_dir.health(),
            credentials: self.credentials_health(),
        }
    }
}

fn rfc3339(at: SystemTime) -> String {
    OffsetDateTime::from(at)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn config() -> ServicesConfig {
        ServicesConfig {
            version: "9.9.9".into(),
            demo: true,
            truenas_enabled: true,
            max_connections: 256,
            stale_after: crate::monitor::DEFAULT_STALE_AFTER,
            poll_every: None,
        }
    }

    #[test]
    fn status_reports_version_start_data_dir_and_credentials() {
        let root = tempfile::tempdir().unwrap();
        let dir = DataDir::prepare(root.path().join("d")).unwrap();
        let services = Services::open(config(), dir).unwrap();
        let status = services.status();
        assert_eq!(status.version, "9.9.9");
        assert!(status.demo && status.truenas_enabled);
        assert!(status.data_dir.writable);
        assert!(status.credentials.ok, "{:?}", status.credentials);
        let started = OffsetDateTime::parse(&status.started_at, &Rfc3339).unwrap();
        let age = OffsetDateTime::now_utc() - started;
        assert!(
            age.whole_seconds() >= 0 && age.whole_seconds() < 60,
            "{age}"
        );
    }

    #[test]
    fn an_unreadable_store_shows_in_the_status() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("d");
        let dir = DataDir::prepare(&path).unwrap();
        std::fs::write(path.join(crate::store::STORE_FILE), b"garbage").unwrap();
        std::fs::write(path.join(crate::store::KEY_FILE), [1u8; 32]).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            path.join(crate::store::KEY_FILE),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let services = Services::open(config(), dir).unwrap();
        let health = services.status().credentials;
        assert!(!health.ok);
        assert!(health.problem.unwrap().contains("truenas.enc"));
    }
}
