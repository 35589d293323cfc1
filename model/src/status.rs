use serde::{Deserialize, Serialize};

/// What the dashboard knows about the poolwatch process itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerStatus {
    /// poolwatch's own version (Cargo package version).
    pub version: String,
    /// Process start as RFC 3339 UTC; the browser renders it in local time.
    pub started_at: String,
    /// Seconds since start, so the UI needs no clock agreement with the server.
    pub uptime_seconds: u64,
    /// Whether `--demo` (built-in simulated NAS) is active.
    pub demo: bool,
    /// `POOLWATCH_ENABLE_TRUENAS`.
    pub truenas_enabled: bool,
    pub data_dir: DataDirHealth,
    pub credentials: CredentialsHealth,
}

/// Whether the encrypted credential store can be read and written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsHealth {
    pub ok: bool,
    /// What is wrong and what to do, when not ok.
    pub problem: Option<String>,
}

/// Health of the data directory, where credentials and state are persisted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataDirHealth {
    pub path: String,
    pub writable: bool,
    /// Why the directory is not usable, in words an operator can act on.
    pub problem: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_camel_case_for_the_rest_contract() {
        let status = ServerStatus {
            version: "0.1.0".into(),
            started_at: "2026-11-22T02:00:00Z".into(),
            uptime_seconds: 5,
            demo: true,
            truenas_enabled: true,
            data_dir: DataDirHealth {
                path: "/var/lib/poolwatch".into(),
                writable: true,
                problem: None,
            },
            credentials: CredentialsHealth {
                ok: true,
                problem: None,
            },
        };
        let json = serde_json::to_value(&status).unwrap();
        assert_eq!(json["startedAt"], "2026-11-22T02:00:00Z");
        assert_eq!(json["uptimeSeconds"], 5);
        assert_eq!(json["dataDir"]["writable"], true);
        let back: ServerStatus = serde_json::from_value(json).unwrap();
        assert_eq!(back, status);
    }
}
