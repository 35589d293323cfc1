use leptos::prelude::*;

use crate::url_query::UrlQuery;

/// A labelled menu bound to one URL parameter; each choice is a history
/// entry, so Back undoes it. The first option is the default (no parameter).
#[component]
pub fn FilterSelect(
    label: &'static str,
    key: &'static str,
    options: Vec<(String, String)>,
    url: UrlQuery,
) -> impl IntoView {
    let id = format!("filter-{key}");
    let for_id = id.clone();
    let default = options.first().map(|o| o.0.clone()).unwrap_or_default();
    let fallback = default.clone();
    let current = Memo::new(move |_| {
        let value = url.get(key);
        if value.is_empty() {
            fallback.clone()
        } else {
            value
        }
    });
    let choices = options
        .into_iter()
        .map(|(value, text)| {
            let selected = {
                let value = value.clone();
                move || current.get() == value
            };
            view! {
                <option value=value prop:selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <span class="filter">
            <label for=for_id>{label}</label>
            <select
                id=id
                data-filter=key
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    url.set(key, if value == default { "" } else { &value }, false)
                }
            >
                {choices}
            </select>
        </span>
    }
}
