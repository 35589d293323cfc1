use leptos::prelude::*;
use model::pages::LOGIN_PATH;

use crate::api::auth::{get_auth_status, logout};
use crate::session;

/// Who is logged in, and the way out. Also the shell's check that the
/// session is still there when it opens: an answer without a user sends the
/// browser to the login page.
#[component]
pub fn Account() -> impl IntoView {
    let status = LocalResource::new(get_auth_status);
    let name = move || match status.get()? {
        Ok(status) => {
            if status.me.is_none() {
                session::go_to_login();
            }
            status.me.map(|me| me.name)
        }
        Err(err) => {
            session::redirect_if_expired(&err);
            None
        }
    };
    let log_out = move |_| {
        leptos::task::spawn_local(async {
            let _ = logout().await;
            session::assign(LOGIN_PATH);
        });
    };
    view! {
        <div class="account">
            <span class="account-name" data-testid="current-user">
                {name}
            </span>
            <button class="button button-quiet" type="button" on:click=log_out>
                "Log out"
            </button>
        </div>
    }
}
