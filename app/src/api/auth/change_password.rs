use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::auth::PasswordChange;

use crate::api::ApiError;

/// Changes the logged-in admin's password. Every session of theirs ends;
/// this one continues under a new id.
#[server(prefix = "/rpc", endpoint = "auth/password", input = Json)]
pub async fn change_password(input: PasswordChange) -> Result<(), ApiError> {
    let ctx = super::session::context()?;
    let user_id = ctx
        .principal
        .as_ref()
        .and_then(|p| p.user_id)
        .ok_or_else(|| {
            ApiError::new(
                "forbidden",
                "only a logged-in admin can change the password",
            )
        })?;
    let session = super::session::session_of(&ctx)?;
    let user = ctx
        .service
        .change_password(&ctx.actor(), user_id, &input)
        .await?;
    super::session::start(&session, &user).await
}
