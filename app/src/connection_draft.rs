//! What the connection wizard holds while the user types: every input as
//! text, turned into the `ConnectionInput` the server validates. The server
//! is the judge of every rule; the only checks here are the ones the server
//! cannot see once the text is gone (a port or interval that is not a number).

use model::connections::{Connection, ConnectionInput, REDACTED, TlsMode};

use crate::api::ApiError;
use crate::forms::{Input, invalid};

/// The wizard's inputs, in the order they are drawn; `id` is the field name
/// the server uses in its errors.
pub const INPUTS: &[Input] = &[
    Input::text("name", "Name", "off").with_hint("How this NAS is called in poolwatch."),
    Input::text("host", "Host", "off")
        .with_hint("The TrueNAS box's address or DNS name, e.g. nas.lan or 192.168.1.10."),
    Input::text("port", "Port", "off").with_kind("number"),
    Input::text("username", "Username", "username")
        .with_hint("The user the API key belongs to; TrueNAS 25.04 and later need it.")
        .optional(),
    API_KEY,
    Input::choice(
        "useHttps",
        "Transport",
        &[
            ("true", "HTTPS (WebSocket or REST over TLS)"),
            ("false", "Plain HTTP: the API key travels unencrypted"),
        ],
    ),
    Input::choice(
        "tlsMode",
        "Certificate check",
        &[
            ("verify", "Verify against trusted authorities"),
            ("pin", "Pin this NAS's certificate (self-signed)"),
            ("skipVerify", "Do not verify (not recommended)"),
        ],
    ),
    Input::text("fingerprint", "Pinned certificate (SHA-256)", "off")
        .with_hint("Filled in by “Pin this certificate” after a test.")
        .optional(),
    Input::text("pollIntervalSeconds", "Poll every (seconds)", "off")
        .with_kind("number")
        .with_hint("Between 10 and 3600."),
];

const API_KEY: Input = Input::password("apiKey", "API key", false).with_hint(
    "Made in TrueNAS under Credentials → Users → API keys; a key of a read-only admin is enough.",
);

/// The key input when editing: the stored key is never sent to the browser.
pub const API_KEY_KEPT: Input = API_KEY
    .with_hint("A key is stored. Leave this empty to keep it.")
    .optional();

/// Index of each input in [`INPUTS`] and in a [`Draft`].
pub mod at {
    pub const NAME: usize = 0;
    pub const HOST: usize = 1;
    pub const PORT: usize = 2;
    pub const API_KEY: usize = 4;
    pub const TLS_MODE: usize = 6;
    pub const FINGERPRINT: usize = 7;
}

/// The text of every input, in [`INPUTS`] order.
pub type Draft = [String; 9];

/// A new connection's starting values.
pub fn blank() -> Draft {
    ["", "", "443", "", "", "true", "verify", "", "60"].map(str::to_owned)
}

/// A stored connection's values; the key stays empty (kept unless typed).
pub fn of(connection: &Connection) -> Draft {
    [
        connection.name.clone(),
        connection.host.clone(),
        connection.port.to_string(),
        connection.username.clone().unwrap_or_default(),
        String::new(),
        connection.use_https.to_string(),
        connection.tls_mode.as_str().to_owned(),
        connection.fingerprint.clone().unwrap_or_default(),
        connection.poll_interval_seconds.to_string(),
    ]
}

fn number(text: &str, field: &str, what: &str) -> Result<u32, ApiError> {
    text.trim()
        .parse()
        .map_err(|_| invalid(field, &format!("{what} must be a whole number.")))
}

/// The request for `draft`. When editing, an empty key means "keep the
/// stored one"; plain HTTP is only reachable by choosing it in the
/// Transport input, which is the explicit consent the server asks for.
pub fn to_input(draft: &Draft, editing: bool) -> Result<ConnectionInput, ApiError> {
    let [
        name,
        host,
        port,
        username,
        api_key,
        use_https,
        tls_mode,
        fingerprint,
        interval,
    ] = draft;
    let use_https = use_https != "false";
    let tls_mode = match tls_mode.as_str() {
        "pin" => TlsMode::Pin,
        "skipVerify" => TlsMode::SkipVerify,
        _ => TlsMode::Verify,
    };
    let api_key = match api_key.trim() {
        "" if editing => Some(REDACTED.to_owned()),
        key => Some(key.to_owned()),
    };
    Ok(ConnectionInput {
        name: Some(name.clone()),
        host: Some(host.clone()),
        port: Some(number(port, "port", "The port")?),
        username: Some(username.clone()),
        api_key,
        tls_mode: Some(tls_mode),
        fingerprint: Some(fingerprint.clone()),
        use_https: Some(use_https),
        allow_insecure_transport: Some(!use_https),
        enabled: None,
        poll_interval_seconds: Some(number(interval, "pollIntervalSeconds", "The interval")?),
    })
}

/// `draft` set to trust exactly the certificate with `fingerprint`.
pub fn pinned(mut draft: Draft, fingerprint: &str) -> Draft {
    draft[at::TLS_MODE] = "pin".to_owned();
    draft[at::FINGERPRINT] = fingerprint.to_owned();
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_draft_matches_its_inputs() {
        assert_eq!(INPUTS.len(), blank().len());
        assert_eq!(INPUTS[at::NAME].id, "name");
        assert_eq!(INPUTS[at::HOST].id, "host");
        assert_eq!(INPUTS[at::PORT].id, "port");
        assert_eq!(INPUTS[at::API_KEY].id, "apiKey");
        assert_eq!(INPUTS[at::TLS_MODE].id, "tlsMode");
        assert_eq!(INPUTS[at::FINGERPRINT].id, "fingerprint");
        for (input, value) in INPUTS.iter().zip(blank()) {
            if !input.options.is_empty() {
                assert!(
                    input.options.iter().any(|(v, _)| *v == value),
                    "{}",
                    input.id
                );
            }
        }
    }

    #[test]
    fn an_edit_keeps_the_stored_key_unless_one_is_typed() {
        let mut draft = blank();
        draft[at::NAME] = "nas".into();
        let kept = to_input(&draft, true).unwrap();
        assert_eq!(kept.api_key.as_deref(), Some(REDACTED));
        let new = to_input(&draft, false).unwrap();
        assert_eq!(new.api_key.as_deref(), Some(""));
        draft[at::API_KEY] = " 1-abc ".into();
        assert_eq!(
            to_input(&draft, true).unwrap().api_key.as_deref(),
            Some("1-abc")
        );
    }

    #[test]
    fn numbers_are_checked_at_their_field_and_http_is_explicit() {
        let mut draft = blank();
        draft[at::PORT] = "https".into();
        assert_eq!(
            to_input(&draft, false).unwrap_err().field.as_deref(),
            Some("port")
        );
        draft[at::PORT] = "8443".into();
        draft[8] = "".into();
        let err = to_input(&draft, false).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("pollIntervalSeconds"));
        draft[8] = "30".into();
        draft[5] = "false".into();
        let input = to_input(&draft, false).unwrap();
        assert_eq!((input.port, input.use_https), (Some(8443), Some(false)));
        assert_eq!(input.allow_insecure_transport, Some(true));
        assert_eq!(input.poll_interval_seconds, Some(30));
    }

    #[test]
    fn pinning_sets_mode_and_fingerprint() {
        let pinned = pinned(blank(), "AB:CD");
        let input = to_input(&pinned, false).unwrap();
        assert_eq!(input.tls_mode, Some(TlsMode::Pin));
        assert_eq!(input.fingerprint.as_deref(), Some("AB:CD"));
    }
}
