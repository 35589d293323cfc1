//! The connection REST API of the operator runbook (`/api/truenas/connections`).
//! Each handler adapts one call of `domain::connections::ConnectionService`.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use model::connections::{Connection, ConnectionInput, Deleted};

use crate::error::AppError;
use crate::json_body::JsonBody;
use crate::state::AppState;

/// With `POOLWATCH_ENABLE_TRUENAS` off every connection route is a 404
/// `truenas_disabled`, so scripts can tell "off" from "no such id".
pub async fn require_enabled(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if state.services.truenas_enabled() {
        next.run(request).await
    } else {
        AppError::TruenasDisabled.into_response()
    }
}

pub async fn list(State(state): State<AppState>) -> Json<Vec<Connection>> {
    Json(state.services.connections().list())
}

pub async fn create(
    State(state): State<AppState>,
    JsonBody(input): JsonBody<ConnectionInput>,
) -> Result<(StatusCode, Json<Connection>), AppError> {
    let created = state.services.connections().create(&input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<ConnectionInput>,
) -> Result<Json<Connection>, AppError> {
    Ok(Json(
        state.services.connections().update(&id, &input).await?,
    ))
}

pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Deleted>, AppError> {
    Ok(Json(state.services.connections().delete(&id).await?))
}
