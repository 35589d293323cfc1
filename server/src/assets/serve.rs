//! The fallback handler: static files, and the app shell for page URLs.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::{Asset, negotiate};
use crate::state::AppState;

/// Serves an embedded file by path; any other path without a file extension
/// gets the app shell (`index.html`; `overview.html` for `/`), with 200 for a
/// known page and 404 otherwise, so deep links and reloads work and the
/// browser's router shows the page.
pub async fn serve(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "method not allowed\n",
        )
            .into_response();
    }
    let path = uri.path();
    let assets = &state.assets;
    if let Some(asset) = assets.get(path).filter(|_| path != "/") {
        return respond(asset, StatusCode::OK, &headers);
    }
    let last_segment = path.rsplit('/').next().unwrap_or("");
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    let Some(shell) = assets.shell_for(path) else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CACHE_CONTROL, "no-store")],
            "The poolwatch front end is not part of this build. Build it with `make run` \
             (or `scripts/build.sh`).\n",
        )
            .into_response();
    };
    let status = if model::pages::is_page(path)
        || crate::auth::policy::PUBLIC_PAGES.contains(&path.trim_end_matches('/'))
    {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    respond(shell, status, &headers)
}

fn respond(asset: &Asset, status: StatusCode, request: &HeaderMap) -> Response {
    let accept = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok());
    let encoding = negotiate(accept, |e| asset.offers(e));
    let etag = format!(
        "\"{}{}\"",
        asset.digest,
        encoding
            .header()
            .map(|e| format!("-{e}"))
            .unwrap_or_default()
    );
    let mut response = if status == StatusCode::OK && if_none_match(request, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(asset.body(encoding).clone()));
        *r.status_mut() = status;
        r.headers_mut()
            .insert(header::CONTENT_TYPE, asset.content_type.clone());
        if let Some(coding) = encoding.header() {
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        r
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, asset.cache.header());
    if let Ok(value) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, value);
    }
    if asset.gzip.is_some() || asset.brotli.is_some() {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

fn if_none_match(request: &HeaderMap, etag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}
