use leptos::prelude::*;

use crate::api::ApiError;

/// Ends the caller's session; harmless without one.
#[server(prefix = "/rpc", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), ApiError> {
    let ctx = super::session::context()?;
    let session = super::session::session_of(&ctx)?;
    if ctx.principal.is_some() {
        ctx.service
            .record(
                &ctx.actor(),
                "logout",
                None,
                domain::auth::Outcome::Success,
                None,
            )
            .await;
    }
    super::session::end(&session).await
}
