//! JSON-RPC 2.0 over WebSocket at `/api/current`
//! (`api/base/server/ws_handler/rpc.py`, `plugins/auth.py`). Before login
//! every method except the login calls fails with ENOTAUTHENTICATED;
//! `auth.login_with_api_key` answers `false` for a bad key and
//! `auth.login_ex` answers `{"response_type": "AUTH_ERR"}`.

use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};

use crate::data::Fault;
use crate::scenario::Scenario;
use crate::state::SimState;

pub(crate) async fn upgrade(State(state): State<Arc<SimState>>, ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(1 << 20)
        .on_upgrade(move |socket| session(socket, state))
}

async fn session(mut socket: WebSocket, state: Arc<SimState>) {
    let mut cut = state.watch_generation();
    let mut authenticated = false;
    loop {
        let message = tokio::select! {
            _ = cut.changed() => return,
            message = socket.recv() => message,
        };
        let text = match message {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Binary(_))) => {
                // Binary frames close the socket with 1003 (UNSUPPORTED_DATA).
                let frame = CloseFrame {
                    code: 1003,
                    reason: "binary frames are not supported".into(),
                };
                let _ = socket.send(Message::Close(Some(frame))).await;
                return;
            }
            Some(Ok(_)) => continue,
            None | Some(Err(_)) => return,
        };
        let reply = answer(&state, text.as_str(), &mut authenticated).await;
        if socket.send(Message::Text(reply.into())).await.is_err() {
            return;
        }
    }
}

/// `data` of -32001 errors: `{error, errname, reason, trace, extra}`.
fn call_error(id: &Value, errno: u32, errname: &str, text: &str) -> String {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {
            "code": -32001,
            "message": "Method call error",
            "data": {
                "error": errno,
                "errname": errname,
                "reason": format!("[{errname}] {text}"),
                "trace": null,
                "extra": null,
            },
        },
    })
    .to_string()
}

fn protocol_error(id: &Value, code: i64, message: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}).to_string()
}

fn result(id: &Value, result: &str) -> String {
    format!(r#"{{"jsonrpc":"2.0","result":{result},"id":{id}}}"#)
}

async fn answer(state: &SimState, text: &str, authenticated: &mut bool) -> String {
    let Ok(request) = serde_json::from_str::<Value>(text) else {
        return protocol_error(&Value::Null, -32700, "Parse error");
    };
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        return protocol_error(&id, -32600, "Invalid Request");
    };
    let params = request.get("params").cloned().unwrap_or_else(|| json!([]));
    let scenario = state.scenario();
    if scenario == Scenario::Slow {
        tokio::time::sleep(state.config.slow_delay).await;
    }
    match method {
        "auth.login_with_api_key" => {
            let ok = params[0].as_str().is_some_and(|key| state.key_ok(key));
            state.record_login(ok);
            *authenticated |= ok;
            return result(&id, if ok { "true" } else { "false" });
        }
        "auth.login_ex" => {
            let request = &params[0];
            let ok = request["mechanism"] == "API_KEY_PLAIN"
                && request["username"] == state.config.username.as_str()
                && request["api_key"]
                    .as_str()
                    .is_some_and(|key| state.key_ok(key));
            state.record_login(ok);
            *authenticated |= ok;
            let body = if ok {
                json!({"response_type": "SUCCESS", "user_info": {"pw_name": state.config.username}})
            } else {
                json!({"response_type": "AUTH_ERR"})
            };
            return result(&id, &body.to_string());
        }
        _ => {}
    }
    if !*authenticated {
        return call_error(&id, 207, "ENOTAUTHENTICATED", "Not authenticated");
    }
    match state.answer(method, &params) {
        Ok(body) if scenario == Scenario::Malformed => crate::truncate(&result(&id, &body)),
        Ok(body) => result(&id, &body),
        Err(Fault::MethodNotFound) => protocol_error(&id, -32601, "Method does not exist"),
        Err(Fault::Internal) => protocol_error(&id, -32603, "Internal error"),
    }
}
