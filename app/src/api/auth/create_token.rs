use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::auth::{CreatedToken, NewToken};

use crate::api::ApiError;

/// Makes an API token and answers its secret, this once. Only a logged-in
/// admin may: a token cannot mint tokens.
#[server(prefix = "/rpc", endpoint = "auth/tokens/create", input = Json)]
pub async fn create_token(input: NewToken) -> Result<CreatedToken, ApiError> {
    let ctx = super::session::context()?;
    if ctx.principal.as_ref().and_then(|p| p.user_id).is_none() {
        return Err(ApiError::new(
            "forbidden",
            "only a logged-in admin can create API tokens",
        ));
    }
    Ok(ctx.service.create_token(&ctx.actor(), &input).await?)
}
