use leptos::prelude::*;
use model::auth::AuthStatus;

use crate::api::auth::get_auth_status;
use crate::components::Form;
use crate::components::form::OnSubmit;
use crate::forms::Input;

/// A pointer for the user who is on the wrong page: its text, a link and the link's words.
pub type Notice = Option<(String, String, &'static str)>;

/// The login and setup pages: the brand and one small card with the form,
/// no navigation (nothing behind it can be opened yet). `notice` turns the
/// server's answer on who is logged in into a pointer elsewhere, if any
/// (to the setup page while there is no admin, …).
#[component]
pub fn AuthCard(
    title: &'static str,
    lede: &'static str,
    notice: fn(&AuthStatus) -> Notice,
    inputs: &'static [Input],
    submit: &'static str,
    failure: &'static str,
    on_submit: OnSubmit,
) -> impl IntoView {
    let status = LocalResource::new(get_auth_status);
    let notice = move || {
        status
            .get()
            .and_then(Result::ok)
            .and_then(|s| notice(&s))
            .map(|(text, href, link)| {
                view! {
                    <p class="notice notice-info" role="status">
                        {text}
                        " "
                        <a href=href rel="external">
                            {link}
                        </a>
                    </p>
                }
            })
    };
    view! {
        <div class="auth-page">
            <section class="card auth-card" aria-labelledby="auth-title">
                <p class="brand">
                    <span class="brand-mark" aria-hidden="true">"◉"</span>
                    <span class="brand-name">"poolwatch"</span>
                </p>
                <h1 id="auth-title">{title}</h1>
                <p class="muted">{lede}</p>
                {notice}
                <Form inputs=inputs submit=submit failure=failure on_submit=on_submit />
            </section>
        </div>
    }
}
