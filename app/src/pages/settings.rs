use leptos::prelude::*;

use crate::components::EmptyState;

/// Settings of poolwatch itself.
#[component]
pub fn Settings() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Settings"</h1>
            <p class="lede">"How poolwatch itself behaves."</p>
        </header>
        <EmptyState
            title="Nothing to configure here yet"
            detail="poolwatch is configured by command-line flags and POOLWATCH_* environment variables; see the README."
        />
    }
}
