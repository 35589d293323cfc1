use leptos::prelude::*;

use crate::format;

/// The known sizes (a zero total is unknown) and the words for them.
pub fn usage(label: &str, used: Option<(u64, u64)>) -> (Option<(u64, u64)>, String) {
    let known = used.filter(|(_, total)| *total > 0);
    let text = match known {
        Some((used, total)) => format!(
            "{label}: {} of {}",
            format::bytes(used),
            format::bytes(total)
        ),
        None => format!("{label}: unknown"),
    };
    (known, text)
}

/// Whole percent used (0–100) and whether it is past four fifths, where
/// the bar turns to the warning colour.
pub fn percent(used: u64, total: u64) -> (u8, bool) {
    let share = (used as f64 / total as f64).clamp(0.0, 1.0);
    ((share * 100.0).round() as u8, share >= 0.8)
}

/// The bar's classes: its width in steps of 2 % (`style/main.css`,
/// `.bar.p0`–`.p100`) and the warning colour past four fifths; and the
/// exact percent.
pub fn bar_class(used: u64, total: u64) -> (String, u8) {
    let (pct, high) = percent(used, total);
    let step = pct.div_ceil(2) * 2;
    let class = format!("bar p{step}{}", if high { " is-high" } else { "" });
    (class, pct)
}

/// Used of total as a bar (`role="meter"`; its width is a class, not an
/// inline style, so the CSP holds) and in words; unknown sizes read
/// "unknown", never an empty bar. A `<meter>` per row cost Chromium about
/// 13 ms of style and layout for a page of 50 storage rows.
#[component]
pub fn UsageBar(label: &'static str, used: Option<(u64, u64)>) -> impl IntoView {
    let (known, text) = usage(label, used);
    let meter = known.map(|(used, total)| {
        let (class, pct) = bar_class(used, total);
        view! {
            <span
                class=class
                role="meter"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=pct.to_string()
                aria-label=text.clone()
            ></span>
        }
    });
    view! {
        <span class="usage" class:muted=known.is_none()>
            {meter}
            <span class="usage-text">{text}</span>
        </span>
    }
}
