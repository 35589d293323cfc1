use std::collections::BTreeMap;

use leptos::prelude::*;
use model::monitor::{ConnectionView, Resource, ResourcePage, ResourceType};
use model::resources::Status;

use crate::api::connections::list_connections;
use crate::api::resources::list_resources;
use crate::api::status::get_server_status;
use crate::components::{
    EmptyState, ErrorNotice, HealthBanners, NasCard, ServerStatusCard, StoreBanner,
};

/// The at-a-glance page: a card per NAS with its health and pools, a summary
/// across all of them, and poolwatch's own status.
#[component]
pub fn Overview() -> impl IntoView {
    let status = LocalResource::new(get_server_status);
    let nas = LocalResource::new(|| {
        list_resources(vec![
            ("type".to_owned(), "system,pool,alert".to_owned()),
            ("limit".to_owned(), "5000".to_owned()),
        ])
    });
    let connections = LocalResource::new(list_connections);
    crate::live::on_change(move || {
        nas.refetch();
        connections.refetch();
    });
    view! {
        <header class="page-header">
            <h1>"Overview"</h1>
            <p class="lede">"Every pool, disk and dataset of every TrueNAS box, at a glance."</p>
        </header>
        <Transition fallback=|| view! { <p class="muted" aria-busy="true">"Loading…"</p> }>
            {move || {
                status.get().map(|result| match result {
                    Ok(status) => view! { <StoreBanner status=status /> }.into_any(),
                    Err(err) => {
                        view! { <ErrorNotice title="Could not reach the poolwatch server:" error=err /> }
                            .into_any()
                    }
                })
            }}
            {move || {
                nas.get().map(|result| match result {
                    Ok(page) => {
                        let views = connections.get().and_then(Result::ok).unwrap_or_default();
                        nas_grid(page, views).into_any()
                    }
                    Err(err) => {
                        view! { <ErrorNotice title="Could not read the NAS status:" error=err /> }
                            .into_any()
                    }
                })
            }}
            {move || status.get().and_then(Result::ok).map(|s| view! { <ServerStatusCard status=s /> })}
        </Transition>
    }
}

/// One NAS's resources as the overview shows them.
#[derive(Default)]
struct Nas {
    system: Option<Resource>,
    pools: Vec<Resource>,
    alerts: Vec<Resource>,
}

fn nas_grid(page: ResourcePage, views: Vec<ConnectionView>) -> impl IntoView {
    let mut by_connection: BTreeMap<(String, String), Nas> = BTreeMap::new();
    for r in page.data {
        let entry = by_connection
            .entry((r.connection_name.clone(), r.connection_id.clone()))
            .or_default();
        match r.kind {
            ResourceType::System => entry.system = Some(r),
            ResourceType::Alert => entry.alerts.push(r),
            _ => entry.pools.push(r),
        }
    }
    let all_pools: Vec<Resource> = by_connection
        .values()
        .flat_map(|nas| nas.pools.iter().cloned())
        .collect();
    let cards: Vec<(Resource, Nas)> = by_connection
        .into_values()
        .filter_map(|mut nas| nas.system.take().map(|s| (s, nas)))
        .collect();
    if cards.is_empty() {
        return view! {
            <HealthBanners pools=all_pools connections=views />
            <EmptyState
                title="No NAS connected yet"
                detail="Add a TrueNAS connection and its pools, disks and datasets appear here."
                action_href="/connections"
                action_label="Add a connection"
            />
        }
        .into_any();
    }
    let count = |wanted: &[Status]| {
        cards
            .iter()
            .filter(|(s, _)| wanted.contains(&s.status))
            .count()
    };
    let healthy = count(&[Status::Online]);
    let attention = count(&[Status::Warning, Status::Critical]);
    let offline = count(&[Status::Offline, Status::Unknown]);
    let total = cards.len();
    let cards = cards
        .into_iter()
        .map(|(system, nas)| {
            let connection = views
                .iter()
                .find(|v| v.connection.id == system.connection_id)
                .cloned();
            view! {
                <NasCard system=system pools=nas.pools alerts=nas.alerts connection=connection />
            }
        })
        .collect_view();
    view! {
        <HealthBanners pools=all_pools connections=views />
        <p class="health-summary" role="status" data-testid="health-summary">
            <strong>{format!("{total} NAS")}</strong>
            {format!(": {healthy} healthy, {attention} need attention, {offline} offline or unknown")}
        </p>
        <div class="nas-grid">{cards}</div>
    }
    .into_any()
}
