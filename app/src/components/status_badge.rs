use leptos::prelude::*;
use model::resources::Status;

/// The badge's class and words for `status` (also written as text by the
/// storage table's rows).
pub fn badge(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Online => ("badge badge-ok", "Healthy"),
        Status::Warning => ("badge badge-warn", "Attention"),
        Status::Critical => ("badge badge-critical", "Critical"),
        Status::Offline => ("badge badge-critical", "Offline"),
        Status::Unknown => ("badge badge-unknown", "Unknown"),
    }
}

/// A resource's health in words and colour; the words carry the meaning,
/// so it reads the same without colour.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let (class, label) = badge(status);
    view! {
        <span class=class data-status=status.as_str()>
            {label}
        </span>
    }
}
