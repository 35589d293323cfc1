use std::rc::Rc;

use leptos::prelude::*;
use model::auth::{AuthStatus, LoginInput};
use model::pages::SETUP_PATH;

use crate::api::ApiError;
use crate::api::auth::login;
use crate::components::AuthCard;
use crate::components::auth_card::Notice;
use crate::components::form::OnSubmit;
use crate::forms::{Input, values};
use crate::session;

const INPUTS: &[Input] = &[
    Input::text("username", "User name", "username"),
    Input::password("password", "Password", false),
];

/// Logging in. Every other page sends an anonymous browser here, with the
/// way back in `?next=`; a first run without an admin points to the setup page.
#[component]
pub fn Login() -> impl IntoView {
    let on_submit: OnSubmit = Rc::new(|input| {
        Box::pin(async move {
            let [username, password] = values(input);
            match login(LoginInput { username, password }).await {
                Ok(_) => {
                    session::assign(&session::next_from_location());
                    Ok(None)
                }
                Err(err) => Err(generic(err)),
            }
        })
    });
    view! {
        <AuthCard
            title="Log in"
            lede="poolwatch watches your TrueNAS boxes; log in to see them."
            notice=notice
            inputs=INPUTS
            submit="Log in"
            failure="Could not log in:"
            on_submit=on_submit
        />
    }
}

fn notice(status: &AuthStatus) -> Notice {
    if status.setup_required {
        Some((
            "poolwatch has no admin yet: create one with the setup token printed on the server's console.".to_owned(),
            SETUP_PATH.to_owned(),
            "Set up poolwatch",
        ))
    } else {
        status.me.as_ref().map(|me| {
            (
                format!("You are logged in as {}.", me.name),
                session::next_from_location(),
                "Continue",
            )
        })
    }
}

/// One message for a wrong name and a wrong password alike, so the page does
/// not tell which user names exist.
fn generic(err: ApiError) -> ApiError {
    if err.code == "invalid_credentials" {
        ApiError::new(&err.code, "Invalid user name or password")
    } else {
        err
    }
}
