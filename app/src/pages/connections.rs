use leptos::prelude::*;

use crate::components::EmptyState;

/// The NAS boxes poolwatch watches, and how it reaches them.
#[component]
pub fn Connections() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Connections"</h1>
            <p class="lede">"The TrueNAS boxes poolwatch watches and how it reaches them."</p>
        </header>
        <EmptyState
            title="No connections yet"
            detail="Adding a connection needs the NAS address and an API key; the setup wizard for it is not built yet."
        />
    }
}
