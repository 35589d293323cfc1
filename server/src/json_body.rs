//! A JSON body extractor whose every failure is an [`AppError`] with a clear
//! message and, where it can tell, the field at fault.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Largest body the connection API accepts.
pub const BODY_LIMIT: usize = 32 * 1024;

pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                let v = v.trim().to_ascii_lowercase();
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            });
        if !is_json {
            return Err(AppError::NotJson);
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::TooLarge { limit: BODY_LIMIT })?;
        parse(&bytes).map(JsonBody)
    }
}

/// Deserializes with the path of the failing field, so `{"port": "x"}`
/// reports `port`. Error texts never include string values from the body.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let (code, message) = if inner.is_syntax() || inner.is_eof() {
            (
                "invalid_json",
                format!("the body is not valid JSON: {}", position(&inner)),
            )
        } else {
            ("invalid_config", describe(&inner))
        };
        let field = unknown_field(&inner.to_string())
            .or_else(|| (path != "." && !path.is_empty()).then_some(path));
        AppError::BadRequest {
            code,
            message,
            field,
        }
    })
}

fn position(err: &serde_json::Error) -> String {
    format!("line {} column {}", err.line(), err.column())
}

/// The kind of data problem, without echoing the offending value.
fn describe(err: &serde_json::Error) -> String {
    let text = err.to_string();
    if let Some(field) = unknown_field(&text) {
        return format!("unknown field '{field}'");
    }
    if let Some(rest) = text.strip_prefix("invalid type: ")
        && let Some((_, expected)) = rest.split_once(", expected ")
    {
        let expected = expected.split(" at line").next().unwrap_or(expected);
        return format!("wrong type: expected {expected}");
    }
    if text.starts_with("unknown variant") {
        let expected = text.split("expected ").nth(1).unwrap_or("");
        let expected = expected.split(" at line").next().unwrap_or(expected);
        return format!("unknown value; expected {expected}");
    }
    let without_position = text.split(" at line").next().unwrap_or(&text);
    format!("invalid value: {without_position}")
}

fn unknown_field(text: &str) -> Option<String> {
    let rest = text.strip_prefix("unknown field `")?;
    rest.split('`').next().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use model::connections::ConnectionInput;

    use super::*;

    fn err(body: &str) -> (String, String, Option<String>) {
        match parse::<ConnectionInput>(body.as_bytes()) {
            Err(AppError::BadRequest {
                code,
                message,
                field,
            }) => (code.to_owned(), message, field),
            other => panic!("{body}: {other:?}"),
        }
    }

    #[test]
    fn clear_errors_with_fields() {
        let (code, message, _) = err("{\"name\": ");
        assert_eq!(code, "invalid_json");
        assert!(message.contains("line 1"), "{message}");
        let (code, message, field) = err(r#"{"apikey": "1-secret"}"#);
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_config", Some("apikey"))
        );
        assert!(message.contains("unknown field"), "{message}");
        assert!(!message.contains("1-secret"));
        let (_, message, field) = err(r#"{"port": "1-secret"}"#);
        assert_eq!(field.as_deref(), Some("port"));
        assert!(message.contains("expected u32"), "{message}");
        assert!(!message.contains("1-secret"), "{message}");
        let (_, message, field) = err(r#"{"tlsMode": "sometimes"}"#);
        assert_eq!(field.as_deref(), Some("tlsMode"));
        assert!(message.contains("verify"), "{message}");
        let (_, _, field) = err(r#"{"apiKey": 5}"#);
        assert_eq!(field.as_deref(), Some("apiKey"));
        let (code, _, _) = err("[1,2]");
        assert_eq!(code, "invalid_config");
    }
}
