use model::connections::{ConnectionInput, REDACTED, TlsMode};

use super::*;

const FP: &str = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

fn input() -> ConnectionInput {
    ConnectionInput {
        name: Some("Basement NAS".into()),
        host: Some("nas.local".into()),
        api_key: Some("1-abcdef".into()),
        ..Default::default()
    }
}

fn new(input: &ConnectionInput) -> Result<StoredConnection, Invalid> {
    validate(input, None, &[], "id-1".into())
}

fn field_of(input: &ConnectionInput) -> (&'static str, String) {
    let err = new(input).unwrap_err();
    assert!(
        !err.message.contains("1-abcdef"),
        "message repeats the key: {}",
        err.message
    );
    (err.field, err.message)
}

#[test]
fn defaults_for_a_minimal_connection() {
    let c = new(&input()).unwrap();
    assert_eq!(c.port, 443);
    assert!(c.use_https && c.enabled && !c.allow_insecure_transport);
    assert_eq!(c.tls_mode, TlsMode::Verify);
    assert_eq!(c.poll_interval_seconds, 60);
    assert_eq!(c.username, None);
    assert_eq!(c.api_key.expose(), "1-abcdef");
}

#[test]
fn every_validation_error_names_its_field() {
    let cases: Vec<(ConnectionInput, &str, &str)> = vec![
        (
            ConnectionInput {
                name: None,
                ..input()
            },
            "name",
            "required",
        ),
        (
            ConnectionInput {
                name: Some("  ".into()),
                ..input()
            },
            "name",
            "required",
        ),
        (
            ConnectionInput {
                name: Some("x".repeat(65)),
                ..input()
            },
            "name",
            "longer than 64",
        ),
        (
            ConnectionInput {
                name: Some("a\u{7}b".into()),
                ..input()
            },
            "name",
            "control",
        ),
        (
            ConnectionInput {
                host: None,
                ..input()
            },
            "host",
            "required",
        ),
        (
            ConnectionInput {
                host: Some("u:p@nas".into()),
                ..input()
            },
            "host",
            "credentials",
        ),
        (
            ConnectionInput {
                host: Some("nas/api".into()),
                ..input()
            },
            "host",
            "path",
        ),
        (
            ConnectionInput {
                port: Some(0),
                ..input()
            },
            "port",
            "out of range",
        ),
        (
            ConnectionInput {
                port: Some(70000),
                ..input()
            },
            "port",
            "out of range",
        ),
        (
            ConnectionInput {
                host: Some("nas:444".into()),
                port: Some(443),
                ..input()
            },
            "port",
            "contradicts",
        ),
        (
            ConnectionInput {
                username: Some("a b".into()),
                ..input()
            },
            "username",
            "without spaces",
        ),
        (
            ConnectionInput {
                api_key: None,
                ..input()
            },
            "apiKey",
            "required",
        ),
        (
            ConnectionInput {
                api_key: Some(REDACTED.into()),
                ..input()
            },
            "apiKey",
            "required",
        ),
        (
            ConnectionInput {
                api_key: Some(" ".into()),
                ..input()
            },
            "apiKey",
            "required",
        ),
        (
            ConnectionInput {
                api_key: Some("a\nb".into()),
                ..input()
            },
            "apiKey",
            "without spaces",
        ),
        (
            ConnectionInput {
                tls_mode: Some(TlsMode::Pin),
                ..input()
            },
            "fingerprint",
            "required when tlsMode is pin",
        ),
        (
            ConnectionInput {
                fingerprint: Some("abc".into()),
                ..input()
            },
            "fingerprint",
            "64 hex",
        ),
        (
            ConnectionInput {
                use_https: Some(false),
                ..input()
            },
            "useHttps",
            "allowInsecureTransport",
        ),
        (
            ConnectionInput {
                host: Some("https://nas".into()),
                use_https: Some(false),
                ..input()
            },
            "useHttps",
            "contradicts",
        ),
        (
            ConnectionInput {
                poll_interval_seconds: Some(9),
                ..input()
            },
            "pollIntervalSeconds",
            "between 10 and 3600",
        ),
        (
            ConnectionInput {
                poll_interval_seconds: Some(3601),
                ..input()
            },
            "pollIntervalSeconds",
            "between 10 and 3600",
        ),
    ];
    for (case, field, words) in cases {
        let (got_field, message) = field_of(&case);
        assert_eq!(got_field, field, "{case:?} -> {message}");
        assert!(
            message.contains(words),
            "{case:?}: '{message}' lacks '{words}'"
        );
    }
}

#[test]
fn names_are_unique_ignoring_case() {
    let first = new(&input()).unwrap();
    let err = validate(
        &ConnectionInput {
            name: Some("basement nas".into()),
            ..input()
        },
        None,
        std::slice::from_ref(&first),
        "id-2".into(),
    )
    .unwrap_err();
    assert_eq!(err.field, "name");
    assert!(err.message.contains("already named"));
}

#[test]
fn scheme_and_port_in_host_are_taken_apart() {
    let c = new(&ConnectionInput {
        host: Some("http://192.0.2.5:8080".into()),
        allow_insecure_transport: Some(true),
        ..input()
    })
    .unwrap();
    assert_eq!(
        (c.host.as_str(), c.port, c.use_https),
        ("192.0.2.5", 8080, false)
    );
}

#[test]
fn pin_normalizes_the_fingerprint() {
    let c = new(&ConnectionInput {
        tls_mode: Some(TlsMode::Pin),
        fingerprint: Some(FP.replace(':', "").to_lowercase()),
        ..input()
    })
    .unwrap();
    assert_eq!(c.fingerprint.as_deref(), Some(FP.to_lowercase().as_str()));
}

#[test]
fn update_keeps_what_is_absent_and_the_redacted_key() {
    let current = new(&ConnectionInput {
        username: Some("admin".into()),
        poll_interval_seconds: Some(30),
        ..input()
    })
    .unwrap();
    let change = ConnectionInput {
        name: Some("Renamed".into()),
        api_key: Some(REDACTED.into()),
        ..Default::default()
    };
    let updated = validate(&change, Some(&current), &[], current.id.clone()).unwrap();
    assert_eq!(updated.name, "Renamed");
    assert_eq!(updated.api_key, current.api_key);
    assert_eq!(updated.username.as_deref(), Some("admin"));
    assert_eq!(updated.poll_interval_seconds, 30);
    assert_eq!(updated.host, current.host);

    let new_key = ConnectionInput {
        api_key: Some("2-new".into()),
        ..Default::default()
    };
    let updated = validate(&new_key, Some(&current), &[], current.id.clone()).unwrap();
    assert_eq!(updated.api_key.expose(), "2-new");
}

#[test]
fn api_key_debug_is_redacted() {
    let c = new(&input()).unwrap();
    let debug = format!("{c:?}");
    assert!(!debug.contains("1-abcdef"), "{debug}");
    assert!(debug.contains(REDACTED));
    assert_eq!(c.redacted().api_key, REDACTED);
}
