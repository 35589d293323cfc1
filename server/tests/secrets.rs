//! No API key ever leaves poolwatch: a full add → test → update → test →
//! delete cycle runs against the real binary (log level trace) and a
//! simulated NAS; every response (status, headers, body) and every log line
//! is searched for each key used, and so is the credential file on disk.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod process;

use process::{request_raw, signal, start_logging_to};
use serde_json::{Value, json};
use truenas_sim::{DEFAULT_API_KEY, SimConfig, Simulator};

const URL: &str = "/api/truenas/connections";
const SECOND_KEY: &str = "2-anothersecretkeyanothersecretkeyanothersecretkeyanothersecret";
const WRONG_KEY: &str = "3-wrongkeywrongkeywrongkeywrongkeywrongkeywrongkeywrongkeywrongk";

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

    let transcript = tokio::task::spawn_blocking({
        let (data, log) = (data.clone(), log.clone());
        move || {
            let server = start_logging_to(&data, &[("POOLWATCH_LOG", "trace")], Some(&log));
            let addr = server.addr.clone();
            let mut transcript = Vec::new();
            let mut call = |method: &str, path: &str, body: Option<Value>| {
                let raw = request_raw(&addr, method, path, body.map(|b| b.to_string()).as_deref())
                    .unwrap();
                transcript.push(raw.clone());
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
            signal(&server.child, "TERM");
            transcript
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
    println!(
        "secrets: {} responses and {} log lines searched for 3 keys, none found",
        transcript.len(),
        log_text.lines().count()
    );
}
