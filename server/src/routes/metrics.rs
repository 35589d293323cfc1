//! `GET /metrics`: Prometheus text exposition. Without
//! `POOLWATCH_METRICS_TOKEN` only loopback peers may scrape it; with the
//! token set, every scrape must send `Authorization: Bearer <token>`.

use std::net::SocketAddr;

use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

pub async fn metrics(
    State(state): State<AppState>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
) -> Response {
    let allowed = match state.metrics_token.as_deref() {
        Some(token) => bearer(&headers).is_some_and(|sent| same(sent.as_bytes(), token.as_bytes())),
        None => peer.is_ok_and(|ConnectInfo(peer)| peer.ip().is_loopback()),
    };
    if !allowed {
        return AppError::Unauthorized(
            "metrics need a loopback client, or Authorization: Bearer <POOLWATCH_METRICS_TOKEN>",
        )
        .into_response();
    }
    let registry = state.services.registry().clone();
    let text = match tokio::task::spawn_blocking(move || registry.render_metrics()).await {
        Ok(text) => text,
        Err(e) => return AppError::Internal(Box::new(e)).into_response(),
    };
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Compares in time independent of where the inputs differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
