use std::collections::BTreeMap;

use leptos::prelude::*;
use model::monitor::{ConnectionView, Freshness, Resource};
use model::resources::{ReasonCode, UsableCapacity};

use crate::components::StatusBadge;
use crate::format;

/// One NAS at a glance: its health, how it is reached and when it last
/// answered, its active TrueNAS alerts by level, and its pools with usage
/// and every reason behind a problem (so a degraded pool names the disk).
#[component]
pub fn NasCard(
    system: Resource,
    pools: Vec<Resource>,
    alerts: Vec<Resource>,
    connection: Option<ConnectionView>,
) -> impl IntoView {
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
    let last_seen = source.last_seen.as_deref().map(format::timestamp);
    let stale = (freshness != Freshness::Online).then(|| {
        let text = match (freshness, last_seen.clone()) {
            (Freshness::Stale, Some(since)) => format!("Stale since {since}"),
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
    let transport = connection.and_then(|c| c.transport).map(|t| {
        let mode = format::transport(t.mode.as_deref());
        format!("{mode} · TLS {}", t.tls)
    });
    let seen = last_seen.unwrap_or_else(|| "never".to_owned());
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
            <dl class="facts">
                <dt>"Last seen"</dt>
                <dd data-testid="last-seen">{seen}</dd>
                <dt>"Transport"</dt>
                <dd>{transport.unwrap_or_else(|| "unknown".to_owned())}</dd>
                <dt>"Alerts"</dt>
                <dd data-testid="alert-counts">{alert_counts(alerts)}</dd>
            </dl>
            <ul class="pool-list">{rows}</ul>
        </article>
    }
}

/// Active (not dismissed) alerts counted by level, worst first.
fn alert_counts(alerts: Vec<Resource>) -> String {
    let mut by_level: BTreeMap<usize, (String, usize)> = BTreeMap::new();
    for alert in alerts
        .into_iter()
        .filter_map(|a| a.alert)
        .filter(|a| !a.dismissed)
    {
        let rank = alert.level_rank();
        let level = alert.level.unwrap_or_else(|| "UNKNOWN".to_owned());
        by_level.entry(rank).or_insert((level, 0)).1 += 1;
    }
    if by_level.is_empty() {
        return "none active".to_owned();
    }
    by_level
        .into_values()
        .map(|(level, n)| format!("{n} {}", level.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pool_row(pool: Resource) -> impl IntoView {
    let Resource {
        name,
        status,
        reasons,
        connection_id,
        pool: health,
        ..
    } = pool;
    let (usage, meter, state) = match health {
        Some(h) => match h.capacity.usable {
            UsableCapacity::Known { used, total } => (
                format!("{} of {} used", format::bytes(used), format::bytes(total)),
                Some((used, total)),
                h.state.unwrap_or_default(),
            ),
            UsableCapacity::Unknown => (
                "usage unknown".to_owned(),
                None,
                h.state.unwrap_or_default(),
            ),
        },
        None => ("usage unknown".to_owned(), None, String::new()),
    };
    let reasons = reasons
        .into_iter()
        .filter(|r| !matches!(r.code, ReasonCode::Stale | ReasonCode::SourceUnreachable))
        .map(|r| view! { <li class="pool-reason">{r.message}</li> })
        .collect_view();
    let meter = meter.map(|(used, total)| {
        view! {
            <meter
                class="usage-meter"
                min="0"
                max=total.to_string()
                low=(total / 10 * 8).to_string()
                high=(total / 10 * 9).to_string()
                optimum="0"
                value=used.to_string()
            ></meter>
        }
    });
    let href = crate::storage_rows::pool_href(&connection_id, &name);
    let label = name.clone();
    view! {
        <li class="pool-row" data-testid="pool-row" data-pool=name>
            <a class="pool-name" href=href>{label}</a>
            <StatusBadge status=status />
            <span class="muted">{state}</span>
            <span class="pool-usage">{meter} {usage}</span>
            <ul class="pool-reasons">{reasons}</ul>
        </li>
    }
}
