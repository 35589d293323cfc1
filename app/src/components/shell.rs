use leptos::prelude::*;

use crate::components::Nav;

/// The frame around every page: brand, navigation and the main region.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <div class="shell">
            <header class="topbar">
                <a class="brand" href="/" aria-label="poolwatch home">
                    <span class="brand-mark" aria-hidden="true">"◉"</span>
                    <span class="brand-name">"poolwatch"</span>
                </a>
                <Nav />
            </header>
            <main id="main" class="content" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}
