use leptos::prelude::*;
use model::monitor::{ConnectionView, Resource};
use model::resources::{ReasonCode, Status};

use crate::advice;
use crate::format;

/// The problems that need a person, above the cards: every pool that is not
/// healthy (naming the devices behind it: the faulted disk, the one with
/// checksum errors, the resilver), and every NAS that stopped answering,
/// with the failure's class, since when, and what to do. A stale pool is
/// told by its NAS's banner, not once more per pool.
#[component]
pub fn HealthBanners(pools: Vec<Resource>, connections: Vec<ConnectionView>) -> impl IntoView {
    let pool_banners = pools
        .into_iter()
        .filter(|p| matches!(p.status, Status::Warning | Status::Critical))
        .filter_map(pool_banner)
        .collect_view();
    let nas_banners = connections
        .into_iter()
        .filter_map(connection_banner)
        .collect_view();
    view! {
        <div class="banners" data-testid="banners">
            {pool_banners}
            {nas_banners}
        </div>
    }
}

fn pool_banner(pool: Resource) -> Option<impl IntoView> {
    let Resource {
        name,
        status,
        reasons,
        connection_id,
        connection_name,
        pool: health,
        ..
    } = pool;
    let storage: Vec<String> = reasons
        .into_iter()
        .filter(|r| !matches!(r.code, ReasonCode::Stale | ReasonCode::SourceUnreachable))
        .map(|r| r.message)
        .collect();
    if storage.is_empty() {
        return None;
    }
    let state = health
        .and_then(|h| h.state)
        .unwrap_or_else(|| "unknown state".to_owned());
    let critical = status == Status::Critical;
    let details = storage
        .into_iter()
        .map(|message| view! { <li>{message}</li> })
        .collect_view();
    let href = crate::storage_rows::pool_href(&connection_id, &name);
    Some(view! {
        <div
            class="notice"
            class:notice-error=critical
            class:notice-warn=!critical
            role="alert"
            data-testid="banner-pool"
            data-pool=name
        >
            <strong>{format!("Pool {name} on {connection_name} is {state}.")}</strong>
            <ul class="banner-reasons">{details}</ul>
            <a href=href>"See the pool"</a>
        </div>
    })
}

fn connection_banner(view: ConnectionView) -> Option<impl IntoView> {
    let poll = view.poll?;
    let error = poll.last_error.filter(|_| poll.consecutive_failures > 0)?;
    let since = poll.last_success_at.as_deref().map_or_else(
        || "it has not answered since poolwatch started watching it".to_owned(),
        |at| format!("last good answer {}", format::timestamp(at)),
    );
    let name = view.connection.name;
    let headline = format!(
        "{name} is not answering ({}): {since}.",
        advice::label(&error.category)
    );
    let step = advice::next_step(&error.category);
    Some(view! {
        <div class="notice notice-error" role="alert" data-testid="banner-connection" data-category=error.category>
            <strong>{headline}</strong>
            <span>{error.message}</span>
            <p>{step} " " <a href="/connections">"Open connections"</a></p>
        </div>
    })
}
