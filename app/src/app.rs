use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::shell::Shell;
use crate::pages::{Alerts, Connections, NotFound, Overview, Settings, Storage};

/// The root component: the router and the page shell around every page.
///
/// Every path here is also listed in `model::pages::PAGES`: the navigation is
/// drawn from that list and the server answers 404 for deep links outside it.
/// The end-to-end navigation spec visits each listed page through the nav.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Overview />
                    <Route path=path!("/storage") view=Storage />
                    <Route path=path!("/alerts") view=Alerts />
                    <Route path=path!("/connections") view=Connections />
                    <Route path=path!("/settings") view=Settings />
                </Routes>
            </Shell>
        </Router>
    }
}
