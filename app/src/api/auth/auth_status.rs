use leptos::prelude::*;
use model::auth::AuthStatus;

use crate::api::ApiError;

/// Whether an admin exists yet, and who the caller is (if anyone). Public:
/// the login and setup pages ask it before anyone has logged in.
#[server(prefix = "/rpc", endpoint = "auth/status")]
pub async fn get_auth_status() -> Result<AuthStatus, ApiError> {
    let ctx = super::session::context()?;
    Ok(AuthStatus {
        setup_required: ctx.service.setup_required().await?,
        me: ctx.principal.as_ref().map(domain::auth::Principal::me),
    })
}
