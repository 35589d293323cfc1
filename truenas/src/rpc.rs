//! JSON-RPC 2.0 over the WebSocket at `/api/current` (TrueNAS 25.04+,
//! `api/base/server/ws_handler/rpc.py`). Calls on one session are made one
//! at a time: the session is the unit TrueNAS authenticates and throttles,
//! and strict request/answer pairing needs no background task.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
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

/// tungstenite's read chunk and initial buffer (its default is 128 KiB).
const READ_BUFFER_BYTES: usize = 16 * 1024;

/// Answers longer than this leave a read buffer behind (see
/// [`RpcSession::release_read_buffer`]).
const LARGE_ANSWER_BYTES: usize = 64 * 1024;

pub(crate) struct RpcSession {
    /// Boxed: the stream with its buffers is large and sessions move around.
    ws: Box<WebSocketStream<MaybeTlsStream<TcpStream>>>,
    next_id: u64,
    /// Length of the last answer read, in bytes.
    last_answer_bytes: usize,
}

pub(crate) async fn open(
    config: &ConnectionConfig,
    tls: Option<Arc<rustls::ClientConfig>>,
) -> Result<Handshake, Error> {
    // Each read zero-fills up to `read_buffer_size` before reading into it,
    // and a TLS stream hands over at most one 16 KiB record per read: a
    // larger buffer only costs memset time and idle memory per connection.
    let ws_config = WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER_BYTES)
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
            last_answer_bytes: 0,
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

/// The usual answer, parsed in one pass straight into `T`. Dataset pages
/// make up most of what a poll reads, and a first pass that only finds the
/// envelope's `result` costs about as much as parsing it. Anything unusual
/// (an error, another id, a null or misshapen result) gives `None`, and
/// [`parse_answer`] then reads and classifies the frame.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct TypedEnvelope<T> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    result: Option<T>,
    #[serde(default)]
    error: Option<IgnoredAny>,
}

/// A shortcut reading of a whole answer frame to request `id`, tried
/// before serde; `None` when it does not apply (`types::dataset_scan`).
pub(crate) type Scan<T> = fn(&str, u64) -> Option<T>;

/// The [`Scan`] of every call that has none.
pub(crate) fn no_scan<T>(_: &str, _: u64) -> Option<T> {
    None
}

pub(crate) fn parse_result<T: DeserializeOwned>(text: &str, id: u64) -> Option<T> {
    let envelope: TypedEnvelope<T> = serde_json::from_str(text).ok()?;
    let ours = envelope.id.as_ref().and_then(Value::as_u64) == Some(id);
    if !ours || envelope.error.is_some() {
        return None;
    }
    envelope.result
}

/// Reads one text frame: `None` when it is not the answer to `id` (a
/// notification or a stale answer), else the decoded result or error.
pub(crate) fn parse_answer<T: DeserializeOwned>(
    text: &str,
    id: u64,
    method: &str,
) -> Option<Result<T, Error>> {
    let envelope: Envelope<'_> = match serde_json::from_str(text) {
        Ok(envelope) => envelope,
        Err(e) => {
            return Some(Err(Error::malformed(format!(
                "{method}: not a JSON-RPC message: {e}"
            ))));
        }
    };
    if envelope.id.as_ref().and_then(Value::as_u64) != Some(id) {
        // Errors about unparseable requests carry a null id (read as None).
        let error = envelope.error.filter(|_| envelope.id.is_none())?;
        return Some(Err(error.into_error()));
    }
    if let Some(error) = envelope.error {
        return Some(Err(error.into_error()));
    }
    let raw = envelope.result.map_or("null", RawValue::get);
    Some(
        serde_json::from_str(raw)
            .map_err(|e| Error::malformed(format!("{method}: unexpected result shape: {e}"))),
    )
}

impl RpcSession {
    /// Sends one request and decodes its `result` as `T`. Notifications
    /// and answers to other ids are skipped.
    pub(crate) async fn call<T: DeserializeOwned>(
        &mut self,
        method: &str,
        params: Value,
    ) -> Result<T, Error> {
        self.call_with(method, params, no_scan).await
    }

