//! "Test connection": one real round trip to the NAS with the settings as
//! given, reporting what the wizard needs to show (version, hostname,
//! transport, certificate) or why it failed, classified.

use std::time::Duration;

use model::connections::{ConnectionInput, TestOutcome, TlsMode};

use super::{ConnectionError, ConnectionService, StoredConnection, validate};

impl ConnectionService {
    /// Tests settings that are not saved (the wizard's "Test connection").
    /// A missing name does not stop a test.
    pub async fn test_unsaved(
        &self,
        input: &ConnectionInput,
    ) -> Result<TestOutcome, ConnectionError> {
        let mut input = input.clone();
        if input.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            input.name = Some("connection test".to_owned());
        }
        let candidate = validate(&input, None, &[], String::new())?;
        Ok(test_connection(&candidate).await?)
    }

    /// Tests a stored connection with its stored key, with `changes` (if
    /// any) applied first, so an edit can be tested before it is saved.
    pub async fn test_stored(
        &self,
        id: &str,
        changes: Option<&ConnectionInput>,
    ) -> Result<TestOutcome, ConnectionError> {
        let current = self
            .get_stored(id)
            .ok_or_else(|| ConnectionError::NotFound(id.to_owned()))?;
        let candidate = match changes {
            Some(changes) => validate(changes, Some(&current), &[], id.to_owned())?,
            None => current,
        };
        Ok(test_connection(&candidate).await?)
    }
}

/// A test never takes longer than this, whatever the NAS does.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a test failed: `code` is one of auth, timeout, connection, tls, api,
/// malformed, invalid_config; the message never contains the key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TestError {
    pub code: &'static str,
    pub message: String,
    /// The certificate the NAS presented, when one was seen: what a user pins.
    pub fingerprint: Option<String>,
}

/// The client configuration for a stored connection.
pub fn client_config(
    conn: &StoredConnection,
    timeout: Duration,
) -> Result<truenas::ConnectionConfig, TestError> {
    let mut config = truenas::ConnectionConfig::new(conn.host.clone(), conn.api_key.clone());
    config.port = conn.port;
    config.use_https = conn.use_https;
    config.username = conn.username.clone();
    config.allow_insecure_transport = conn.allow_insecure_transport;
    config.timeout = timeout;
    config.tls = match conn.tls_mode {
        TlsMode::Verify => truenas::TlsMode::Verify,
        TlsMode::SkipVerify => truenas::TlsMode::SkipVerify,
        TlsMode::Pin => {
            let text = conn.fingerprint.as_deref().unwrap_or_default();
            truenas::TlsMode::Pin(truenas::Fingerprint::parse(text).map_err(|e| TestError {
                code: "invalid_config",
                message: e.to_string(),
                fingerprint: None,
            })?)
        }
    };
    Ok(config)
}

/// Connects, logs in and reads `system.info`, all within [`TEST_TIMEOUT`].
pub async fn test_connection(conn: &StoredConnection) -> Result<TestOutcome, TestError> {
    let client =
        truenas::Client::new(client_config(conn, TEST_TIMEOUT)?).map_err(|e| classify(&e, None))?;
    let result = tokio::time::timeout(
        TEST_TIMEOUT + Duration::from_secs(1),
        client.test_connection(),
    )
    .await;
    let seen = client
        .seen_certificate()
        .map(|f| f.to_colon_hex().to_ascii_lowercase());
    match result {
        Ok(Ok(report)) => Ok(TestOutcome {
            success: true,
            version: report.version,
            hostname: report.hostname,
            transport: transport_code(report.transport).to_owned(),
            fingerprint: report
                .certificate
                .map(|f| f.to_colon_hex().to_ascii_lowercase())
                .or(seen),
        }),
        Ok(Err(e)) => Err(classify(&e, seen)),
        Err(_) => Err(TestError {
            code: "timeout",
            message: format!("the NAS did not answer within {} s", TEST_TIMEOUT.as_secs()),
            fingerprint: seen,
        }),
    }
}

fn classify(err: &truenas::Error, fingerprint: Option<String>) -> TestError {
    TestError {
        code: category_code(err.category()),
        message: err.to_string(),
        fingerprint,
    }
}

/// The error classes as the API names them (test results, poll errors, metrics).
pub fn category_code(category: truenas::Category) -> &'static str {
    match category {
        truenas::Category::Config => "invalid_config",
        truenas::Category::Auth => "auth",
        truenas::Category::Timeout => "timeout",
        truenas::Category::Connection => "connection",
        truenas::Category::Tls => "tls",
        truenas::Category::Api => "api",
        truenas::Category::Malformed => "malformed",
    }
}

/// `jsonrpc` (WebSocket, 25.04+) or `rest` (`/api/v2.0`).
pub fn transport_code(transport: truenas::Transport) -> &'static str {
    match transport {
        truenas::Transport::JsonRpc => "jsonrpc",
        truenas::Transport::Rest => "rest",
    }
}
