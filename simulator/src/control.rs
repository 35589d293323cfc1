//! The simulator's own control endpoints under `/_sim` (not part of any
//! TrueNAS API): switch scenario, read counters, cut connections.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::scenario::Scenario;
use crate::state::SimState;

/// Body: a scenario name, bare or as `{"scenario": "<name>"}`.
pub(crate) async fn set_scenario(State(state): State<Arc<SimState>>, body: String) -> Response {
    let name = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|v| v.get("scenario").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or(body);
    match name.parse::<Scenario>() {
        Ok(scenario) => {
            state.set_scenario(scenario);
            Json(json!({"scenario": scenario.as_str()})).into_response()
        }
        Err(err) => (StatusCode::BAD_REQUEST, err.to_string()).into_response(),
    }
}

pub(crate) async fn stats(State(state): State<Arc<SimState>>) -> Json<Value> {
    Json(json!({
        "hostname": state.config.hostname,
        "scenario": state.scenario().as_str(),
        "logins": state.logins(),
        "login_attempts": state.login_attempts(),
    }))
}

/// Cuts every connection shortly after answering, so this answer itself
/// still gets out.
pub(crate) async fn drop_connections(State(state): State<Arc<SimState>>) -> StatusCode {
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        state.drop_connections();
    });
    StatusCode::NO_CONTENT
}
