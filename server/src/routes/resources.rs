//! `GET /api/v2/resources` and `GET /api/v2/events`: the registry as JSON,
//! and a server-sent event each time it changes, so pages update live.

use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use domain::monitor::ResourceQuery;
use futures_util::Stream;
use model::monitor::ResourcePage;

use crate::error::AppError;
use crate::state::AppState;

/// Filters: `source`, `type`, `status` (or `health`), `connection`, `q`;
/// pages with `offset` and `limit` (default 200, at most 5000).
pub async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ResourcePage>, AppError> {
    let raw = raw.unwrap_or_default();
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(&raw).map_err(|e| AppError::BadRequest {
            code: "invalid_query",
            message: format!("the query string is not valid: {e}"),
            field: None,
        })?;
    let query =
        ResourceQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(|e| {
            AppError::BadRequest {
                code: "invalid_query",
                message: e.message,
                field: Some(e.field.to_owned()),
            }
        })?;
    Ok(Json(query.page(state.services.registry().resources())))
}

/// One `resources` event per registry change, coalesced over 250 ms,
/// carrying the registry version; the page then refetches what it shows.
/// A stream lasts at most this long, so a session ended elsewhere (logout,
/// password change) stops receiving within it: the browser reconnects and
/// the reconnect is checked like any request.
const MAX_STREAM: Duration = Duration::from_secs(300);

pub async fn events(
    State(state): State<AppState>,
    session: tower_sessions::Session,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut lasts = MAX_STREAM;
    if let Some(deadline) =
        app::api::auth::session::deadline(&session, state.security.sessions).await
    {
        let left = deadline.saturating_sub(time::OffsetDateTime::now_utc().unix_timestamp());
        lasts = lasts.min(Duration::from_secs(u64::try_from(left).unwrap_or(0)));
    }
    let changes = state.services.registry().subscribe();
    let stream = futures_util::stream::unfold(changes, |mut changes| async move {
        changes.changed().await.ok()?;
        tokio::time::sleep(Duration::from_millis(250)).await;
        let version = *changes.borrow_and_update();
        let event = Event::default()
            .event("resources")
            .data(format!("{{\"version\":{version}}}"));
        Some((Ok(event), changes))
    });
    let stream = futures_util::StreamExt::take_until(stream, tokio::time::sleep(lasts));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
