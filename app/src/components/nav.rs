use leptos::prelude::*;
use model::pages::PAGES;

use crate::navigation::use_navigation;

/// Primary navigation, drawn from the one list of pages the server also knows,
/// with the current page marked `aria-current="page"`. Plain links: in the full
/// app the router takes over their clicks; from the Overview entry they load
/// the page.
#[component]
pub fn Nav() -> impl IntoView {
    let current = use_navigation().current;
    view! {
        <nav class="nav" aria-label="Primary">
            <ul>
                {PAGES
                    .iter()
                    .map(|page| {
                        let here = move || (current.get() == page.path).then_some("page");
                        view! {
                            <li>
                                <a href=page.path aria-current=here>
                                    {page.title}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
