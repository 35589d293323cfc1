//! JSON-RPC 2.0 over the WebSocket at `/api/current` (TrueNAS 25.04+,
//! `api/base/server/ws_handler/rpc.py`). Calls on one session are made one
//! at a time: the session is the unit TrueNAS authenticates and throttles,
//! and strict request/answer pairing needs no background task.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{
    Connector, MaybeTlsStream, WebSocketStream, connect_async_tls_with_config,
};

use crate::MAX_RESPONSE_BYTES;
use crate::config::ConnectionConfig;
use crate::error::Error;

/// JSON-RPC error code for "Method does not exist".
pub(crate) const METHOD_NOT_FOUND: i64 = -32601;

/// What the WebSocket handshake found.
pub(crate) enum Handshake {
    Open(RpcSession),
    /// HTTP 404 on `/api/current`: a ≤24.10 box without JSON-RPC.
    NoJsonRpc,
}

pub(crate) struct RpcSession {
    /// Boxed: the stream with its buffers is large and sessions move around.
    ws: Box<WebSocketStream<MaybeTlsStream<TcpStream>>>,
    next_id: u64,
}

pub(crate) async fn open(
    config: &ConnectionConfig,
    tls: Option<Arc<rustls::ClientConfig>>,
) -> Result<Handshake, Error> {
    let ws_config = WebSocketConfig::default()
        .max_message_size(Some(MAX_RESPONSE_BYTES))
        .max_frame_size(Some(MAX_RESPONSE_BYTES));
    let connector = match tls {
        Some(tls) => Connector::Rustls(tls),
        None => Connector::Plain,
    };
    match connect_async_tls_with_config(config.ws_url(), Some(ws_config), true, Some(connector))
        .await
    {
        Ok((ws, _)) => Ok(Handshake::Open(RpcSession {
            ws: Box::new(ws),
            next_id: 1,
        })),
        Err(tungstenite::Error::Http(response))
            if response.status() == http::StatusCode::NOT_FOUND =>
        {
            Ok(Handshake::NoJsonRpc)
        }
        Err(err) => Err(map_ws_error(err)),
    }
}

fn map_ws_error(err: tungstenite::Error) -> Error {
    use tungstenite::Error as E;
    match err {
        E::Http(response) => {
            let status = response.status();
            if status == http::StatusCode::UNAUTHORIZED || status == http::StatusCode::FORBIDDEN {
                Error::Auth {
                    message: format!("WebSocket handshake refused with HTTP {status}"),
                }
            } else if status.is_redirection() {
                Error::connection(format!(
                    "WebSocket handshake redirected (HTTP {status}); configure the final scheme and port"
                ))
            } else {
                Error::Api {
                    code: Some(i64::from(status.as_u16())),
                    message: format!("WebSocket handshake refused with HTTP {status}"),
                }
            }
        }
        E::Capacity(e) => Error::malformed(format!("answer exceeds the size limit: {e}")),
        E::Utf8(e) => Error::malformed(format!("invalid UTF-8 in a text frame: {e}")),
        E::Url(e) => Error::Config {
            message: format!("invalid WebSocket URL: {e}"),
        },
        E::ConnectionClosed | E::AlreadyClosed => Error::connection("the NAS closed the WebSocket"),
        other => Error::from_transport(&other),
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default, borrow)]
    result: Option<&'a RawValue>,
    #[serde(default)]
    error: Option<RpcError>,
}

#[derive(Deserialize)]
struct RpcError {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    data: Option<RpcErrorData>,
}

#[derive(Deserialize)]
struct RpcErrorData {
    #[serde(default)]
    errname: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl RpcError {
    fn into_error(self) -> Error {
        let errname = self.data.as_ref().and_then(|d| d.errname.clone());
        let reason = self.data.and_then(|d| d.reason);
        let message = reason
            .or(self.message)
            .unwrap_or_else(|| "error without a message".to_owned());
        let auth_names = ["ENOTAUTHENTICATED", "EACCES", "EPERM"];
        if errname.as_deref().is_some_and(|n| auth_names.contains(&n)) {
            return Error::Auth { message };
        }
        Error::Api {
            code: self.code,
            message,
        }
    }
}

impl RpcSession {
    /// Sends one request and decodes its `result` as `T`. Notifications
    /// and answers to other ids are skipped.
    pub(crate) async fn call<T: DeserializeOwned>(
        &mut self,
        method: &str,
        params: Value,
    ) -> Result<T, Error> {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.ws
            .send(Message::text(request.to_string()))
            .await
            .map_err(map_ws_error)?;
        loop {
            let message = match self.ws.next().await {
                Some(Ok(message)) => message,
                Some(Err(err)) => return Err(map_ws_error(err)),
                None => return Err(Error::connection("the NAS closed the WebSocket")),
            };
            let text = match message {
                Message::Text(text) => text,
                Message::Close(_) => return Err(Error::connection("the NAS closed the WebSocket")),
                _ => continue,
            };
            let envelope: Envelope<'_> = serde_json::from_str(text.as_str())
                .map_err(|e| Error::malformed(format!("{method}: not a JSON-RPC message: {e}")))?;
            if envelope.id.as_ref().and_then(Value::as_u64) != Some(id) {
                if envelope.id.as_ref().is_some_and(Value::is_null)
                    && let Some(error) = envelope.error
                {
                    return Err(error.into_error());
                }
                continue;
            }
            if let Some(error) = envelope.error {
                return Err(error.into_error());
            }
            let raw = envelope.result.map_or("null", RawValue::get);
            return serde_json::from_str(raw)
                .map_err(|e| Error::malformed(format!("{method}: unexpected result shape: {e}")));
        }
    }

    pub(crate) async fn close(mut self) {
        let _ = SinkExt::close(&mut self.ws).await;
    }
}
