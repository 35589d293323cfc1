use leptos::prelude::*;
use model::monitor::ConnectionView;

use crate::api::ApiError;

/// Every connection (API keys redacted) with its poll and transport status.
#[server(prefix = "/rpc", endpoint = "connections/list")]
pub async fn list_connections() -> Result<Vec<ConnectionView>, ApiError> {
    Ok(crate::api::truenas_services()?.connection_views())
}
