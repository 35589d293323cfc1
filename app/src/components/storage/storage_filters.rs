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
/// box replaces the history entry as you type (Back skips keystrokes).
#[component]
pub fn StorageFilters(url: UrlQuery, connections: Memo<Vec<(String, String)>>) -> impl IntoView {
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
                    prop:value=move || url.get("q")
                    on:input=move |ev| url.set("q", &event_target_value(&ev), true)
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
