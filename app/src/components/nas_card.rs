use leptos::prelude::*;
use model::monitor::{Freshness, Resource};
use model::resources::UsableCapacity;

use crate::components::StatusBadge;
use crate::format;

/// One NAS at a glance: its health, its pools with usage and the first
/// reason of any problem, and whether the data is fresh.
#[component]
pub fn NasCard(system: Resource, pools: Vec<Resource>) -> impl IntoView {
    let Resource {
        connection_id,
        connection_name,
        status,
        source_status,
        system: summary,
        ..
    } = system;
    let summary = summary.unwrap_or_default();
    let source = source_status.truenas;
    let freshness = source.status;
    let stale = (freshness != Freshness::Online).then(|| {
        let since = source.last_seen.as_deref().map(format::timestamp);
        let text = match (freshness, since) {
            (Freshness::Stale, Some(since)) => format!("Stale: no fresh data since {since}"),
            (_, Some(since)) => format!("Not answering since {since}"),
            (_, None) => "Not read yet".to_owned(),
        };
        view! {
            <p class="stale-note" role="status" data-testid="stale-note">
                <strong>{text}</strong>
                " "
                <span class="muted">{source.error.unwrap_or_default()}</span>
            </p>
        }
    });
    let subtitle = [
        summary.hostname,
        summary.version.map(|v| format!("TrueNAS {v}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let rows = pools.into_iter().map(pool_row).collect_view();
    view! {
        <article
            class="card nas-card"
            class:is-stale=freshness != Freshness::Online
            data-testid="nas-card"
            data-connection=connection_id
        >
            <header class="nas-card-head">
                <h2>{connection_name}</h2>
                <span class="badge badge-source">"TrueNAS"</span>
                <StatusBadge status=status />
            </header>
            <p class="muted nas-subtitle">{subtitle}</p>
            {stale}
            <ul class="pool-list">{rows}</ul>
        </article>
    }
}

fn pool_row(pool: Resource) -> impl IntoView {
    let Resource {
        name,
        status,
        reasons,
        pool: health,
        ..
    } = pool;
    let (usage, state) = match health {
        Some(h) => {
            let usage = match h.capacity.usable {
                UsableCapacity::Known { used, total } => {
                    format!("{} of {} used", format::bytes(used), format::bytes(total))
                }
                UsableCapacity::Unknown => "usage unknown".to_owned(),
            };
            (usage, h.state.unwrap_or_default())
        }
        None => ("usage unknown".to_owned(), String::new()),
    };
    let reason = reasons.into_iter().next().map(|r| r.message);
    let label = name.clone();
    view! {
        <li class="pool-row" data-testid="pool-row" data-pool=name>
            <span class="pool-name">{label}</span>
            <StatusBadge status=status />
            <span class="muted">{state}</span>
            <span class="pool-usage">{usage}</span>
            {reason.map(|r| view! { <span class="pool-reason">{r}</span> })}
        </li>
    }
}
