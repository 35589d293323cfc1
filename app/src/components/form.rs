use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{ErrorNotice, Field};
use crate::forms::{Input, error_at};

/// What a form does with the values of its inputs (in their order): a
/// success message to show, or an error for one input or the whole form.
pub type OnSubmit =
    Rc<dyn Fn(Vec<String>) -> Pin<Box<dyn Future<Output = Result<Option<String>, ApiError>>>>>;

/// Every form of the product (login, setup, password, new token), drawn
/// from a list of inputs: one component instead of four keeps the WASM
/// small and the forms alike. Errors land at their input or above the form;
/// after success the inputs are cleared.
#[component]
pub fn Form(
    inputs: &'static [Input],
    submit: &'static str,
    failure: &'static str,
    on_submit: OnSubmit,
) -> impl IntoView {
    let values: Vec<RwSignal<String>> = inputs
        .iter()
        .map(|input| RwSignal::new(input.initial()))
        .collect();
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let handler = {
        let values = values.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let sent = on_submit(values.iter().map(|v| v.get_untracked()).collect());
            error.set(None);
            done.set(None);
            busy.set(true);
            let values = values.clone();
            leptos::task::spawn_local(async move {
                let result = sent.await;
                busy.set(false);
                match result {
                    Ok(message) => {
                        for (value, input) in values.iter().zip(inputs) {
                            value.set(input.initial());
                        }
                        done.set(message);
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        }
    };
    let general = move || {
        error
            .get()
            .filter(|e| !inputs.iter().any(|i| e.field.as_deref() == Some(i.id)))
            .map(|e| view! { <ErrorNotice title=failure error=e /> })
    };
    view! {
        {general}
        {move || done.get().map(|m| view! { <p class="notice notice-ok" role="status">{m}</p> })}
        <form class="form" on:submit=handler>
            {inputs
                .iter()
                .zip(values)
                .map(|(input, value)| {
                    view! { <Field input=input value=value error=error_at(error, input.id) /> }
                })
                .collect_view()}
            <button class="button" type="submit" disabled=busy>
                {submit}
            </button>
        </form>
    }
}
