use leptos::prelude::*;

use crate::components::shell::Shell;
use crate::navigation::Navigation;
use crate::pages::Overview;

/// The Overview entry: what a browser loads for `/`, the page everyone opens
/// first. The same shell and Overview as [`crate::App`], without the router
/// and the other pages, so the first load carries only what this page needs;
/// every link and shortcut out of it is a full page load into the full app.
#[component]
pub fn OverviewApp() -> impl IntoView {
    provide_context(Navigation::full_page_loads());
    view! {
        <Shell>
            <Overview />
        </Shell>
    }
}
