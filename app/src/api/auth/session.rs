//! What a login session holds and how it starts, ends and is checked. Used
//! by the auth server functions and by the HTTP edge (REST and middleware),
//! so both keep one meaning for a session.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use domain::auth::{AuthService, Principal, User};
use model::auth::{AuthVia, Scope};
use tower_sessions::Session;

use crate::api::ApiError;

const USER_ID: &str = "uid";
const GENERATION: &str = "gen";
const LOGIN_AT: &str = "login_at";
const SEEN_AT: &str = "seen_at";

/// How long a session may live: idle and in total.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle: Duration,
    pub lifetime: Duration,
}

/// Everything a server function may ask about its caller.
#[derive(Debug, Clone)]
pub struct AuthContext {
    pub service: Arc<AuthService>,
    pub principal: Option<Principal>,
    pub ip: Option<IpAddr>,
    pub session: Option<Session>,
}

impl AuthContext {
    pub fn actor(&self) -> domain::auth::Actor {
        domain::auth::Actor::new(self.principal.as_ref(), self.ip)
    }
}

pub(crate) fn context() -> Result<AuthContext, ApiError> {
    leptos::prelude::use_context::<AuthContext>().ok_or_else(|| {
        ApiError::new(
            "internal",
            "authentication is not available to this request",
        )
    })
}

pub(crate) fn session_of(ctx: &AuthContext) -> Result<Session, ApiError> {
    ctx.session
        .clone()
        .ok_or_else(|| ApiError::new("internal", "sessions are not available to this request"))
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn store_error(e: &tower_sessions::session::Error) -> ApiError {
    tracing::error!(error = %e, "session store failed");
    ApiError::new("internal", "the session could not be saved")
}

/// Logs `user` in on this session under a new id, so an id planted before
/// login (session fixation) is worthless afterwards.
pub async fn start(session: &Session, user: &User) -> Result<(), ApiError> {
    session.cycle_id().await.map_err(|e| store_error(&e))?;
    session.clear().await;
    let now = now();
    session
        .insert(USER_ID, user.id)
        .await
        .map_err(|e| store_error(&e))?;
    session
        .insert(GENERATION, user.generation)
        .await
        .map_err(|e| store_error(&e))?;
    session
        .insert(LOGIN_AT, now)
        .await
        .map_err(|e| store_error(&e))?;
    session
        .insert(SEEN_AT, now)
        .await
        .map_err(|e| store_error(&e))?;
    Ok(())
}

/// [`start`], answering the caller as they now are: the admin, with a session.
pub async fn start_as_me(session: &Session, user: &User) -> Result<model::auth::Me, ApiError> {
    start(session, user).await?;
    Ok(model::auth::Me {
        name: user.username.clone(),
        via: AuthVia::Session,
        scope: Scope::Write,
    })
}

/// Removes the session from the store and tells the browser to drop the cookie.
pub async fn end(session: &Session) -> Result<(), ApiError> {
    session.flush().await.map_err(|e| store_error(&e))
}

/// The admin behind a session, or `None` when it is empty, ended by a
/// password change, idle too long or past its lifetime (then it is ended).
/// Activity is written at most every `limits.idle / 4` (and at least every
/// minute) so a busy page does not write on every request.
pub async fn principal(
    session: &Session,
    service: &AuthService,
    limits: SessionLimits,
) -> Result<Option<Principal>, ApiError> {
    let get = |key: &'static str| async move { session.get::<i64>(key).await.ok().flatten() };
    let Some(user_id) = get(USER_ID).await else {
        return Ok(None);
    };
    let generation = get(GENERATION).await;
    let login_at = get(LOGIN_AT).await.unwrap_or(0);
    let seen_at = get(SEEN_AT).await.unwrap_or(0);
    let now = now();
    let user = service.user(user_id).await?;
    let idle = i64::try_from(limits.idle.as_secs()).unwrap_or(i64::MAX);
    let lifetime = i64::try_from(limits.lifetime.as_secs()).unwrap_or(i64::MAX);
    let valid = user
        .as_ref()
        .is_some_and(|u| Some(u.generation) == generation)
        && now.saturating_sub(seen_at) < idle
        && now.saturating_sub(login_at) < lifetime;
    let Some(user) = user.filter(|_| valid) else {
        end(session).await?;
        return Ok(None);
    };
    if now.saturating_sub(seen_at) >= (idle / 4).clamp(1, 60) {
        session
            .insert(SEEN_AT, now)
            .await
            .map_err(|e| store_error(&e))?;
    }
    Ok(Some(Principal {
        name: user.username,
        via: AuthVia::Session,
        scope: Scope::Write,
        user_id: Some(user.id),
        token_id: None,
    }))
}

/// When the session's lifetime ends, for streams that must not outlive it.
pub async fn deadline(session: &Session, limits: SessionLimits) -> Option<i64> {
    let login_at = session.get::<i64>(LOGIN_AT).await.ok().flatten()?;
    Some(login_at.saturating_add(i64::try_from(limits.lifetime.as_secs()).unwrap_or(i64::MAX)))
}

/// Gives a refused login the HTTP status a script expects: 401 for bad
/// credentials, 429 with `Retry-After` during a lockout.
pub fn reflect_status(err: &domain::auth::AuthError) {
    use leptos_axum::ResponseOptions;
    let Some(response) = leptos::prelude::use_context::<ResponseOptions>() else {
        return;
    };
    match err {
        domain::auth::AuthError::InvalidCredentials => {
            response.set_status(http::StatusCode::UNAUTHORIZED);
        }
        domain::auth::AuthError::LockedOut { retry_after } => {
            response.set_status(http::StatusCode::TOO_MANY_REQUESTS);
            if let Ok(value) =
                http::HeaderValue::from_str(&retry_after.as_secs().max(1).to_string())
            {
                response.insert_header(http::header::RETRY_AFTER, value);
            }
        }
        _ => {}
    }
}
