use leptos::prelude::*;

use crate::components::settings::{AuditLog, PasswordForm, Tokens};

/// Settings of poolwatch itself: the admin's password, API tokens and the
/// audit log. Everything else is configured by flags and `POOLWATCH_*`.
#[component]
pub fn Settings() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    view! {
        <header class="page-header">
            <h1>"Settings"</h1>
            <p class="lede">"Your password, API tokens for scripts and Prometheus, and the audit log."</p>
        </header>
        <PasswordForm changed=changed />
        <Tokens changed=changed />
        <AuditLog changed=changed />
    }
}
