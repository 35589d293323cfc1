//! REST v2.0 the way `restful.py` serves it: Bearer API keys, text/plain
//! 401 bodies (`401: Unauthorized` without a header, `Invalid API key` for a
//! wrong one), aiohttp's `404: Not Found`, 405 for a wrong verb, and paths
//! accepted with or without a trailing slash.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::data::Fault;
use crate::scenario::Scenario;
use crate::state::SimState;

fn text(status: StatusCode, body: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

fn json_body(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Route table: path → (method name, verb is POST).
fn route(path: &str) -> Option<(&'static str, bool)> {
    Some(match path {
        "system/info" => ("system.info", false),
        "pool" => ("pool.query", false),
        "pool/dataset" => ("pool.dataset.query", false),
        "pool/snapshot" => ("pool.snapshot.query", false),
        "zfs/snapshot" => ("zfs.snapshot.query", false),
        "disk" => ("disk.query", false),
        "disk/temperatures" => ("disk.temperatures", true),
        "alert/list" => ("alert.list", false),
        "replication" => ("replication.query", false),
        "core/ping" => ("core.ping", false),
        _ => return None,
    })
}

/// `extra.<k>=<json>` query options become the query method's options
/// argument, as `restful.py` does.
fn params_from_query(query: Option<&str>) -> Value {
    let mut extra = serde_json::Map::new();
    let mut options = serde_json::Map::new();
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    for (key, value) in &pairs {
        let (key, value) = (key.as_str(), value.as_str());
        if let Some(name) = key.strip_prefix("extra.") {
            let parsed = serde_json::from_str(value).unwrap_or_else(|_| json!(value));
            extra.insert(name.to_owned(), parsed);
        } else if (key == "limit" || key == "offset")
            && let Ok(n) = value.parse::<u64>()
        {
            options.insert(key.to_owned(), json!(n));
        }
    }
    options.insert("extra".to_owned(), Value::Object(extra));
    json!([[], options])
}

pub(crate) async fn handle(
    State(state): State<Arc<SimState>>,
    method: Method,
    Path(path): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let scenario = state.scenario();
    if scenario == Scenario::Slow {
        tokio::time::sleep(state.config.slow_delay).await;
    }
    let Some((name, post)) = route(path.trim_end_matches('/')) else {
        return text(StatusCode::NOT_FOUND, "404: Not Found");
    };
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match auth {
        None => return text(StatusCode::UNAUTHORIZED, "401: Unauthorized"),
        Some(value) => match value.strip_prefix("Bearer ") {
            Some(key) if state.key_ok(key.trim()) => {}
            Some(_) => return text(StatusCode::UNAUTHORIZED, "Invalid API key"),
            None => return text(StatusCode::UNAUTHORIZED, "Bad username or password"),
        },
    }
    if (method == Method::POST) != post {
        return text(StatusCode::METHOD_NOT_ALLOWED, "405: Method Not Allowed");
    }
    match state.answer(name, &params_from_query(query.as_deref())) {
        Ok(body) if scenario == Scenario::Malformed => json_body(crate::truncate(&body)),
        Ok(body) => json_body(body.to_string()),
        Err(Fault::MethodNotFound) => text(StatusCode::NOT_FOUND, "404: Not Found"),
        Err(Fault::Internal) => {
            let body = json!({
                "message": "[EFAULT] simulated failure",
                "traceback": "Traceback (most recent call last):\n  File \"<simulator>\"\nOSError: simulated failure",
            });
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_options_are_json_values() {
        let params = params_from_query(Some("extra.pools=true&limit=5&extra.name=%22x"));
        assert_eq!(params[1]["extra"]["pools"], true);
        assert_eq!(
            params[1]["extra"]["name"], "\"x",
            "percent-decoded, then not JSON"
        );
        let listed = params_from_query(Some("extra.properties=%5B%22used%22%5D"));
        assert_eq!(listed[1]["extra"]["properties"], json!(["used"]));
        assert!(params[1]["extra"].get("limit").is_none());
        assert_eq!(params[1]["limit"], 5);
    }
}
