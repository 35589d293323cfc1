use leptos::prelude::*;

use crate::theme;

/// The colour theme: system (the default), light or dark; the choice
/// survives reloads.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let choice = RwSignal::new(theme::stored());
    theme::apply(&choice.get_untracked());
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        theme::choose(&value);
        choice.set(value);
    };
    view! {
        <label class="theme-toggle">
            <span class="sr-only">"Colour theme"</span>
            <select data-testid="theme" prop:value=choice on:change=on_change>
                {theme::CHOICES
                    .iter()
                    .map(|(value, text)| view! { <option value=*value>{format!("◐ {text}")}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
