use std::rc::Rc;

use leptos::prelude::*;
use model::auth::{AuthStatus, SetupInput};
use model::pages::LOGIN_PATH;

use crate::api::auth::setup_admin;
use crate::components::AuthCard;
use crate::components::auth_card::Notice;
use crate::components::form::OnSubmit;
use crate::forms::{Input, password_problem, values};
use crate::session;

const INPUTS: &[Input] = &[
    Input::text("setupToken", "Setup token", "off"),
    Input::text("username", "User name", "username"),
    Input::password("password", "Password", true),
    Input::password("confirm", "Confirm password", true),
];

/// First run without `POOLWATCH_ADMIN_*`: the one-time token from the
/// server's console proves the person here also runs the server; the admin
/// they create is logged in at once.
#[component]
pub fn Setup() -> impl IntoView {
    let on_submit: OnSubmit = Rc::new(|input| {
        Box::pin(async move {
            let [setup_token, username, password, confirm] = values(input);
            password_problem(&password, &confirm, "password", "confirm")?;
            let input = SetupInput {
                setup_token: setup_token.trim().to_owned(),
                username,
                password,
            };
            setup_admin(input).await?;
            session::assign("/");
            Ok(None)
        })
    });
    view! {
        <AuthCard
            title="Set up poolwatch"
            lede="Create the admin with the setup token printed on the server's console at start."
            notice=notice
            inputs=INPUTS
            submit="Create admin"
            failure="Could not set up poolwatch:"
            on_submit=on_submit
        />
    }
}

fn notice(status: &AuthStatus) -> Notice {
    (!status.setup_required).then(|| {
        (
            "poolwatch already has an admin.".to_owned(),
            LOGIN_PATH.to_owned(),
            "Log in",
        )
    })
}
