use leptos::prelude::*;

/// Any path that is not one of the product's pages.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Page not found"</h1>
        </header>
        <section class="empty-state" role="status">
            <p>"There is no page at this address."</p>
            <a class="button" href="/">
                "Back to the overview"
            </a>
        </section>
    }
}
