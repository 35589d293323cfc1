use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use crate::components::shell::Shell;
use crate::navigation::Navigation;
use crate::pages::{
    Alerts, Connections, Login, NotFound, Overview, PoolDetail, Settings, Setup, Storage,
};

/// The full app: the router and the page shell around every page (which
/// leaves out its top bar on the login and setup pages).
///
/// Every path here is also listed in `model::pages` (`PAGES`, drawn as the
/// navigation, `PUBLIC_PAGES` and `DETAIL_PAGES`); the server answers 404 for deep links
/// outside them. The end-to-end navigation spec visits each listed page
/// through the nav. A first visit to `/` gets the lighter [`crate::OverviewApp`]
/// instead; this app's Overview route serves moves back to it.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <RoutedShell>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Overview />
                    <Route path=path!("/storage") view=Storage />
                    <Route path=path!("/storage/pools/:connection/:pool") view=PoolDetail />
                    <Route path=path!("/alerts") view=Alerts />
                    <Route path=path!("/connections") view=Connections />
                    <Route path=path!("/settings") view=Settings />
                    <Route path=path!("/login") view=Login />
                    <Route path=path!("/setup") view=Setup />
                </Routes>
            </RoutedShell>
        </Router>
    }
}

/// The shell, with navigation done by the router.
#[component]
fn RoutedShell(children: Children) -> impl IntoView {
    let navigate = use_navigate();
    provide_context(Navigation {
        current: use_location().pathname.into(),
        go: Callback::new(move |path: String| navigate(&path, Default::default())),
    });
    view! { <Shell>{children()}</Shell> }
}
