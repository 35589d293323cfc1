use std::sync::Arc;

use leptos::prelude::*;
use model::monitor::ResourceType;

use crate::api::resources::list_all;
use crate::components::storage::{StorageFilters, StorageTable};
use crate::components::{EmptyState, ErrorNotice};
use crate::storage_rows::{Filter, Row, sort_by_name};
use crate::url_query::UrlQuery;

const TABS: [(ResourceType, &str); 3] = [
    (ResourceType::Pool, "Pools"),
    (ResourceType::Dataset, "Datasets"),
    (ResourceType::Disk, "Disks"),
];

/// Pools, datasets and disks across every NAS. Everything is read once (and
/// again on each live update) and filtered in the browser, so typing in the
/// search box never waits for the server; the filters live in the URL.
#[component]
pub fn Storage() -> impl IntoView {
    let url = UrlQuery::new();
    let data = LocalResource::new(|| async {
        let list = list_all(&[("type", "pool,dataset,disk")]).await?;
        let mut rows: Vec<Row> = list.into_iter().map(Row::from_resource).collect();
        sort_by_name(&mut rows);
        Ok::<_, crate::api::ApiError>(Arc::new(rows))
    });
    crate::live::on_change(move || data.refetch());
    let tab = Memo::new(move |_| {
        let tab = url.get("tab");
        TABS.iter()
            .map(|t| t.0)
            .find(|t| tab.strip_suffix('s') == Some(t.as_str()))
            .unwrap_or(ResourceType::Pool)
    });
    // The search as typed; it follows the URL on reload and back/forward.
    let q = RwSignal::new(url.get_untracked("q"));
    let url_q = Memo::new(move |_| url.get("q"));
    Effect::new(move |_| {
        let from_url = url_q.get();
        if q.get_untracked() != from_url {
            q.set(from_url);
        }
    });
    let filter = Memo::new(move |_| Filter {
        kind: Some(tab.get()),
        source: url.get("source"),
        connection: url.get("conn"),
        health: url.get("health"),
        q: q.get(),
        sort: url.get("sort"),
    });
    let connections = Memo::new(move |_| {
        let mut seen: Vec<(String, String)> = Vec::new();
        if let Some(Ok(rows)) = data.get() {
            for r in rows.iter() {
                if !seen.iter().any(|(id, _)| *id == r.connection_id) {
                    let at = seen.partition_point(|(_, name)| *name <= r.connection_name);
                    seen.insert(at, (r.connection_id.clone(), r.connection_name.clone()));
                }
            }
        }
        seen
    });
    let tabs = TABS
        .iter()
        .map(|&(kind, label)| {
            let value = format!("{}s", kind.as_str());
            view! {
                <a
                    role="tab"
                    href=move || url.href("tab", &value)
                    aria-selected=move || (tab.get() == kind).to_string()
                    class:is-current=move || tab.get() == kind
                >
                    {label}
                </a>
            }
        })
        .collect_view();
    view! {
        <header class="page-header">
            <h1>"Storage"</h1>
            <p class="lede">"Pools, datasets and disks from every connected NAS."</p>
        </header>
        <StorageFilters url=url q=q connections=connections />
        <nav class="tabs" role="tablist" aria-label="Resource type">
            {tabs}
        </nav>
        <Transition fallback=|| view! { <p class="muted" aria-busy="true">"Loading…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(rows) if rows.is_empty() => {
                            view! {
                                <EmptyState
                                    title="No storage to show"
                                    detail="Nothing has been read from a NAS yet. Once a connection is added and polled, its pools, datasets and disks are listed here."
                                    action_href="/connections"
                                    action_label="Go to connections"
                                />
                            }
                                .into_any()
                        }
                        Ok(rows) => {
                            view! { <StorageTable rows=rows filter=filter url=url /> }.into_any()
                        }
                        Err(err) => {
                            view! { <ErrorNotice title="Could not read the storage:" error=err /> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
