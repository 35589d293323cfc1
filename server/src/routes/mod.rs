//! The HTTP surface. `app(state)` builds the whole router so tests can drive
//! it with `oneshot` and the binary serves exactly the same thing.

mod api;
mod health;
mod rpc;

use axum::Router;
use axum::routing::{any, get};
use tower_http::trace::TraceLayer;

use crate::assets;
use crate::state::AppState;

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            &format!("{}/{{*fn_name}}", app::api::RPC_PREFIX),
            any(rpc::handle),
        )
        .route("/api", any(api::not_found))
        .route("/api/{*rest}", any(api::not_found))
        .fallback(assets::serve)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Paths of the server functions the `app` crate registered, for start-up
/// logging and for the tests that prove they are linked into the binary.
pub fn server_fn_paths() -> Vec<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _method)| path.to_owned())
        .collect()
}
