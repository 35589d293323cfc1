//! Liveness and readiness for service managers and load balancers. Both are
//! public, so neither names a path, a version or a host detail.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde_json::json;

use crate::state::AppState;

/// The process is up and answering.
pub async fn healthz() -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "status": "ok" })),
    )
}

/// The process can do its job: the data directory is writable and the
/// credential store is usable (key loaded, `truenas.enc` readable).
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let services = state.services.clone();
    let probe = tokio::task::spawn_blocking(move || services.data_dir().probe_write()).await;
    let data_dir_ok = match probe {
        Ok(Ok(())) => true,
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "readiness: data directory check failed");
            false
        }
        Err(err) => {
            tracing::error!(error = %err, "readiness: data directory check did not finish");
            false
        }
    };
    let credentials_ok = state.services.credentials_health().ok;
    let (status, word) = if data_dir_ok && credentials_ok {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not_ready")
    };
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "status": word,
            "checks": {
                "dataDir": if data_dir_ok { "ok" } else { "not writable" },
                "credentials": if credentials_ok { "ok" } else { "unreadable" },
            },
        })),
    )
}
