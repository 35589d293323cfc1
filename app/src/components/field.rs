use leptos::either::Either;
use leptos::prelude::*;

use crate::forms::Input;

/// A labelled input (or choice) with its error under it, tied to it by
/// `aria-describedby` and `aria-invalid` so a screen reader reads both; an
/// input that gets an error takes the focus, so the user lands on the fix.
#[component]
pub fn Field(
    input: &'static Input,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let Input {
        id,
        label,
        kind,
        autocomplete,
        hint,
        options,
        required,
    } = *input;
    let element = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        if error.with(Option::is_some) {
            #[cfg(feature = "csr")]
            if let Some(element) = element.get_untracked() {
                let _ = element.focus();
            }
        }
    });
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = (!hint.is_empty()).then_some(hint_id.clone());
        let error_id = error_id.clone();
        move || {
            let error_id = error.with(Option::is_some).then(|| error_id.clone());
            match (hint_id.clone(), error_id) {
                (Some(h), Some(e)) => Some(format!("{h} {e}")),
                (h, e) => h.or(e),
            }
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let on_input = move |ev| value.set(event_target_value(&ev));
    let control = if options.is_empty() {
        Either::Left(view! {
            <input
                node_ref=element
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=value
                on:input=on_input
                aria-invalid=invalid
                aria-describedby=described_by
            />
        })
    } else {
        Either::Right(view! {
            <select id=id name=id prop:value=value on:change=on_input>
                {options
                    .iter()
                    .map(|(value, text)| view! { <option value=*value>{*text}</option> })
                    .collect_view()}
            </select>
        })
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {(!hint.is_empty()).then(|| view! { <p class="field-hint muted" id=hint_id>{hint}</p> })}
            {move || {
                error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })
            }}
        </div>
    }
}
