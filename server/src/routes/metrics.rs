//! `GET /metrics`: Prometheus text exposition. Like every route it is behind
//! the auth gate: scrape it with an API token (`read` is enough) or with
//! `POOLWATCH_METRICS_TOKEN`, sent as `Authorization: Bearer <token>`.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

pub async fn metrics(State(state): State<AppState>) -> Response {
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
