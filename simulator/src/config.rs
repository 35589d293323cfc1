//! How one simulated NAS is set up.

use std::net::SocketAddr;
use std::time::Duration;

use crate::scenario::Scenario;

/// Counts for the `large` scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeSize {
    pub pools: usize,
    pub datasets: usize,
    pub disks: usize,
}

impl Default for LargeSize {
    fn default() -> Self {
        Self {
            pools: 4,
            datasets: 5_000,
            disks: 96,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// `127.0.0.1:0` picks a free port.
    pub bind: SocketAddr,
    pub tls: bool,
    /// Behave like ≤24.10: no `/api/current` (HTTP 404), REST only, and
    /// snapshots only through `zfs.snapshot`.
    pub legacy: bool,
    pub hostname: String,
    /// `system.info` version; `None` picks one matching `legacy`.
    pub version: Option<String>,
    pub username: String,
    pub api_key: String,
    pub scenario: Scenario,
    pub large: LargeSize,
    pub slow_delay: Duration,
    /// Length of each down and each up phase in the flapping scenario.
    pub flap_period: Duration,
    /// Methods that fail as an unhandled middleware exception would:
    /// JSON-RPC -32603, REST HTTP 500 `{"message", "traceback"}`.
    pub broken_methods: Vec<String>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            tls: false,
            legacy: false,
            hostname: "truenas".to_owned(),
            version: None,
            username: "admin".to_owned(),
            api_key: DEFAULT_API_KEY.to_owned(),
            scenario: Scenario::Healthy,
            large: LargeSize::default(),
            slow_delay: Duration::from_secs(2),
            flap_period: Duration::from_secs(2),
            broken_methods: Vec::new(),
        }
    }
}

/// Shaped like a real key: `<id>-<64 chars>` (`plugins/api_key.py`).
pub const DEFAULT_API_KEY: &str = "1-simulatorsimulatorsimulatorsimulatorsimulatorsimulatorsimulat";

impl SimConfig {
    pub fn version(&self) -> String {
        match (&self.version, self.legacy) {
            (Some(version), _) => version.clone(),
            (None, false) => "25.10.1".to_owned(),
            (None, true) => "TrueNAS-SCALE-24.10.2".to_owned(),
        }
    }
}
