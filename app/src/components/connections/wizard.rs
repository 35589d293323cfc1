use leptos::prelude::*;
use model::connections::{Connection, TestOutcome};

use crate::api::ApiError;
use crate::api::connections::{add_connection, test_connection, update_connection};
use crate::components::Field;
use crate::components::connections::TestReport;
use crate::connection_draft::{self as draft, API_KEY_KEPT, Draft, INPUTS, at};
use crate::forms::error_at;

/// Adding or editing a connection: the inputs, "Test connection" (one real
/// round trip with these settings, showing what the NAS is and the
/// certificate it presented, with a one-click pin), and saving. Saving
/// settings that have not passed a test asks first: a typo in a key should
/// not become a NAS that silently never answers. Server-side validation
/// lands at its input.
#[component]
pub fn ConnectionWizard(
    /// The connection being edited; None adds a new one.
    editing: Option<Connection>,
    /// Called with the saved connection, or None when cancelled.
    done: Callback<Option<Connection>>,
) -> impl IntoView {
    let (id, start) = match editing {
        Some(c) => (Some(c.id.clone()), draft::of(&c)),
        None => (None, draft::blank()),
    };
    let is_edit = id.is_some();
    let values: [RwSignal<String>; 9] = start.map(RwSignal::new);
    let error = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<TestOutcome>);
    let tested = RwSignal::new(None::<Draft>);
    let busy = RwSignal::new(false);
    let snapshot = move || values.map(|v| v.get_untracked());

    let run_test = {
        let id = id.clone();
        move || {
            let current = snapshot();
            let input = match draft::to_input(&current, is_edit) {
                Ok(input) => input,
                Err(err) => return error.set(Some(err)),
            };
            error.set(None);
            outcome.set(None);
            busy.set(true);
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let result = test_connection(id, input).await;
                busy.set(false);
                match result {
                    Ok(found) => {
                        tested.set(Some(current));
                        outcome.set(Some(found));
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        }
    };
    let pin = {
        let run_test = run_test.clone();
        Callback::new(move |fingerprint: String| {
            let pinned = draft::pinned(snapshot(), &fingerprint);
            for (value, text) in values.iter().zip(pinned) {
                value.set(text);
            }
            run_test();
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let current = snapshot();
        let input = match draft::to_input(&current, is_edit) {
            Ok(input) => input,
            Err(err) => return error.set(Some(err)),
        };
        let untested = tested.get_untracked().as_ref() != Some(&current);
        if untested
            && !crate::dom::confirm(
                "These settings have not passed “Test connection”. Save them anyway? \
                 poolwatch will keep trying and show the error on the connection.",
            )
        {
            return;
        }
        error.set(None);
        busy.set(true);
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let result = match id {
                Some(id) => update_connection(id, input).await,
                None => add_connection(input).await,
            };
            busy.set(false);
            match result {
                Ok(saved) => done.run(Some(saved)),
                Err(err) => error.set(Some(err)),
            }
        });
    };

    let fields = INPUTS
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let input = if is_edit && i == at::API_KEY {
                &API_KEY_KEPT
            } else {
                input
            };
            let field = move || view! { <Field input=input value=values[i] error=error_at(error, input.id) /> };
            if i == at::FINGERPRINT {
                let tls = values[at::TLS_MODE];
                (move || (tls.get() == "pin").then(field)).into_any()
            } else {
                field().into_any()
            }
        })
        .collect_view();
    let general = move || {
        error
            .get()
            .filter(|e| !INPUTS.iter().any(|i| e.field.as_deref() == Some(i.id)))
    };
    let report = move || {
        let failure = general();
        let found = outcome.get();
        (failure.is_some() || found.is_some()).then(|| {
            let pinned =
                (values[at::TLS_MODE].get() == "pin").then(|| values[at::FINGERPRINT].get());
            view! { <TestReport outcome=found failure=failure pinned=pinned pin=pin /> }
        })
    };
    let title = if is_edit {
        "Edit connection"
    } else {
        "Add a TrueNAS connection"
    };
    let on_test = move |_| run_test();
    view! {
        <section class="card wizard" aria-labelledby="wizard-title" data-testid="wizard">
            <h2 id="wizard-title">{title}</h2>
            <form class="form wizard-form" on:submit=save novalidate>
                {fields}
                {report}
                <div class="actions">
                    <button class="button button-quiet" type="button" disabled=busy on:click=on_test>
                        "Test connection"
                    </button>
                    <button class="button" type="submit" disabled=busy>
                        "Save"
                    </button>
                    <button
                        class="button button-quiet"
                        type="button"
                        on:click=move |_| done.run(None)
                    >
                        "Cancel"
                    </button>
                </div>
                <p class="muted" aria-live="polite">
                    {move || busy.get().then_some("Talking to the NAS…")}
                </p>
            </form>
        </section>
    }
}
