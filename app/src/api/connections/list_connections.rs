use leptos::prelude::*;
use model::connections::Connection;

use crate::api::ApiError;

/// Every connection, API keys redacted.
#[server(prefix = "/rpc", endpoint = "connections/list")]
pub async fn list_connections() -> Result<Vec<Connection>, ApiError> {
    Ok(crate::api::truenas_services()?.connections().list())
}
