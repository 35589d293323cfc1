use leptos::prelude::*;
use leptos_router::components::A;
use model::pages::PAGES;

/// Primary navigation, drawn from the one list of pages the server also knows.
/// The router marks the current page with `aria-current="page"`.
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="nav" aria-label="Primary">
            <ul>
                {PAGES
                    .iter()
                    .map(|page| {
                        view! {
                            <li>
                                <A href=page.path exact=true>
                                    {page.title}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
