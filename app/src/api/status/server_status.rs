use leptos::prelude::*;
use model::ServerStatus;

use crate::api::ApiError;

/// Version, start time, data directory and credential store health of this
/// poolwatch server.
#[server(prefix = "/rpc", endpoint = "server_status")]
pub async fn get_server_status() -> Result<ServerStatus, ApiError> {
    let services = crate::api::services()?;
    Ok(services.status())
}
