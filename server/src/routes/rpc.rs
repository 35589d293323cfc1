use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::response::IntoResponse;
use leptos::prelude::provide_context;

use crate::state::AppState;

/// Runs a Leptos server function with the domain services in its context.
pub async fn handle(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    let services = state.services.clone();
    leptos_axum::handle_server_fns_with_context(move || provide_context(services.clone()), request)
        .await
}
