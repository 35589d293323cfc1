//! The one error type of the HTTP edge. It logs the cause and answers with a
//! clear JSON body: `{"error": message, "code": code, "field": field?}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::auth::AuthError;
use domain::connections::ConnectionError;
use model::connections::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("no such API endpoint: {0}")]
    NotFound(String),
    #[error("not authorized: {0}")]
    Unauthorized(&'static str),
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error("cross-site request refused: {0}")]
    CrossSite(&'static str),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error("the TrueNAS integration is turned off (POOLWATCH_ENABLE_TRUENAS)")]
    TruenasDisabled,
    #[error("{message}")]
    BadRequest {
        code: &'static str,
        message: String,
        field: Option<String>,
    },
    #[error("the request body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the request body must be JSON (Content-Type: application/json)")]
    NotJson,
    #[error(transparent)]
    Connection(#[from] ConnectionError),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) | AppError::TruenasDisabled => StatusCode::NOT_FOUND,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::CrossSite(_) => StatusCode::FORBIDDEN,
            AppError::Auth(e) => match e {
                AuthError::InvalidCredentials => StatusCode::UNAUTHORIZED,
                AuthError::LockedOut { .. } => StatusCode::TOO_MANY_REQUESTS,
                AuthError::SetupDone => StatusCode::CONFLICT,
                AuthError::Invalid { .. } => StatusCode::BAD_REQUEST,
                AuthError::TokenNotFound(_) => StatusCode::NOT_FOUND,
                AuthError::File { .. }
                | AuthError::Database { .. }
                | AuthError::Sql(_)
                | AuthError::Hash(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Connection(e) => {
                StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (code, field) = match self {
            AppError::NotFound(_) => ("not_found", None),
            AppError::Unauthorized(_) => ("unauthorized", None),
            AppError::Forbidden(_) => ("forbidden", None),
            AppError::CrossSite(_) => ("csrf", None),
            AppError::Auth(e) => return e.to_body(),
            AppError::TruenasDisabled => ("truenas_disabled", None),
            AppError::BadRequest { code, field, .. } => (*code, field.clone()),
            AppError::TooLarge { .. } => ("body_too_large", None),
            AppError::NotJson => ("unsupported_media_type", None),
            AppError::Connection(e) => return e.to_body(),
            AppError::Internal(_) => ("internal", None),
        };
        ErrorBody {
            error: self.to_string(),
            code: code.to_owned(),
            field,
            fingerprint: None,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            AppError::Internal(cause) => tracing::error!(error = %cause, "request failed"),
            e if status.is_server_error() => tracing::error!(error = %e, "request failed"),
            e => tracing::info!(error = %e, status = status.as_u16(), "request refused"),
        }
        let mut response = (status, Json(self.body())).into_response();
        if let AppError::Auth(AuthError::LockedOut { retry_after }) = &self {
            let seconds = retry_after.as_secs().max(1).to_string();
            if let Ok(value) = axum::http::HeaderValue::from_str(&seconds) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
        }
        response
    }
}
