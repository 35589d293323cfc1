use leptos::prelude::*;
use model::monitor::Resource;
use model::resources::{ALERT_LEVELS, AlertItem};

use crate::api::resources::list_all;
use crate::components::storage::{AlertTable, FilterSelect, source_options};
use crate::components::{EmptyState, ErrorNotice};
use crate::storage_rows::{newest_first, order_by_rank};
use crate::url_query::UrlQuery;

fn rank(r: &Resource) -> u32 {
    r.alert
        .as_ref()
        .map_or(ALERT_LEVELS.len(), AlertItem::level_rank) as u32
}

fn alert_time(r: &Resource) -> Option<&str> {
    r.alert.as_ref().and_then(|a| a.datetime.as_deref())
}

/// TrueNAS's own alerts across every NAS, most severe first, newest first
/// within a level.
/// Level, source and whether dismissed ones show are in the URL.
#[component]
pub fn Alerts() -> impl IntoView {
    let url = UrlQuery::new();
    let data = LocalResource::new(|| list_all(&[("type", "alert")]));
    crate::live::on_change(move || data.refetch());
    let mut levels = vec![("all".to_owned(), "All levels".to_owned())];
    levels.extend(
        ALERT_LEVELS
            .iter()
            .map(|l| (l.to_lowercase(), l.to_owned().to_owned())),
    );
    let show_dismissed = move || url.get("dismissed") == "shown";
    let shown = move |all: Vec<Resource>| {
        let (level, source) = (url.get("level"), url.get("source"));
        let with_dismissed = show_dismissed();
        let kept: Vec<Resource> = all
            .into_iter()
            .filter(|r| {
                let a = r.alert.as_ref();
                (with_dismissed || a.is_some_and(|a| !a.dismissed))
                    && matches!(source.as_str(), "" | "all" | "truenas")
                    && (level.is_empty()
                        || a.and_then(|a| a.level.as_deref())
                            .is_some_and(|l| l.eq_ignore_ascii_case(&level)))
            })
            .collect();
        let times: Vec<Option<&str>> = kept.iter().map(alert_time).collect();
        let by_time = newest_first(&times);
        let order = order_by_rank(
            by_time
                .iter()
                .zip(0..)
                .map(|(&i, at)| (rank(&kept[i as usize]), at)),
        );
        let mut slots: Vec<Option<Resource>> = kept.into_iter().map(Some).collect();
        order
            .into_iter()
            .filter_map(|at| slots[by_time[at as usize] as usize].take())
            .collect::<Vec<_>>()
    };
    view! {
        <header class="page-header">
            <h1>"Alerts"</h1>
            <p class="lede">"The alerts your TrueNAS boxes raise, in one list."</p>
        </header>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <FilterSelect label="Level" key="level" options=levels url=url />
            <FilterSelect label="Source" key="source" options=source_options() url=url />
            <label class="filter filter-check">
                <input
                    type="checkbox"
                    prop:checked=show_dismissed
                    on:change=move |ev| {
                        url.set("dismissed", if event_target_checked(&ev) { "shown" } else { "" }, false)
                    }
                />
                <span>"Show dismissed"</span>
            </label>
        </form>
        <Transition fallback=|| view! { <p class="muted" aria-busy="true">"Loading…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(all) if all.is_empty() => {
                            view! {
                                <EmptyState
                                    title="No alerts"
                                    detail="No NAS has reported an alert, or none is connected yet."
                                    action_href="/connections"
                                    action_label="Go to connections"
                                />
                            }
                                .into_any()
                        }
                        Ok(all) => {
                            let total = all.len();
                            let list = shown(all);
                            let count = format!(
                                "{} of {total} alerts shown{}",
                                list.len(),
                                if show_dismissed() { "" } else { " (dismissed hidden)" },
                            );
                            view! {
                                <p class="result-count" role="status" aria-live="polite" data-testid="result-count">
                                    {count}
                                </p>
                                <AlertTable alerts=list />
                            }
                                .into_any()
                        }
                        Err(err) => {
                            view! { <ErrorNotice title="Could not read the alerts:" error=err /> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
