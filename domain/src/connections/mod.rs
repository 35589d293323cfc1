//! Connections to TrueNAS boxes: validation, the stored form (with the
//! secret) and the service that changes them durably.

mod demo;
mod host;
mod service;
mod tester;
mod validate;

use model::connections::{Connection, REDACTED, TlsMode};
use serde::{Deserialize, Serialize};

pub use demo::{DemoOutcome, DemoSpec};
pub use host::{ParsedHost, parse_host};
pub use service::{ConnectionError, ConnectionService, Limits};
pub use tester::{
    TEST_TIMEOUT, TestError, category_code, client_config, test_connection, transport_code,
};
pub use validate::{normalize_fingerprint, validate};

pub use truenas::ApiKey;

/// Stores the key as a plain string inside the encrypted document; the
/// type itself can only be read through `expose`.
mod api_key_serde {
    use serde::{Deserialize, Deserializer, Serializer};
    use truenas::ApiKey;

    pub fn serialize<S: Serializer>(key: &ApiKey, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(key.expose())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ApiKey, D::Error> {
        String::deserialize(d).map(ApiKey::new)
    }
}

/// A connection as kept in the encrypted store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredConnection {
    pub id: String,
    pub name: String,
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(with = "api_key_serde")]
    pub api_key: ApiKey,
    pub tls_mode: TlsMode,
    #[serde(default)]
    pub fingerprint: Option<String>,
    pub use_https: bool,
    pub allow_insecure_transport: bool,
    pub enabled: bool,
    pub poll_interval_seconds: u32,
    /// Made by `serve --demo` for a simulated NAS; only the demo code sets it,
    /// so no API can disguise a real box as a demo one.
    #[serde(default)]
    pub demo: bool,
}

#[cfg(test)]
impl StoredConnection {
    /// An enabled HTTPS connection with a placeholder key, for tests that
    /// need connections but never talk to a NAS.
    pub(crate) fn example(id: &str, name: &str) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            host: "127.0.0.1".into(),
            port: 443,
            username: None,
            api_key: ApiKey::new("k".to_owned()),
            tls_mode: TlsMode::Verify,
            fingerprint: None,
            use_https: true,
            allow_insecure_transport: false,
            enabled: true,
            poll_interval_seconds: 60,
            demo: false,
        }
    }
}

impl StoredConnection {
    /// The form every API returns: the key replaced by `********`.
    pub fn redacted(&self) -> Connection {
        Connection {
            id: self.id.clone(),
            name: self.name.clone(),
            host: self.host.clone(),
            port: self.port,
            username: self.username.clone(),
            api_key: REDACTED.to_owned(),
            tls_mode: self.tls_mode,
            fingerprint: self.fingerprint.clone(),
            use_https: self.use_https,
            allow_insecure_transport: self.allow_insecure_transport,
            enabled: self.enabled,
            poll_interval_seconds: self.poll_interval_seconds,
            demo: self.demo,
        }
    }
}

/// The plaintext inside `truenas.enc`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Document {
    pub version: u32,
    pub connections: Vec<StoredConnection>,
    /// Names of demo connections the user deleted (or renamed): `--demo`
    /// does not bring them back. Older versions ignore the field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed_demos: Vec<String>,
}

pub(crate) const DOCUMENT_VERSION: u32 = 1;
