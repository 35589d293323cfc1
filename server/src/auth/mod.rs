//! The gate in front of every route: who is calling (API token, metrics
//! token or login session), whether they may (see [`policy`]), and whether a
//! cookie-carried change really comes from poolwatch's own pages
//! ([`csrf`]). Handlers behind it find the caller in [`RequestAuth`].

pub mod csrf;
pub mod headers;
pub mod policy;

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use app::api::auth::session::{self, SessionLimits};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::auth::Principal;
use model::auth::{AuthVia, Scope};
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

use crate::error::AppError;
use crate::state::AppState;
use policy::Access;

/// The caller of this request, for handlers and server functions.
#[derive(Debug, Clone)]
pub struct RequestAuth {
    pub principal: Option<Principal>,
    pub ip: Option<IpAddr>,
}

impl RequestAuth {
    pub fn actor(&self) -> domain::auth::Actor {
        domain::auth::Actor::new(self.principal.as_ref(), self.ip)
    }
}

/// How sessions and headers behave on this server.
#[derive(Debug, Clone)]
pub struct Security {
    pub csp: String,
    /// Served over TLS: cookies are `Secure` with a `__Host-` name, HSTS is sent.
    pub tls: bool,
    pub sessions: SessionLimits,
}

pub const DEFAULT_IDLE: Duration = Duration::from_secs(60 * 60);
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);

/// Creates the session table (idempotent); call once at start.
pub async fn prepare_sessions(auth: &domain::auth::AuthService) -> Result<(), sqlx_error::Error> {
    SqliteStore::new(auth.pool().clone()).migrate().await
}

/// Re-exported so callers need not depend on sqlx to name the error.
pub mod sqlx_error {
    pub type Error = tower_sessions_sqlx_store::sqlx::Error;
}

pub fn session_layer(state: &AppState) -> SessionManagerLayer<SqliteStore> {
    let store = SqliteStore::new(state.auth.pool().clone());
    let name = if state.security.tls {
        "__Host-poolwatch_session"
    } else {
        "poolwatch_session"
    };
    let idle =
        time::Duration::try_from(state.security.sessions.idle).unwrap_or(time::Duration::HOUR);
    SessionManagerLayer::new(store)
        .with_name(name)
        .with_path("/")
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Strict)
        .with_secure(state.security.tls)
        .with_expiry(Expiry::OnInactivity(idle))
}

pub async fn authorize(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let access = policy::classify(&method, &path);
    let bearer = bearer(request.headers()).map(str::to_owned);
    let principal = match &bearer {
        Some(secret) => match from_bearer(&state, secret, &path).await {
            Ok(Some(principal)) => Some(principal),
            Ok(None) if access == Access::Public => None,
            Ok(None) => {
                return AppError::Unauthorized("the API token is unknown or revoked")
                    .into_response();
            }
            Err(e) => return e.into_response(),
        },
        None => match request.extensions().get::<Session>() {
            Some(session) => {
                match session::principal(session, &state.auth, state.security.sessions).await {
                    Ok(principal) => principal,
                    Err(e) => {
                        tracing::error!(error = %e.error, "session check failed");
                        return AppError::Internal(Box::new(e)).into_response();
                    }
                }
            }
            None => None,
        },
    };
    let cross_site = if bearer.is_none() && !policy::is_safe(&method) {
        csrf::check(request.headers()).err()
    } else {
        None
    };
    if let Some(reason) = cross_site {
        let actor = domain::auth::Actor::new(principal.as_ref(), ip);
        state
            .auth
            .record(
                &actor,
                "csrf",
                Some(&path),
                domain::auth::Outcome::Denied,
                Some(reason),
            )
            .await;
        return AppError::CrossSite(reason).into_response();
    }
    match (access, &principal) {
        (Access::Public, _) => {}
        (_, None) if policy::is_api(&path) || !policy::is_safe(&method) => {
            return AppError::Unauthorized("log in, or send Authorization: Bearer <API token>")
                .into_response();
        }
        (_, None) => return to_login(request.uri()),
        (Access::Write, Some(p)) if !p.can_write() => {
            return AppError::Forbidden("this API token can only read").into_response();
        }
        _ => {}
    }
    request
        .extensions_mut()
        .insert(RequestAuth { principal, ip });
    next.run(request).await
}

fn to_login(uri: &axum::http::Uri) -> Response {
    let next = uri
        .path_and_query()
        .map_or("/", axum::http::uri::PathAndQuery::as_str);
    let encoded: String = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    let mut response = Redirect::to(&format!("/login?{encoded}")).into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    response
}

async fn from_bearer(
    state: &AppState,
    secret: &str,
    path: &str,
) -> Result<Option<Principal>, AppError> {
    let metrics_token = state
        .metrics_token
        .as_deref()
        .filter(|_| path == "/metrics");
    if metrics_token.is_some_and(|t| domain::auth::same_secret(secret.as_bytes(), t.as_bytes())) {
        return Ok(Some(Principal {
            name: "metrics-token".to_owned(),
            via: AuthVia::Token,
            scope: Scope::Read,
            user_id: None,
            token_id: None,
        }));
    }
    Ok(state.auth.verify_token(secret).await?)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Deletes expired sessions from the store every hour until aborted.
pub fn sweep_expired_sessions(state: &AppState) -> tokio::task::JoinHandle<()> {
    use tower_sessions::ExpiredDeletion;
    let store = SqliteStore::new(state.auth.pool().clone());
    tokio::spawn(async move {
        if let Err(error) = store
            .continuously_delete_expired(Duration::from_secs(3600))
            .await
        {
            tracing::error!(%error, "expired sessions are no longer swept");
        }
    })
}
