use std::rc::Rc;

use leptos::prelude::*;
use model::auth::PasswordChange;

use crate::api::auth::change_password;
use crate::components::Form;
use crate::components::form::OnSubmit;
use crate::forms::{Input, password_problem, values};

const INPUTS: &[Input] = &[
    Input::password("currentPassword", "Current password", false),
    Input::password("newPassword", "New password", true),
    Input::password("confirmPassword", "Confirm new password", true),
];

/// Changing the admin's password. The server ends every other session of
/// theirs, so the success message says so: a stolen session dies with it.
#[component]
pub fn PasswordForm(changed: RwSignal<u32>) -> impl IntoView {
    let on_submit: OnSubmit = Rc::new(move |input| {
        Box::pin(async move {
            let [current_password, new_password, confirm] = values(input);
            password_problem(&new_password, &confirm, "newPassword", "confirmPassword")?;
            change_password(PasswordChange {
                current_password,
                new_password,
            })
            .await?;
            changed.update(|n| *n += 1);
            Ok(Some(
                "Password changed. Every other session has been logged out; this one continues."
                    .to_owned(),
            ))
        })
    });
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">"Password"</h2>
            <Form
                inputs=INPUTS
                submit="Change password"
                failure="Could not change the password:"
                on_submit=on_submit
            />
        </section>
    }
}
