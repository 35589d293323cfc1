//! Connections: how poolwatch reaches one TrueNAS box. JSON is camelCase,
//! the contract of the operator runbook's REST API.

use serde::{Deserialize, Serialize};

/// What every response shows instead of an API key.
pub const REDACTED: &str = "********";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TlsMode {
    /// Verify the certificate chain and host name against public roots.
    #[default]
    Verify,
    /// Accept any certificate (explicit opt-in; the key still only goes over TLS).
    SkipVerify,
    /// Accept exactly the certificate whose SHA-256 fingerprint is stored.
    Pin,
}

impl TlsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::Verify => "verify",
            TlsMode::SkipVerify => "skipVerify",
            TlsMode::Pin => "pin",
        }
    }
}

/// A stored connection as every API returns it: the key is always [`REDACTED`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub id: String,
    pub name: String,
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub api_key: String,
    pub tls_mode: TlsMode,
    pub fingerprint: Option<String>,
    pub use_https: bool,
    pub allow_insecure_transport: bool,
    pub enabled: bool,
    pub poll_interval_seconds: u32,
    /// A connection to one of the simulated NAS of `poolwatch serve --demo`;
    /// it can be deleted like any other and then stays gone.
    #[serde(default)]
    pub demo: bool,
}

/// A create or update request. Every field is optional here so that each
/// missing or wrong one gets its own message naming it; unknown fields are
/// refused (a typo like `apikey` must not silently drop the key).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectionInput {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub port: Option<u32>,
    #[serde(default)]
    pub username: Option<String>,
    /// On update, absent or [`REDACTED`] keeps the stored key.
    #[serde(default)]
    pub api_key: Option<String>,
    #[serde(default)]
    pub tls_mode: Option<TlsMode>,
    #[serde(default)]
    pub fingerprint: Option<String>,
    #[serde(default)]
    pub use_https: Option<bool>,
    #[serde(default)]
    pub allow_insecure_transport: Option<bool>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub poll_interval_seconds: Option<u32>,
}

/// Answer of `DELETE /api/truenas/connections/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub success: bool,
    pub id: String,
}

/// Answer of a successful connection test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestOutcome {
    pub success: bool,
    pub version: Option<String>,
    pub hostname: Option<String>,
    /// `jsonrpc` (WebSocket, TrueNAS 25.04+) or `rest` (legacy `/api/v2.0`).
    pub transport: String,
    /// SHA-256 of the leaf certificate seen, lowercase hex with colons; None over plain HTTP.
    pub fingerprint: Option<String>,
}

/// The JSON error body of every API: `{"error": message, "code": …, "field": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a failed connection test: the certificate the NAS presented
    /// (lowercase hex with colons), so the user can pin it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}
