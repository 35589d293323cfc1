use leptos::prelude::*;

/// What a page shows when it has nothing to show yet, and what to do about it.
#[component]
pub fn EmptyState(
    title: &'static str,
    detail: &'static str,
    #[prop(optional)] action_href: Option<&'static str>,
    #[prop(optional)] action_label: Option<&'static str>,
) -> impl IntoView {
    let action = action_href.zip(action_label).map(|(href, label)| {
        view! {
            <a class="button" href=href>
                {label}
            </a>
        }
    });
    view! {
        <section class="empty-state" role="status">
            <h2>{title}</h2>
            <p>{detail}</p>
            {action}
        </section>
    }
}
