use leptos::prelude::*;
use model::auth::TokenInfo;

use crate::api::ApiError;

/// Every API token, newest first; never a secret.
#[server(prefix = "/rpc", endpoint = "auth/tokens/list")]
pub async fn list_tokens() -> Result<Vec<TokenInfo>, ApiError> {
    Ok(super::session::context()?.service.list_tokens().await?)
}
