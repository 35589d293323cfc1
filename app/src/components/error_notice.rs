use leptos::prelude::*;

use crate::api::ApiError;
use crate::session;

/// A failure the user should see, with its cause. Every error a page shows
/// goes through here (field errors aside), so an ended session is noticed in
/// one place: the browser is sent to the login page instead.
#[component]
pub fn ErrorNotice(title: &'static str, error: ApiError) -> impl IntoView {
    let message = if session::redirect_if_expired(&error) {
        "Your session has ended; taking you to the login page…".to_owned()
    } else {
        error.error
    };
    view! {
        <div class="notice notice-error" role="alert">
            <strong>{title}</strong>
            <span>{message}</span>
        </div>
    }
}
