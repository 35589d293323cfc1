//! The root of the domain layer: one value shared (behind `Arc`) by the REST
//! handlers and the server functions, so both see the same state.

use std::time::{Duration, SystemTime};

use model::ServerStatus;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::DataDir;

#[derive(Debug, Clone)]
pub struct ServicesConfig {
    pub version: String,
    pub demo: bool,
}

#[derive(Debug)]
pub struct Services {
    config: ServicesConfig,
    data_dir: DataDir,
    started: SystemTime,
}

impl Services {
    pub fn new(config: ServicesConfig, data_dir: DataDir) -> Self {
        Self {
            config,
            data_dir,
            started: SystemTime::now(),
        }
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    pub fn demo(&self) -> bool {
        self.config.demo
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
            data_dir: self.data_dir.health(),
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

    #[test]
    fn status_reports_version_start_and_data_dir() {
        let root = tempfile::tempdir().unwrap();
        let dir = DataDir::prepare(root.path().join("d")).unwrap();
        let services = Services::new(
            ServicesConfig {
                version: "9.9.9".into(),
                demo: true,
            },
            dir,
        );
        let status = services.status();
        assert_eq!(status.version, "9.9.9");
        assert!(status.demo);
        assert!(status.data_dir.writable);
        let started = OffsetDateTime::parse(&status.started_at, &Rfc3339).unwrap();
        let age = OffsetDateTime::now_utc() - started;
        assert!(
            age.whole_seconds() >= 0 && age.whole_seconds() < 60,
            "{age}"
        );
    }
}
