//! `GET /api/v2/resources` through the server's real router (`app(state)`,
//! tower `oneshot`), body read to the end, so routing, the query, the
//! registry snapshot and JSON serialisation are all counted.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::api::auth::session::SessionLimits;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::auth::{Actor, AdminSeed, AuthService, ThrottleConfig};
use http_body_util::BodyExt;
use model::auth::{NewToken, Scope};
use poolwatch::assets::Assets;
use poolwatch::auth::headers::content_security_policy;
use poolwatch::auth::{DEFAULT_IDLE, DEFAULT_LIFETIME, Security};
use poolwatch::{AppState, app};
use tower::ServiceExt;

pub struct Latency {
    pub label: String,
    pub samples: Vec<Duration>,
    pub total: u64,
    pub bytes: usize,
}

impl Latency {
    pub fn quantile(&self, q: f64) -> Duration {
        quantile(&self.samples, q)
    }
}

pub fn quantile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(index).copied().unwrap_or_default()
}

/// The router's state with an admin and a `read` API token (returned as the
/// `Authorization` value), so every measured request also pays for the
/// token check, as a real client's would.
async fn state_with_token(services: Arc<domain::Services>) -> (AppState, String) {
    let auth = AuthService::open(services.data_dir().path(), ThrottleConfig::default())
        .await
        .expect("auth database");
    poolwatch::auth::prepare_sessions(&auth)
        .await
        .expect("session table");
    let seed = AdminSeed {
        username: "bench".into(),
        password: "fleet benchmark password".into(),
    };
    auth.bootstrap(Some(&seed), false).await.expect("admin");
    let actor = Actor {
        name: "bench".into(),
        ip: None,
    };
    let token = NewToken {
        name: "fleet bench".into(),
        scope: Scope::Read,
    };
    let secret = auth
        .create_token(&actor, &token)
        .await
        .expect("token")
        .secret;
    let assets = Assets::default();
    let security = Security {
        csp: content_security_policy(assets.shells()),
        tls: false,
        sessions: SessionLimits {
            idle: DEFAULT_IDLE,
            lifetime: DEFAULT_LIFETIME,
        },
    };
    let state = AppState {
        services,
        auth: Arc::new(auth),
        assets: Arc::new(assets),
        metrics_token: None,
        security: Arc::new(security),
    };
    (state, format!("Bearer {secret}"))
}

/// The mix: first page unfiltered, by type, by status, a text search and
/// one connection's resources.
pub fn queries(search: &str, connection: &str) -> Vec<(String, String)> {
    [
        ("first page", String::new()),
        ("type=pool", "type=pool".to_owned()),
        ("status=warning", "status=warning".to_owned()),
        ("q=text", format!("q={search}")),
        ("connection=<id>", format!("connection={connection}")),
    ]
    .into_iter()
    .map(|(label, query)| (label.to_owned(), query))
    .collect()
}

/// One request that builds the registry's snapshot (the first after the
/// poller stopped), then each query `rounds` times, round-robin, until
/// `budget` is spent.
pub async fn measure(
    services: Arc<domain::Services>,
    mix: &[(String, String)],
    rounds: usize,
    budget: Duration,
) -> (Duration, Vec<Latency>) {
    let (state, bearer) = state_with_token(services).await;
    let router = app(state);
    let mut results: Vec<Latency> = mix
        .iter()
        .map(|(label, _)| Latency {
            label: label.clone(),
            samples: Vec::new(),
            total: 0,
            bytes: 0,
        })
        .collect();
    let t = Instant::now();
    let request = Request::get("/api/v2/resources")
        .header(header::AUTHORIZATION, &bearer)
        .body(Body::empty())
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("infallible");
    response.into_body().collect().await.expect("body");
    let first = t.elapsed();
    let started = Instant::now();
    for _ in 0..rounds {
        for ((_, query), result) in mix.iter().zip(&mut results) {
            let uri = format!("/api/v2/resources?{query}");
            let request = Request::get(&uri)
                .header(header::AUTHORIZATION, &bearer)
                .body(Body::empty())
                .expect("request");
            let t = Instant::now();
            let response = router.clone().oneshot(request).await.expect("infallible");
            assert_eq!(response.status(), StatusCode::OK, "{uri}");
            let body = response
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes();
            result.samples.push(t.elapsed());
            let page: serde_json::Value = serde_json::from_slice(&body).expect("JSON page");
            result.total = page["total"].as_u64().unwrap_or(0);
            result.bytes = body.len();
        }
        if started.elapsed() > budget {
            break;
        }
    }
    (first, results)
}
