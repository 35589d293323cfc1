use leptos::prelude::*;

use crate::components::EmptyState;

/// Pools, datasets and disks across every NAS.
#[component]
pub fn Storage() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Storage"</h1>
            <p class="lede">"Pools, datasets and disks from every connected NAS."</p>
        </header>
        <EmptyState
            title="No storage to show"
            detail="Nothing has been read from a NAS yet. Once a connection is added and polled, its pools, datasets and disks are listed here."
            action_href="/connections"
            action_label="Go to connections"
        />
    }
}