    /// [`Self::call`], reading each frame with `scan` first and with serde
    /// only when `scan` gives up.
    pub(crate) async fn call_with<T: DeserializeOwned>(
        &mut self,
        method: &str,
        params: Value,
        scan: Scan<T>,
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
            let text = text.as_str();
            if let Some(result) = scan(text, id).or_else(|| parse_result(text, id)) {
                self.last_answer_bytes = text.len();
                return Ok(result);
            }
            if let Some(answer) = parse_answer(text, id, method) {
                self.last_answer_bytes = text.len();
                return answer;
            }
        }
    }

    /// tungstenite reserves its read buffer for the whole frame and never
    /// shrinks it, so one dataset page would keep every idle connection
    /// holding a few hundred KiB between polls (a third of a GB over 1,000
    /// NAS). After a large answer the WebSocket state is rebuilt around the
    /// same logged-in TLS stream, which frees that buffer. Nothing is lost:
    /// a call reads to the end of its answer and poolwatch subscribes to
    /// nothing, so TrueNAS has nothing further to send; if a stray frame
    /// were cut, the next call fails as a connection error and the session
    /// reconnects.
    pub(crate) async fn release_read_buffer(self) -> Self {
        if self.last_answer_bytes <= LARGE_ANSWER_BYTES {
            return self;
        }
        let config = *self.ws.get_config();
        let stream = self.ws.into_inner();
        let ws = WebSocketStream::from_raw_socket(stream, Role::Client, Some(config)).await;
        Self {
            ws: Box::new(ws),
            next_id: self.next_id,
            last_answer_bytes: 0,
        }
    }

    pub(crate) async fn close(mut self) {
        let _ = SinkExt::close(&mut *self.ws).await;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::error::Category;

    #[test]
    fn answers_are_matched_by_id() {
        let ours = r#"{"jsonrpc":"2.0","result":[1,2],"id":7}"#;
        assert_eq!(
            parse_answer::<Vec<u8>>(ours, 7, "m").map(Result::ok),
            Some(Some(vec![1, 2]))
        );
        assert!(parse_answer::<Vec<u8>>(ours, 8, "m").is_none());
        let event = r#"{"jsonrpc":"2.0","method":"collection_update","params":{}}"#;
        assert!(parse_answer::<Value>(event, 1, "m").is_none());
    }

    #[test]
    fn one_pass_parse_takes_only_our_plain_results() {
        let ours = r#"{"jsonrpc":"2.0","id":7,"result":[{"id":"tank","used":{"parsed":5}}]}"#;
        let fast: Option<Vec<crate::types::Dataset>> = parse_result(ours, 7);
        let slow = parse_answer::<Vec<crate::types::Dataset>>(ours, 7, "m").and_then(Result::ok);
        assert!(fast.is_some());
        assert_eq!(fast, slow);
        assert_eq!(parse_result::<Vec<u8>>(ours, 8), None, "another id");
        let failed = r#"{"jsonrpc":"2.0","id":7,"result":[1],"error":{"code":1}}"#;
        assert_eq!(parse_result::<Vec<u8>>(failed, 7), None, "an error wins");
        let null = r#"{"jsonrpc":"2.0","id":7,"result":null}"#;
        assert_eq!(
            parse_result::<Vec<u8>>(null, 7),
            None,
            "null goes the slow way"
        );
        let misshapen = r#"{"jsonrpc":"2.0","id":7,"result":{"a":1}}"#;
        assert_eq!(parse_result::<Vec<u8>>(misshapen, 7), None);
        assert!(parse_answer::<Vec<u8>>(misshapen, 7, "m").is_some_and(|r| r.is_err()));
    }

    #[test]
    fn errors_are_classified() {
        let unauth = r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"Method call error",
            "data":{"error":207,"errname":"ENOTAUTHENTICATED","reason":"[ENOTAUTHENTICATED] Not authenticated"}}}"#;
        let err = parse_answer::<Value>(unauth, 1, "m").and_then(Result::err);
        assert_eq!(err.map(|e| e.category()), Some(Category::Auth));
        let missing =
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method does not exist"}}"#;
        let err = parse_answer::<Value>(missing, 1, "m").and_then(Result::err);
        assert!(matches!(
            err,
            Some(Error::Api {
                code: Some(METHOD_NOT_FOUND),
                ..
            })
        ));
        let parse =
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#;
        assert!(parse_answer::<Value>(parse, 3, "m").is_some_and(|r| r.is_err()));
    }

    proptest! {
        #[test]
        fn arbitrary_frames_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), id in 0u64..4) {
            let text = String::from_utf8_lossy(&bytes);
            if let Some(Err(err)) = parse_answer::<Value>(&text, id, "m") {
                prop_assert!(matches!(err.category(), Category::Malformed | Category::Api | Category::Auth));
            }
        }

        #[test]
        fn arbitrary_envelopes_never_panic(id in any::<u64>(), code in any::<i64>(), name in "[A-Z]{0,12}", result in "[0-9a-z\\[\\]{}\",:]{0,24}") {
            let frame = format!(r#"{{"jsonrpc":"2.0","id":{id},"result":{result},"error":{{"code":{code},"data":{{"errname":"{name}"}}}}}}"#);
            let _ = parse_answer::<Vec<String>>(&frame, id, "m");
        }
    }
}
