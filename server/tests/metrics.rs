//! `GET /metrics`: who may scrape it, and what it says about a simulated
//! degraded NAS polled over real sockets.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::{body_text, config, fixture_with};
use poolwatch::app;
use poolwatch::assets::Assets;
use tower::ServiceExt;
use truenas_sim::{DEFAULT_API_KEY, Scenario};

async fn scrape(
    state: &poolwatch::AppState,
    peer: &str,
    token: Option<&str>,
) -> (StatusCode, String) {
    let token = token.map_or_else(|| common::admin_token(state), str::to_owned);
    scrape_as(state, peer, Some(&token)).await
}

async fn scrape_as(
    state: &poolwatch::AppState,
    peer: &str,
    token: Option<&str>,
) -> (StatusCode, String) {
    let peer: SocketAddr = peer.parse().unwrap();
    let mut request = Request::get("/metrics");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = app(state.clone())
        .layer(MockConnectInfo(peer))
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    (response.status(), body_text(response).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_describe_the_polls_and_the_pools() {
    let w = common::watched(Scenario::Degraded).await;
    let (f, nas) = (&w.fixture, &w.nas);

    let deadline = Instant::now() + Duration::from_secs(15);
    let text = loop {
        let (status, text) = scrape(&f.state, "127.0.0.1:50000", None).await;
        assert_eq!(status, StatusCode::OK);
        if text.contains(r#"poolwatch_pool_status{instance="Lab",name="tank"} 2"#) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "the degraded pool never showed:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    for expected in [
        "# TYPE poolwatch_monitor_poll_duration_seconds histogram",
        "# TYPE poolwatch_monitor_poll_total counter",
        r#"poolwatch_monitor_poll_total{instance_type="truenas",instance="Lab",result="success"}"#,
        r#"poolwatch_monitor_poll_last_success_timestamp_seconds{instance_type="truenas",instance="Lab"}"#,
        r#"poolwatch_monitor_poll_staleness_seconds{instance_type="truenas",instance="Lab"}"#,
        r#"poolwatch_pool_usable_size_bytes{instance="Lab",name="tank"}"#,
        r#"poolwatch_pool_raw_size_bytes{instance="Lab",name="tank"}"#,
        r#"poolwatch_device_errors{instance="Lab",pool="tank""#,
        r#"poolwatch_pool_scan_errors{instance="Lab",name="tank"}"#,
        "poolwatch_alerts_active{",
    ] {
        assert!(text.contains(expected), "missing {expected}:\n{text}");
    }
    assert!(!text.contains("# EOF"));
    assert!(!text.contains(DEFAULT_API_KEY));
    let checksum = text
        .lines()
        .filter(|l| l.starts_with("poolwatch_device_errors{") && l.contains(r#"kind="checksum""#))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .max()
        .unwrap();
    assert!(
        checksum > 0,
        "the degraded scenario's checksum errors are counted"
    );

    nas.set_scenario(Scenario::Malformed);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, text) = scrape(&f.state, "[::1]:1", None).await;
        if text.contains(r#"poolwatch_monitor_poll_errors_total{instance_type="truenas",instance="Lab",error_type="malformed"}"#) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "malformed answers never counted as errors"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn scraping_needs_a_token_even_from_loopback() {
    let mut f = fixture_with(Assets::default(), config()).await;
    let (status, body) = scrape_as(&f.state, "127.0.0.1:4000", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("unauthorized"), "{body}");
    assert_eq!(
        scrape(&f.state, "192.0.2.7:4000", None).await.0,
        StatusCode::OK,
        "an API token may scrape"
    );

    f.state.metrics_token = Some(Arc::from("s3cret-metrics-token"));
    let metrics_token = Some("s3cret-metrics-token");
    assert_eq!(
        scrape_as(&f.state, "192.0.2.7:4000", metrics_token).await.0,
        StatusCode::OK
    );
    assert_eq!(
        scrape_as(&f.state, "192.0.2.7:4000", Some("wrong")).await.0,
        StatusCode::UNAUTHORIZED
    );
    let elsewhere = common::send(
        &f.state,
        Request::get("/api/v2/resources")
            .header(header::AUTHORIZATION, "Bearer s3cret-metrics-token")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        elsewhere.status(),
        StatusCode::UNAUTHORIZED,
        "the metrics token opens /metrics only"
    );
}
