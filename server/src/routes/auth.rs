//! `/api/auth/...`: logging in for scripts that want a session, the
//! caller's identity, the admin password, API tokens and the audit log. The
//! same operations as the auth server functions, over the same domain calls.

use app::api::auth::session;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use domain::auth::Outcome;
use model::auth::{
    AuditEntry, AuthStatus, CreatedToken, LoginInput, Me, NewToken, PasswordChange, SetupInput,
    TokenInfo,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::auth::RequestAuth;
use crate::error::AppError;
use crate::json_body::JsonBody;
use crate::state::AppState;

#[derive(Serialize)]
pub struct Data<T> {
    data: T,
}

fn api(e: app::api::ApiError) -> AppError {
    AppError::Internal(Box::new(e))
}

pub async fn status(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
) -> Result<Json<AuthStatus>, AppError> {
    Ok(Json(AuthStatus {
        setup_required: state.auth.setup_required().await?,
        me: auth.principal.as_ref().map(domain::auth::Principal::me),
    }))
}

pub async fn me(Extension(auth): Extension<RequestAuth>) -> Result<Json<Me>, AppError> {
    auth.principal
        .as_ref()
        .map(|p| Json(p.me()))
        .ok_or(AppError::Unauthorized("not logged in"))
}

pub async fn login(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    session: Session,
    JsonBody(input): JsonBody<LoginInput>,
) -> Result<Json<Me>, AppError> {
    let user = state
        .auth
        .login(&input.username, &input.password, auth.ip)
        .await?;
    Ok(Json(
        session::start_as_me(&session, &user).await.map_err(api)?,
    ))
}

pub async fn setup(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    session: Session,
    JsonBody(input): JsonBody<SetupInput>,
) -> Result<Json<Me>, AppError> {
    let user = state.auth.setup(&input, auth.ip).await?;
    Ok(Json(
        session::start_as_me(&session, &user).await.map_err(api)?,
    ))
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    session: Session,
) -> Result<StatusCode, AppError> {
    if auth.principal.is_some() {
        state
            .auth
            .record(&auth.actor(), "logout", None, Outcome::Success, None)
            .await;
    }
    session::end(&session).await.map_err(api)?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    session: Session,
    JsonBody(input): JsonBody<PasswordChange>,
) -> Result<StatusCode, AppError> {
    let user_id = session_user(&auth, "only a logged-in admin can change the password")?;
    let user = state
        .auth
        .change_password(&auth.actor(), user_id, &input)
        .await?;
    session::start(&session, &user).await.map_err(api)?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn list_tokens(
    State(state): State<AppState>,
) -> Result<Json<Data<Vec<TokenInfo>>>, AppError> {
    Ok(Json(Data {
        data: state.auth.list_tokens().await?,
    }))
}

pub async fn create_token(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    JsonBody(input): JsonBody<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), AppError> {
    session_user(&auth, "only a logged-in admin can create API tokens")?;
    let created = state.auth.create_token(&auth.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    state.auth.revoke_token(&auth.actor(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    limit: Option<u32>,
    before: Option<i64>,
}

pub async fn audit(
    State(state): State<AppState>,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Data<Vec<AuditEntry>>>, AppError> {
    let Query(query) = query.map_err(|e| AppError::BadRequest {
        code: "invalid_query",
        message: format!("bad audit query: {}", e.body_text()),
        field: None,
    })?;
    Ok(Json(Data {
        data: state
            .auth
            .audit_log(query.limit.unwrap_or(100), query.before)
            .await?,
    }))
}

fn session_user(auth: &RequestAuth, refusal: &'static str) -> Result<i64, AppError> {
    auth.principal
        .as_ref()
        .and_then(|p| p.user_id)
        .ok_or(AppError::Forbidden(refusal))
}
