//! Turns a [`ConnectionInput`] into a [`StoredConnection`], with one
//! message per problem naming its field. Messages never repeat the API key.

use model::connections::{ConnectionInput, REDACTED, TlsMode};

use super::{ApiKey, StoredConnection, parse_host};

pub const DEFAULT_POLL_SECONDS: u32 = 60;
pub const POLL_RANGE: std::ops::RangeInclusive<u32> = 10..=3600;
const NAME_MAX: usize = 64;
const USERNAME_MAX: usize = 128;
const API_KEY_MAX: usize = 1024;

/// A validation failure: the field (camelCase, as in the JSON) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> Invalid {
    Invalid {
        field,
        message: message.into(),
    }
}

/// Validates `input` as a new connection (`current` None) or as a change to
/// `current` (absent fields keep their value; an absent or `********` key
/// keeps the stored key). `others` are the other connections, for the
/// unique name.
pub fn validate(
    input: &ConnectionInput,
    current: Option<&StoredConnection>,
    others: &[StoredConnection],
    id: String,
) -> Result<StoredConnection, Invalid> {
    let name = input
        .name
        .as_deref()
        .map(str::trim)
        .map(str::to_owned)
        .or_else(|| current.map(|c| c.name.clone()))
        .unwrap_or_default();
    if name.is_empty() {
        return Err(invalid("name", "name is required"));
    }
    if name.chars().count() > NAME_MAX {
        return Err(invalid(
            "name",
            format!("name is longer than {NAME_MAX} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid("name", "name must not contain control characters"));
    }
    if others.iter().any(|o| o.name.eq_ignore_ascii_case(&name)) {
        return Err(invalid(
            "name",
            format!("another connection is already named '{name}'"),
        ));
    }

    let (host, scheme_https, host_port) = match (&input.host, current) {
        (Some(raw), _) => {
            let parsed = parse_host(raw).map_err(|m| invalid("host", m))?;
            (parsed.host, parsed.https, parsed.port)
        }
        (None, Some(c)) => (c.host.clone(), None, None),
        (None, None) => return Err(invalid("host", "host is required")),
    };

    let use_https = match (input.use_https, scheme_https) {
        (Some(flag), Some(scheme)) if flag != scheme => {
            return Err(invalid(
                "useHttps",
                "useHttps contradicts the scheme given in host",
            ));
        }
        (Some(flag), _) => flag,
        (None, Some(scheme)) => scheme,
        (None, None) => current.is_none_or(|c| c.use_https),
    };
    let allow_insecure_transport = input
        .allow_insecure_transport
        .or_else(|| current.map(|c| c.allow_insecure_transport))
        .unwrap_or(false);
    if !use_https && !allow_insecure_transport {
        return Err(invalid(
            "useHttps",
            "plain HTTP would send the API key unencrypted, and TrueNAS 25.04+ revokes keys seen that way; \
             use HTTPS, or set allowInsecureTransport to true if you accept that",
        ));
    }

    let port = match (input.port, host_port) {
        (Some(p), Some(hp)) if p != u32::from(hp) => {
            return Err(invalid(
                "port",
                format!("port {p} contradicts the port {hp} given in host"),
            ));
        }
        (Some(p), _) => u16::try_from(p)
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| invalid("port", format!("port {p} is out of range (1-65535)")))?,
        (None, Some(hp)) => hp,
        (None, None) => match current {
            Some(c) if input.host.is_none() && input.use_https.is_none() => c.port,
            _ if use_https => 443,
            _ => 80,
        },
    };

    let username = match &input.username {
        Some(u) => Some(u.trim().to_owned()).filter(|u| !u.is_empty()),
        None => current.and_then(|c| c.username.clone()),
    };
    if let Some(u) = &username
        && (u.chars().count() > USERNAME_MAX
            || u.chars().any(|c| c.is_control() || c.is_whitespace()))
    {
        return Err(invalid(
            "username",
            "username must be at most 128 characters without spaces",
        ));
    }

    let api_key = match (input.api_key.as_deref(), current) {
        (None | Some(REDACTED), Some(c)) => c.api_key.clone(),
        (None | Some(REDACTED), None) => return Err(invalid("apiKey", "apiKey is required")),
        (Some(key), _) => {
            let key = key.trim();
            if key.is_empty() {
                return Err(invalid("apiKey", "apiKey is required"));
            }
            if key.len() > API_KEY_MAX || key.chars().any(|c| c.is_control() || c.is_whitespace()) {
                return Err(invalid(
                    "apiKey",
                    "apiKey must be at most 1024 characters without spaces",
                ));
            }
            ApiKey::new(key.to_owned())
        }
    };

    let tls_mode = input
        .tls_mode
        .or_else(|| current.map(|c| c.tls_mode))
        .unwrap_or_default();
    let fingerprint = match &input.fingerprint {
        Some(f) if f.trim().is_empty() => None,
        Some(f) => Some(normalize_fingerprint(f).map_err(|m| invalid("fingerprint", m))?),
        None => current.and_then(|c| c.fingerprint.clone()),
    };
    if tls_mode == TlsMode::Pin && fingerprint.is_none() {
        return Err(invalid(
            "fingerprint",
            "fingerprint is required when tlsMode is pin",
        ));
    }

    let enabled = input
        .enabled
        .or_else(|| current.map(|c| c.enabled))
        .unwrap_or(true);
    let poll_interval_seconds = input
        .poll_interval_seconds
        .or_else(|| current.map(|c| c.poll_interval_seconds))
        .unwrap_or(DEFAULT_POLL_SECONDS);
    if !POLL_RANGE.contains(&poll_interval_seconds) {
        return Err(invalid(
            "pollIntervalSeconds",
            format!("pollIntervalSeconds must be between 10 and 3600, got {poll_interval_seconds}"),
        ));
    }

    Ok(StoredConnection {
        id,
        name,
        host,
        port,
        username,
        api_key,
        tls_mode,
        fingerprint,
        use_https,
        allow_insecure_transport,
        enabled,
        poll_interval_seconds,
        demo: current.is_some_and(|c| c.demo),
    })
}

/// SHA-256 fingerprint as lowercase hex pairs joined by colons. Accepts hex
/// with or without colons (or spaces), in any case.
pub fn normalize_fingerprint(raw: &str) -> Result<String, String> {
    let hex: String = raw
        .chars()
        .filter(|c| *c != ':' && !c.is_whitespace())
        .collect();
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(
            "fingerprint must be a SHA-256 hash: 64 hex digits, with or without colons".to_owned(),
        );
    }
    let lower = hex.to_ascii_lowercase();
    let pairs: Vec<&str> = (0..32).map(|i| &lower[i * 2..i * 2 + 2]).collect();
    Ok(pairs.join(":"))
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
