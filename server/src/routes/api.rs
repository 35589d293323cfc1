use axum::http::Uri;

use crate::error::AppError;

/// `/api/...` is the REST API's namespace: an unknown path there is a JSON 404,
/// never the HTML app shell.
pub async fn not_found(uri: Uri) -> AppError {
    AppError::NotFound(uri.path().to_owned())
}
