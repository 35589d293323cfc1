use leptos::prelude::*;

use crate::components::{Account, Nav, Shortcuts, ThemeToggle};
use crate::navigation::use_navigation;
use crate::session;

/// The frame around every page: brand, navigation, who is logged in, and the
/// main region. The login and setup pages get the main region alone: there
/// is nowhere to go before logging in. Moving between those pages and the
/// rest is always a full page load (redirects, `rel="external"` links), so
/// the choice is made once, when the app starts.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let bare = session::is_auth_page(&use_navigation().current.get_untracked());
    let topbar = (!bare).then(|| {
        view! {
            <header class="topbar">
                <a class="brand" href="/" aria-label="poolwatch home">
                    <span class="brand-mark" aria-hidden="true">"◉"</span>
                    <span class="brand-name">"poolwatch"</span>
                </a>
                <Nav />
                <ThemeToggle />
                <Account />
            </header>
        }
    });
    view! {
        <div class="shell">
            {topbar}
            {(!bare).then(|| view! { <Shortcuts /> })}
            <main id="main" class="content" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}
