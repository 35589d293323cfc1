use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::api::ApiError;

/// Revokes an API token at once; it is kept in the list, marked revoked.
#[server(prefix = "/rpc", endpoint = "auth/tokens/revoke", input = Json)]
pub async fn revoke_token(id: String) -> Result<(), ApiError> {
    let ctx = super::session::context()?;
    Ok(ctx.service.revoke_token(&ctx.actor(), &id).await?)
}
