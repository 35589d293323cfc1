use app::api::auth::session::AuthContext;
use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::response::IntoResponse;
use leptos::prelude::provide_context;
use tower_sessions::Session;

use crate::auth::RequestAuth;
use crate::state::AppState;

/// Runs a Leptos server function with the domain services and its caller
/// (as the auth gate decided it) in its context.
pub async fn handle(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    let services = state.services.clone();
    let auth = request
        .extensions()
        .get::<RequestAuth>()
        .cloned()
        .unwrap_or(RequestAuth {
            principal: None,
            ip: None,
        });
    let context = AuthContext {
        service: state.auth.clone(),
        principal: auth.principal,
        ip: auth.ip,
        session: request.extensions().get::<Session>().cloned(),
    };
    leptos_axum::handle_server_fns_with_context(
        move || {
            provide_context(services.clone());
            provide_context(context.clone());
        },
        request,
    )
    .await
}
