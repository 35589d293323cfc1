use leptos::prelude::*;

use crate::components::EmptyState;

/// TrueNAS's own alerts across every NAS.
#[component]
pub fn Alerts() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Alerts"</h1>
            <p class="lede">"The alerts your TrueNAS boxes raise, in one list."</p>
        </header>
        <EmptyState
            title="No alerts"
            detail="No NAS is connected, so there are no alerts to show."
            action_href="/connections"
            action_label="Go to connections"
        />
    }
}
