//! `poolwatch serve --demo` against the real binary: three simulated NAS,
//! registered as demo connections that answer over pinned TLS, stable
//! across restarts, gone for good once deleted, and never in the way of a
//! user's own connection.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod process;

use std::path::Path;

use process::{Running, request, signal, start, start_logging_to};
use serde_json::{Value, json};
use truenas_sim::DEFAULT_API_KEY;

const URL: &str = "/api/truenas/connections";
const DEMO: [(&str, &str); 1] = [("POOLWATCH_DEMO", "true")];
const NAMES: [&str; 3] = ["demo-healthy", "demo-degraded", "demo-resilvering"];

fn call(server: &Running, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let (status, body) = request(&server.addr, method, path, body).unwrap();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// A listed connection's stored settings, without the poller's runtime
/// status (which rightly changes between runs).
fn settings(connection: &Value) -> Value {
    let mut c = connection.clone();
    if let Some(map) = c.as_object_mut() {
        map.remove("poll");
        map.remove("transport");
    }
    c
}

fn demo_connections(server: &Running) -> Vec<Value> {
    let (status, list) = call(server, "GET", URL, None);
    assert_eq!(status, 200, "{list}");
    let mut demos: Vec<Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["demo"] == true)
        .map(settings)
        .collect();
    demos.sort_by_key(|c| c["name"].as_str().unwrap().to_owned());
    demos
}

fn stop(mut server: Running) {
    signal(&server.child, "TERM");
    assert!(server.child.wait().unwrap().success(), "SIGTERM exits 0");
}

fn assert_all_answer(server: &Running) -> Vec<Value> {
    let demos = demo_connections(server);
    let mut names: Vec<&str> = demos.iter().map(|c| c["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    let mut expected = NAMES.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected);
    for c in &demos {
        assert_eq!(c["tlsMode"], "pin");
        assert_eq!(c["apiKey"], "********");
        assert_eq!(c["pollIntervalSeconds"], 10);
        let (status, outcome) = call(
            server,
            "POST",
            &format!("{URL}/{}/test", c["id"].as_str().unwrap()),
            None,
        );
        assert_eq!(status, 200, "{outcome}");
        assert_eq!(outcome["success"], true);
        assert_eq!(outcome["hostname"], c["name"]);
    }
    demos
}

fn ports(demos: &[Value]) -> Vec<(String, u64, String)> {
    demos
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["port"].as_u64().unwrap(),
                c["fingerprint"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn demo_connections_answer_and_restart_without_duplicates() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let log = root.path().join("first.log");
    let env = [DEMO[0], ("POOLWATCH_LOG", "trace")];
    let server = start_logging_to(&data, &env, Some(&log));
    let first = ports(&assert_all_answer(&server));
    stop(server);
    let log = std::fs::read_to_string(&log).unwrap();
    for name in NAMES {
        assert!(
            log.lines()
                .any(|l| l.contains("demo NAS running") && l.contains(name)),
            "no log line for {name}: {log}"
        );
    }
    assert!(
        !log.contains(DEFAULT_API_KEY),
        "the key was logged at trace level"
    );

    let server = start(&data, &DEMO);
    let second = ports(&assert_all_answer(&server));
    assert_eq!(
        call(&server, "GET", URL, None).1.as_array().unwrap().len(),
        3
    );
    for ((id1, port1, pin1), (id2, port2, pin2)) in first.iter().zip(&second) {
        assert_eq!(id1, id2, "the same connection is re-pointed");
        assert!(port1 != port2 || pin1 != pin2, "still the old simulator");
    }
    stop(server);
}

#[test]
fn deleted_demo_connections_do_not_come_back() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let server = start(&data, &DEMO);
    for c in demo_connections(&server) {
        let path = format!("{URL}/{}", c["id"].as_str().unwrap());
        assert_eq!(call(&server, "DELETE", &path, None).0, 200);
    }
    stop(server);

    let server = start(&data, &DEMO);
    let (_, list) = call(&server, "GET", URL, None);
    assert_eq!(list, json!([]));
    stop(server);
}

fn user_connection(data: &Path) -> Value {
    let server = start(data, &[]);
    let body = json!({
        "name": "demo-degraded",
        "host": "https://nas.example:8443",
        "apiKey": "7-userkeyuserkey",
        "tlsMode": "skipVerify",
    });
    let (status, created) = call(&server, "POST", URL, Some(&body.to_string()));
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["demo"], false);
    stop(server);
    created
}

#[test]
fn a_user_connection_with_a_demo_name_is_left_alone() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mine = user_connection(&data);

    let server = start(&data, &DEMO);
    let (_, list) = call(&server, "GET", URL, None);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3, "{list:?}");
    let kept = list.iter().find(|c| c["id"] == mine["id"]).unwrap();
    assert_eq!(settings(kept), settings(&mine));
    let demos = demo_connections(&server);
    let names: Vec<&str> = demos.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["demo-healthy", "demo-resilvering"]);
    stop(server);
}

#[test]
fn without_demo_no_simulator_starts_and_demo_connections_stay() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let server = start(&data, &DEMO);
    let before = demo_connections(&server);
    stop(server);

    let server = start(&data, &[]);
    assert_eq!(demo_connections(&server), before);
    let id = before[0]["id"].as_str().unwrap();
    let (status, error) = call(&server, "POST", &format!("{URL}/{id}/test"), None);
    assert_ne!(status, 200, "nothing answers without --demo: {error}");
    stop(server);
}

#[test]
fn demo_is_ignored_while_the_truenas_integration_is_off() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let off = [DEMO[0], ("POOLWATCH_ENABLE_TRUENAS", "false")];
    let server = start(&data, &off);
    assert_eq!(call(&server, "GET", URL, None).0, 404);
    stop(server);

    let server = start(&data, &[]);
    assert_eq!(call(&server, "GET", URL, None), (200, json!([])));
    stop(server);
}
