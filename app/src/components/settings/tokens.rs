use std::rc::Rc;

use leptos::prelude::*;
use model::auth::{CreatedToken, NewToken, Scope};

use crate::api::auth::create_token;
use crate::components::Form;
use crate::components::form::OnSubmit;
use crate::components::settings::{TokenList, TokenSecret};
use crate::forms::{Input, values};

const INPUTS: &[Input] = &[
    Input::text("name", "Token name", "off"),
    Input::choice(
        "scope",
        "Scope",
        &[
            ("read", "read: sees everything, changes nothing"),
            ("write", "write: may also change connections"),
        ],
    ),
];

/// API tokens for scripts and Prometheus: making one (its secret is shown
/// once, right here) and the list of all of them.
#[component]
pub fn Tokens(changed: RwSignal<u32>) -> impl IntoView {
    let created = RwSignal::new(None::<CreatedToken>);
    let on_submit: OnSubmit = Rc::new(move |input| {
        Box::pin(async move {
            created.set(None);
            let [name, scope] = values(input);
            let input = NewToken {
                name: name.trim().to_owned(),
                scope: Scope::parse(&scope).unwrap_or(Scope::Read),
            };
            created.set(Some(create_token(input).await?));
            changed.update(|n| *n += 1);
            Ok(None)
        })
    });
    view! {
        <section class="card" aria-labelledby="tokens-title">
            <h2 id="tokens-title">"API tokens"</h2>
            <p class="muted">
                "For scripts and Prometheus, sent as " <code>"Authorization: Bearer <token>"</code>
                "."
            </p>
            {move || created.get().map(|token| view! { <TokenSecret created=token /> })}
            <Form inputs=INPUTS submit="Create token" failure="Could not create the token:" on_submit=on_submit />
            <TokenList changed=changed />
        </section>
    }
}
