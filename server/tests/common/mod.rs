//! Shared fixture for the in-process router tests.
#![allow(clippy::unwrap_used, dead_code)] // test helpers: a failed unwrap is a failed test

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use app::api::auth::session::SessionLimits;
use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use axum::response::Response;
use domain::auth::{Actor, AdminSeed, AuthService, ThrottleConfig};
use domain::{DataDir, Services, ServicesConfig};
use model::auth::Scope;
use poolwatch::assets::Assets;
use poolwatch::auth::Security;
use poolwatch::auth::headers::content_security_policy;
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

pub const ADMIN_USER: &str = "admin";
pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

/// Sessions as `make run` has them, unless a test says otherwise.
pub fn security(assets: &Assets) -> Arc<Security> {
    Arc::new(Security {
        csp: content_security_policy(assets.shells()),
        tls: false,
        sessions: SessionLimits {
            idle: poolwatch::auth::DEFAULT_IDLE,
            lifetime: poolwatch::auth::DEFAULT_LIFETIME,
        },
    })
}

/// A fixture with an admin (`ADMIN_USER`/`ADMIN_PASSWORD`) and a `write`
/// API token that [`send`] presents on every request.
pub async fn fixture_with(assets: Assets, config: ServicesConfig) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::prepare(dir.path().join("data")).unwrap();
    let services = Services::open(config, data_dir).unwrap();
    let auth = AuthService::open(services.data_dir().path(), ThrottleConfig::default())
        .await
        .unwrap();
    poolwatch::auth::prepare_sessions(&auth).await.unwrap();
    let seed = AdminSeed {
        username: ADMIN_USER.into(),
        password: ADMIN_PASSWORD.into(),
    };
    auth.bootstrap(Some(&seed), false).await.unwrap();
    let token = auth
        .create_token(
            &Actor {
                name: ADMIN_USER.into(),
                ip: None,
            },
            &model::auth::NewToken {
                name: "tests".into(),
                scope: Scope::Write,
            },
        )
        .await
        .unwrap()
        .secret;
    let state = AppState {
        security: security(&assets),
        services: Arc::new(services),
        auth: Arc::new(auth),
        assets: Arc::new(assets),
        metrics_token: None,
    };
    remember_token(&state, token);
    Fixture { state, dir }
}

pub async fn fixture() -> Fixture {
    fixture_with(Assets::default(), config()).await
}

/// Each fixture's admin token, by the address of its auth service, so the
/// helpers below can keep taking just `&AppState`.
fn tokens() -> &'static Mutex<HashMap<usize, String>> {
    static TOKENS: OnceLock<Mutex<HashMap<usize, String>>> = OnceLock::new();
    TOKENS.get_or_init(Default::default)
}

fn remember_token(state: &AppState, token: String) {
    tokens()
        .lock()
        .unwrap()
        .insert(Arc::as_ptr(&state.auth) as usize, token);
}

/// The fixture's `write` API token.
pub fn admin_token(state: &AppState) -> String {
    tokens().lock().unwrap()[&(Arc::as_ptr(&state.auth) as usize)].clone()
}

/// Sends as the admin (API token), unless the request carries its own
/// `Authorization` or `Cookie`.
pub async fn send(state: &AppState, mut request: Request<Body>) -> Response {
    let headers = request.headers();
    if !headers.contains_key(header::AUTHORIZATION) && !headers.contains_key(header::COOKIE) {
        let value = format!("Bearer {}", admin_token(state));
        request
            .headers_mut()
            .insert(header::AUTHORIZATION, value.parse().unwrap());
    }
    send_anonymous(state, request).await
}

/// Sends exactly what the test built.
pub async fn send_anonymous(state: &AppState, request: Request<Body>) -> Response {
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
    )
    .await;
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
