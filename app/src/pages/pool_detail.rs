use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use model::monitor::{Resource, ResourceType};

use crate::api::resources::list_all;
use crate::components::storage::{
    AlertTable, STORAGE_COLUMNS, ScanProgress, UsageBar, VdevTree, storage_rows,
};
use crate::components::table_head;
use crate::components::{EmptyState, ErrorNotice, StatusBadge};
use crate::storage_rows::Row;

/// Datasets listed here; the storage page has them all, filtered by pool.
const DATASETS_SHOWN: usize = 50;

/// One pool of one NAS: health and why, capacity, the running or last scan,
/// the vdev tree with each device's counters, its datasets and its alerts
/// (those naming the pool or one of its disks).
#[component]
pub fn PoolDetail() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("connection").unwrap_or_default(),
                p.get("pool").unwrap_or_default(),
            )
        })
    };
    let data = LocalResource::new(move || {
        let (connection, _) = key();
        async move {
            list_all(&[
                ("connection", connection.as_str()),
                ("type", "pool,dataset,disk,alert"),
            ])
            .await
        }
    });
    crate::live::on_change(move || data.refetch());
    view! {
        <Transition fallback=|| view! { <p class="muted" aria-busy="true">"Loading…"</p> }>
            {move || {
                let (connection, pool) = key();
                data.get()
                    .map(|result| match result {
                        Ok(all) => detail(all, &connection, &pool).into_any(),
                        Err(err) => {
                            view! { <ErrorNotice title="Could not read this pool:" error=err /> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

fn detail(all: Vec<Resource>, connection: &str, pool_name: &str) -> impl IntoView + use<> {
    let pool_id = format!("truenas:{connection}/pool:{pool_name}");
    let Some(pool) = all.iter().find(|r| r.id == pool_id).cloned() else {
        return view! {
            <header class="page-header">
                <h1>{format!("Pool {pool_name}")}</h1>
            </header>
            <EmptyState
                title="Pool not found"
                detail="This NAS has no pool of that name, or it has not been read yet."
                action_href="/storage"
                action_label="Back to storage"
            />
        }
        .into_any();
    };
    let disk_ids: Vec<&str> = all
        .iter()
        .filter(|r| r.kind == ResourceType::Disk && r.parent_id.as_deref() == Some(&pool_id))
        .map(|r| r.id.as_str())
        .collect();
    let alerts: Vec<Resource> = all
        .iter()
        .filter(|r| {
            r.kind == ResourceType::Alert
                && r.parent_id
                    .as_deref()
                    .is_some_and(|p| p == pool_id || disk_ids.contains(&p))
        })
        .cloned()
        .collect();
    let no_alerts = alerts.is_empty();
    let datasets: Vec<Row> = all
        .into_iter()
        .filter(|r| r.kind == ResourceType::Dataset && r.parent_id.as_deref() == Some(&pool_id))
        .map(Row::from_resource)
        .collect();
    let dataset_count = datasets.len();
    let more = (dataset_count > DATASETS_SHOWN).then(|| {
        let href = format!("/storage?tab=datasets&conn={connection}&q={pool_name}/");
        view! { <a href=href>{format!("All {dataset_count} datasets of this pool")}</a> }
    });
    let row = Row::from_resource(pool.clone());
    let health = pool.pool.clone();
    let (topology, scan, state, detail) = health
        .map(|h| (h.topology, h.scan, h.state, h.status_detail))
        .unwrap_or_default();
    let reasons = pool
        .reasons
        .iter()
        .map(|r| view! { <li>{r.message.clone()}</li> })
        .collect_view();
    view! {
        <header class="page-header" class:stale=row.stale.is_some()>
            <p class="muted">
                <a href="/storage">"Storage"</a>
                " › "
                {pool.connection_name.clone()}
            </p>
            <h1>{format!("Pool {pool_name}")}</h1>
            <p class="lede">
                <span class="badge badge-source">"TrueNAS"</span>
                " "
                <StatusBadge status=pool.status />
                " "
                {state.unwrap_or_else(|| "state unknown".to_owned())}
                " · "
                {pool.connection_name}
            </p>
            {row.stale.clone().map(|s| view! { <p class="stale-since">{s}</p> })}
        </header>
        <section class="card" aria-labelledby="pool-why">
            <h2 id="pool-why">"Health"</h2>
            {detail.map(|d| view! { <p>{d}</p> })}
            <ul class="reasons" data-testid="pool-reasons">{reasons}</ul>
            <p class="labels">{row.labels.join(" · ")}</p>
        </section>
        <section class="card" aria-labelledby="pool-capacity">
            <h2 id="pool-capacity">"Capacity"</h2>
            <UsageBar label="usable" used=row.used />
            <UsageBar label="raw" used=row.raw />
        </section>
        <section class="card" aria-labelledby="pool-scan">
            <h2 id="pool-scan">"Scrub and resilver"</h2>
            <ScanProgress scan=scan />
        </section>
        <section class="card" aria-labelledby="pool-devices">
            <h2 id="pool-devices">"Devices"</h2>
            <VdevTree groups=topology />
        </section>
        <section class="card" aria-labelledby="pool-alerts">
            <h2 id="pool-alerts">"Alerts"</h2>
            {no_alerts.then(|| view! { <p class="muted">"No TrueNAS alert names this pool or its disks."</p> })}
            {(!no_alerts).then(|| view! { <AlertTable alerts=alerts /> })}
        </section>
        <section class="card" aria-labelledby="pool-datasets">
            <h2 id="pool-datasets">{format!("Datasets ({dataset_count})")}</h2>
            <div class="table-wrap">
                <table class="table storage-table" data-testid="pool-datasets">
                    {table_head(STORAGE_COLUMNS)}
                    <tbody inner_html=storage_rows(datasets.iter().take(DATASETS_SHOWN))></tbody>
                </table>
            </div>
            {more}
        </section>
    }
    .into_any()
}
