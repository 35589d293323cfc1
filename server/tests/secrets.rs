//! No secret ever leaves poolwatch: a full add → test → update → test →
//! delete cycle, logins (good and bad), an API token's life and a password
//! change run against the real binary (log level trace) and a simulated NAS;
//! every response (status, headers, body) and every log line is searched for
//! each NAS key, the admin passwords, the session id and the token secret, and
//! the data dir's files for the keys, passwords and token.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod process;

use process::{
    ADMIN_PASSWORD, ADMIN_USER, cookie_of, request_anonymous_raw, request_raw, signal,
    start_logging_to,
};
use serde_json::{Value, json};
use truenas_sim::{DEFAULT_API_KEY, SimConfig, Simulator};

const URL: &str = "/api/truenas/connections";
const SECOND_KEY: &str = "2-anothersecretkeyanothersecretkeyanothersecretkeyanothersecret";
const WRONG_KEY: &str = "3-wrongkeywrongkeywrongkeywrongkeywrongkeywrongkeywrongkeywrongk";
const WRONG_PASSWORD: &str = "guessed-admin-password";
const NEW_PASSWORD: &str = "the-changed-admin-password";

fn body_of(raw: &str) -> Value {
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    serde_json::from_str(body).unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_key_in_any_response_log_line_or_file() {
    let nas = Simulator::start(SimConfig {
        tls: true,
        api_key: DEFAULT_API_KEY.to_owned(),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let port = nas.port();
    let pin = nas.fingerprint().unwrap().to_owned();
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let log = root.path().join("poolwatch.log");

    let (transcript, token_answer, token, session) = tokio::task::spawn_blocking({
        let (data, log) = (data.clone(), log.clone());
        move || {
            let server = start_logging_to(&data, &[("POOLWATCH_LOG", "trace")], Some(&log));
            let addr = server.addr.clone();
            let transcript = std::cell::RefCell::new(Vec::new());
            let call = |method: &str, path: &str, body: Option<Value>| {
                let raw = request_raw(&addr, method, path, body.map(|b| b.to_string()).as_deref())
                    .unwrap();
                transcript.borrow_mut().push(raw.clone());
                raw
            };
            let connection = json!({
                "name": "secret-test", "host": "127.0.0.1", "port": port, "username": "admin",
                "apiKey": DEFAULT_API_KEY, "tlsMode": "pin", "fingerprint": pin,
            });
            let created = body_of(&call("POST", URL, Some(connection.clone())));
            let id = created["id"].as_str().unwrap().to_owned();
            call("GET", URL, None);
            assert_eq!(
                body_of(&call(
                    "POST",
                    &format!("{URL}/test"),
                    Some(connection.clone())
                ))["success"],
                true
            );
            assert_eq!(
                body_of(&call("POST", &format!("{URL}/{id}/test"), None))["success"],
                true
            );
            let mut wrong = connection.clone();
            wrong["apiKey"] = json!(WRONG_KEY);
            assert_eq!(
                body_of(&call("POST", &format!("{URL}/test"), Some(wrong)))["code"],
                "auth"
            );
            let mut invalid = connection;
            invalid["name"] = json!("another");
            invalid["pollIntervalSeconds"] = json!(1);
            assert_eq!(
                body_of(&call("POST", URL, Some(invalid)))["field"],
                "pollIntervalSeconds"
            );
            call(
                "PUT",
                &format!("{URL}/{id}"),
                Some(json!({ "apiKey": "********", "enabled": false })),
            );
            call(
                "PUT",
                &format!("{URL}/{id}"),
                Some(json!({ "apiKey": SECOND_KEY })),
            );
            assert_eq!(
                body_of(&call("POST", &format!("{URL}/{id}/test"), Some(json!({}))))["code"],
                "auth"
            );
            call("POST", "/rpc/connections/list", Some(json!({})));
            call(
                "POST",
                "/rpc/connections/test",
                Some(json!({ "id": id, "input": { "apiKey": "********" } })),
            );
            call("POST", "/rpc/server_status", Some(json!({})));
            call("GET", "/readyz", None);
            assert_eq!(
                body_of(&call("DELETE", &format!("{URL}/{id}"), None))["success"],
                true
            );

            let wrong_login =
                json!({"username": ADMIN_USER, "password": WRONG_PASSWORD}).to_string();
            let refused =
                request_anonymous_raw(&addr, "POST", "/api/auth/login", Some(&wrong_login), &[])
                    .unwrap();
            assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
            transcript.borrow_mut().push(refused);
            let made = call(
                "POST",
                "/api/auth/tokens",
                Some(json!({"name": "secrets", "scope": "read"})),
            );
            let token = body_of(&made)["secret"].as_str().unwrap().to_owned();
            let token_id = body_of(&made)["token"]["id"].as_str().unwrap().to_owned();
            let bearer = format!("Bearer {token}");
            let used = request_anonymous_raw(
                &addr,
                "GET",
                "/api/truenas/connections",
                None,
                &[("Authorization", &bearer)],
            )
            .unwrap();
            assert!(used.starts_with("HTTP/1.1 200"), "{used}");
            transcript.borrow_mut().push(used);
            call("GET", "/api/auth/tokens", None);
            call("POST", &format!("/api/auth/tokens/{token_id}/revoke"), None);
            call("GET", "/api/auth/audit", None);
            let session = cookie_of(&addr).unwrap();
            let change = call(
                "POST",
                "/api/auth/password",
                Some(json!({"currentPassword": ADMIN_PASSWORD, "newPassword": NEW_PASSWORD})),
            );
            assert!(change.starts_with("HTTP/1.1 204"), "{change}");
            signal(&server.child, "TERM");
            (transcript.into_inner(), made, token, session)
        }
    })
    .await
    .unwrap();

    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(
        log_text.contains("connection added"),
        "the log was not captured: {log_text}"
    );
    assert!(
        log_text.lines().count() > 20,
        "trace logging produced too little to prove anything"
    );
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    for key in [DEFAULT_API_KEY, SECOND_KEY, WRONG_KEY] {
        for (i, raw) in transcript.iter().enumerate() {
            assert!(
                !raw.contains(key),
                "response {i} contains a key:\n{}",
                raw.replace(key, "<KEY>")
            );
        }
        let leaks: Vec<String> = log_text
            .lines()
            .filter(|l| l.contains(key))
            .map(|l| l.replace(key, "<KEY>"))
            .collect();
        assert!(
            leaks.is_empty(),
            "log lines contain a key:\n{}",
            leaks.join("\n")
        );
        for (path, bytes) in &files {
            assert!(
                !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
                "{path} holds a key in clear"
            );
        }
    }
    assert!(nas.logins() >= 2, "the cycle never reached the NAS");

    let session_id = session.split_once('=').unwrap().1.to_owned();
    assert!(session_id.len() >= 16, "session id {session_id:?}");
    let auth_secrets = [
        ADMIN_PASSWORD,
        WRONG_PASSWORD,
        NEW_PASSWORD,
        token.as_str(),
        session_id.as_str(),
    ];
    for secret in auth_secrets {
        for (i, raw) in transcript.iter().enumerate() {
            // The token is answered once, at creation: that answer is its only way out.
            if *raw == token_answer && secret == token {
                continue;
            }
            assert!(!raw.contains(secret), "response {i} contains a secret");
        }
        assert!(
            !log_text.contains(secret),
            "the log contains a secret (session id, password or token)"
        );
    }
    for secret in [ADMIN_PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, token.as_str()] {
        for (path, bytes) in &files {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{path} holds a password or token in clear"
            );
        }
    }
    println!(
        "secrets: {} responses and {} log lines searched for 3 NAS keys, 3 passwords, a session id and a token; none found",
        transcript.len(),
        log_text.lines().count()
    );
}
