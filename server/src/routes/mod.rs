//! The HTTP surface. `app(state)` builds the whole router so tests can drive
//! it with `oneshot` and the binary serves exactly the same thing.

mod api;
mod auth;
mod connections;
mod health;
mod metrics;
mod resources;
mod rpc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{any, get, post, put};
use tower_http::trace::TraceLayer;

use crate::assets;
use crate::state::AppState;

pub fn app(state: AppState) -> Router {
    let sessions = crate::auth::session_layer(&state);
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .route(
            &format!("{}/{{*fn_name}}", app::api::RPC_PREFIX),
            any(rpc::handle),
        )
        .nest("/api/truenas", truenas_api(state.clone()))
        .route("/api/v2/resources", get(resources::list))
        .route("/api/v2/events", get(resources::events))
        .nest("/api/auth", auth_api())
        .route("/api", any(api::not_found))
        .route("/api/{*rest}", any(api::not_found))
        .fallback(assets::serve)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::auth::authorize,
        ))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::auth::headers::security_headers,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// `/api/auth/...`: sessions for scripts, API tokens, the audit log.
fn auth_api() -> Router<AppState> {
    Router::new()
        .route("/status", get(auth::status))
        .route("/me", get(auth::me))
        .route("/login", post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/setup", post(auth::setup))
        .route("/password", post(auth::change_password))
        .route("/tokens", get(auth::list_tokens).post(auth::create_token))
        .route("/tokens/{id}/revoke", post(auth::revoke_token))
        .route("/audit", get(auth::audit))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(crate::json_body::BODY_LIMIT))
}

/// `/api/truenas/...`: the connection API, behind the feature switch and a
/// 32 KiB body limit.
fn truenas_api(state: AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/connections",
            get(connections::list).post(connections::create),
        )
        .route("/connections/test", post(connections::test_unsaved))
        .route(
            "/connections/{id}",
            put(connections::update).delete(connections::delete),
        )
        .route("/connections/{id}/test", post(connections::test_stored))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(crate::json_body::BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            state,
            connections::require_enabled,
        ))
}

/// Paths of the server functions the `app` crate registered, for start-up
/// logging and for the tests that prove they are linked into the binary.
pub fn server_fn_paths() -> Vec<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _method)| path.to_owned())
        .collect()
}
