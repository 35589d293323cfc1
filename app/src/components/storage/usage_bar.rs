use leptos::prelude::*;

use crate::format;

/// Used of total as a `<meter>` (no inline style, so the CSP holds) and in
/// words; unknown sizes read "unknown", never an empty bar.
#[component]
pub fn UsageBar(label: &'static str, used: Option<(u64, u64)>) -> impl IntoView {
    let known = used.filter(|(_, total)| *total > 0);
    let text = match known {
        Some((used, total)) => format!(
            "{label}: {} of {}",
            format::bytes(used),
            format::bytes(total)
        ),
        None => format!("{label}: unknown"),
    };
    let meter = known.map(|(used, total)| {
        view! {
            <meter
                min="0"
                max=total.to_string()
                high=(total / 5 * 4).to_string()
                value=used.to_string()
                aria-label=text.clone()
            ></meter>
        }
    });
    view! {
        <span class="usage" class:muted=known.is_none()>
            {meter}
            <span class="usage-text">{text}</span>
        </span>
    }
}
