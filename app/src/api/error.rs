//! The error every server function returns: the same `{error, code, field}`
//! the REST API answers, so the wizard can put a message at its field.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub code: String,
    pub field: Option<String>,
    /// For a failed connection test: the certificate seen, to offer pinning it.
    #[serde(default)]
    pub fingerprint: Option<String>,
}

impl ApiError {
    pub fn new(code: &str, error: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            code: code.to_owned(),
            field: None,
            fingerprint: None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.error)
    }
}

impl std::error::Error for ApiError {}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    /// Failures of the call itself (network, server unreachable, bad reply).
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::new("request_failed", value.to_string())
    }
}

impl From<model::connections::ErrorBody> for ApiError {
    fn from(body: model::connections::ErrorBody) -> Self {
        Self {
            error: body.error,
            code: body.code,
            field: body.field,
            fingerprint: body.fingerprint,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::connections::ConnectionError> for ApiError {
    /// Also gives the server function's response the status the REST API
    /// would answer with (a refused input is a 400, not a 500).
    fn from(err: domain::connections::ConnectionError) -> Self {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
            && let Ok(status) = http::StatusCode::from_u16(err.http_status())
        {
            response.set_status(status);
        }
        err.to_body().into()
    }
}
