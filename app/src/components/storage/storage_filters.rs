use std::time::Duration;

use leptos::prelude::*;

use crate::components::storage::FilterSelect;
use crate::url_query::UrlQuery;

fn owned(options: &[(&str, &str)]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|(v, t)| ((*v).to_owned(), (*t).to_owned()))
        .collect()
}

/// Source menu options, shared by the storage and alerts pages.
pub fn source_options() -> Vec<(String, String)> {
    owned(&[("all", "All sources"), ("truenas", "TrueNAS")])
}

/// Search, source, NAS, health and sort, all kept in the URL. The search
/// filters at once through `q` and reaches the URL a moment after the last
/// keystroke, replacing the history entry (Back skips keystrokes, and the
/// router does not run per keystroke).
#[component]
pub fn StorageFilters(
    url: UrlQuery,
    q: RwSignal<String>,
    connections: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        q.set(value.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let write = move || url.set("q", &value, true);
        pending.set_value(set_timeout_with_handle(write, Duration::from_millis(250)).ok());
    };
    let nas = move || {
        let mut options = vec![("".to_owned(), "All NAS".to_owned())];
        options.extend(connections.get());
        view! { <FilterSelect label="NAS" key="conn" options=options url=url /> }
    };
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <span class="filter filter-search">
                <label for="filter-q">"Search"</label>
                <input
                    id="filter-q"
                    type="search"
                    placeholder="Name or NAS"
                    autocomplete="off"
                    prop:value=move || q.get()
                    on:input=on_input
                />
            </span>
            <FilterSelect label="Source" key="source" options=source_options() url=url />
            {nas}
            <FilterSelect
                label="Health"
                key="health"
                options=owned(
                    &[
                        ("all", "All"),
                        ("healthy", "Healthy"),
                        ("attention", "Attention"),
                        ("offline", "Offline or unknown"),
                    ],
                )
                url=url
            />
            <FilterSelect
                label="Sort by"
                key="sort"
                options=owned(&[("name", "Name"), ("usage", "Usage"), ("health", "Health")])
                url=url
            />
        </form>
    }
}
