//! Shared fixture for the in-process router tests.
#![allow(clippy::unwrap_used, dead_code)] // test helpers: a failed unwrap is a failed test

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use axum::response::Response;
use domain::{DataDir, Services, ServicesConfig};
use poolwatch::assets::Assets;
use poolwatch::{AppState, app};
use tower::ServiceExt;

pub struct Fixture {
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

pub fn config() -> ServicesConfig {
    ServicesConfig {
        version: "1.2.3".into(),
        demo: false,
        truenas_enabled: true,
        max_connections: 256,
        stale_after: domain::monitor::DEFAULT_STALE_AFTER,
        poll_every: None,
    }
}

pub fn fixture_with(assets: Assets, config: ServicesConfig) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::prepare(dir.path().join("data")).unwrap();
    let services = Services::open(config, data_dir).unwrap();
    Fixture {
        state: AppState {
            services: Arc::new(services),
            assets: Arc::new(assets),
            metrics_token: None,
        },
        dir,
    }
}

pub fn fixture() -> Fixture {
    fixture_with(Assets::default(), config())
}

pub async fn send(state: &AppState, request: Request<Body>) -> Response {
    app(state.clone()).oneshot(request).await.unwrap()
}

pub async fn get(state: &AppState, uri: &str) -> Response {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn json(state: &AppState, method: &str, uri: &str, body: serde_json::Value) -> Response {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(state, request).await
}

pub async fn body_text(response: Response) -> String {
    let bytes = to_bytes(response.into_body(), 1 << 22).await.unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

pub async fn body_json(response: Response) -> serde_json::Value {
    let text = body_text(response).await;
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

pub fn header_of(response: &Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

/// A simulated NAS in `scenario` (TLS, pinned), added as connection "Lab"
/// to a fixture whose poller runs every 100 ms.
pub struct Watched {
    pub fixture: Fixture,
    pub nas: truenas_sim::RunningSim,
    pub id: String,
    _monitor: Option<domain::monitor::MonitorHandle>,
}

pub async fn watched(scenario: truenas_sim::Scenario) -> Watched {
    let nas = truenas_sim::Simulator::start(truenas_sim::SimConfig {
        tls: true,
        scenario,
        ..truenas_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let fixture = fixture_with(
        Assets::default(),
        ServicesConfig {
            poll_every: Some(std::time::Duration::from_millis(100)),
            ..config()
        },
    );
    let monitor = fixture.state.services.start_monitoring();
    let body = serde_json::json!({
        "name": "Lab", "host": "127.0.0.1", "port": nas.port(), "apiKey": truenas_sim::DEFAULT_API_KEY,
        "tlsMode": "pin", "fingerprint": nas.fingerprint().unwrap(),
    });
    let created =
        body_json(json(&fixture.state, "POST", "/api/truenas/connections", body).await).await;
    let id = created["id"].as_str().unwrap().to_owned();
    Watched {
        fixture,
        nas,
        id,
        _monitor: monitor,
    }
}
