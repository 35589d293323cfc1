//! The `/_sim` control endpoints and the REST surface, over a raw socket.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use truenas_sim::{DEFAULT_API_KEY, Scenario, SimConfig, Simulator};

async fn http(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

fn post(path: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: sim\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn get(path: &str, auth: Option<&str>) -> String {
    let auth = auth
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    format!("GET {path} HTTP/1.1\r\nHost: sim\r\n{auth}Connection: close\r\n\r\n")
}

#[tokio::test]
async fn scenario_switches_at_run_time() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let answer = http(sim.addr(), &post("/_sim/scenario", "degraded")).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(sim.scenario(), Scenario::Degraded);
    let answer = http(
        sim.addr(),
        &post("/_sim/scenario", r#"{"scenario": "large"}"#),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(sim.scenario(), Scenario::Large);
    let answer = http(sim.addr(), &post("/_sim/scenario", "nonsense")).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let stats = http(sim.addr(), &get("/_sim/stats", None)).await;
    assert!(stats.contains(r#""scenario":"large""#), "{stats}");
}

#[tokio::test]
async fn rest_answers_like_restful_py() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let bearer = format!("Bearer {DEFAULT_API_KEY}");
    let none = http(sim.addr(), &get("/api/v2.0/pool", None)).await;
    assert!(
        none.starts_with("HTTP/1.1 401") && none.ends_with("401: Unauthorized"),
        "{none}"
    );
    let wrong = http(sim.addr(), &get("/api/v2.0/pool", Some("Bearer 1-nope"))).await;
    assert!(wrong.ends_with("Invalid API key"), "{wrong}");
    let slash = http(sim.addr(), &get("/api/v2.0/pool/", Some(&bearer))).await;
    assert!(
        slash.starts_with("HTTP/1.1 200") && slash.contains("application/json"),
        "{slash}"
    );
    let unknown = http(sim.addr(), &get("/api/v2.0/nothing", Some(&bearer))).await;
    assert!(
        unknown.starts_with("HTTP/1.1 404") && unknown.ends_with("404: Not Found"),
        "{unknown}"
    );
    let verb = http(
        sim.addr(),
        &get("/api/v2.0/disk/temperatures", Some(&bearer)),
    )
    .await;
    assert!(verb.starts_with("HTTP/1.1 405"), "{verb}");
}

#[tokio::test]
async fn legacy_mode_has_no_json_rpc_endpoint() {
    let sim = Simulator::start(SimConfig {
        legacy: true,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let answer = http(sim.addr(), &get("/api/current", None)).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
}
