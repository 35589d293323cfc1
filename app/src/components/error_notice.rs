use leptos::prelude::*;

/// A failure the user should see, with its cause.
#[component]
pub fn ErrorNotice(title: &'static str, message: String) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <strong>{title}</strong>
            <span>{message}</span>
        </div>
    }
}
