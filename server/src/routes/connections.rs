//! The connection REST API of the operator runbook (`/api/truenas/connections`).
//! Each handler adapts one call of `domain::connections::ConnectionService`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use model::connections::{Connection, ConnectionInput, Deleted, TestOutcome};
use model::monitor::ConnectionView;

use crate::auth::RequestAuth;
use crate::error::AppError;
use crate::json_body::{JsonBody, parse};
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

/// Every connection (keys redacted) with its poll and transport status.
pub async fn list(State(state): State<AppState>) -> Json<Vec<ConnectionView>> {
    Json(state.services.connection_views())
}

pub async fn create(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    JsonBody(input): JsonBody<ConnectionInput>,
) -> Result<(StatusCode, Json<Connection>), AppError> {
    let result = state.services.connections().create(&input).await;
    let target = result
        .as_ref()
        .map_or_else(|_| input.name.clone().unwrap_or_default(), |c| c.id.clone());
    let created = state
        .auth
        .audited(&auth.actor(), "connection.create", Some(&target), result)
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn update(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<ConnectionInput>,
) -> Result<Json<Connection>, AppError> {
    let result = state.services.connections().update(&id, &input).await;
    Ok(Json(
        state
            .auth
            .audited(&auth.actor(), "connection.update", Some(&id), result)
            .await?,
    ))
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(id): Path<String>,
) -> Result<Json<Deleted>, AppError> {
    let result = state.services.connections().delete(&id).await;
    Ok(Json(
        state
            .auth
            .audited(&auth.actor(), "connection.delete", Some(&id), result)
            .await?,
    ))
}

/// Tests unsaved settings (10 s at most): 200 with what was found, or 400
/// with the class of failure in `code`.
pub async fn test_unsaved(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    JsonBody(input): JsonBody<ConnectionInput>,
) -> Result<Json<TestOutcome>, AppError> {
    let result = state.services.connections().test_unsaved(&input).await;
    Ok(Json(
        state
            .auth
            .audited(
                &auth.actor(),
                "connection.test",
                input.host.as_deref(),
                result,
            )
            .await?,
    ))
}

/// Tests a stored connection with its stored key. An optional JSON body of
/// changes is applied first (nothing is saved).
pub async fn test_stored(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<TestOutcome>, AppError> {
    let changes: Option<ConnectionInput> = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(parse(&body)?)
    };
    let result = state
        .services
        .connections()
        .test_stored(&id, changes.as_ref())
        .await;
    Ok(Json(
        state
            .auth
            .audited(&auth.actor(), "connection.test", Some(&id), result)
            .await?,
    ))
}
