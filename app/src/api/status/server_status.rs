use leptos::prelude::*;
use model::ServerStatus;

/// Version, start time and data directory health of this poolwatch server.
#[server(prefix = "/rpc", endpoint = "server_status")]
pub async fn get_server_status() -> Result<ServerStatus, ServerFnError> {
    let services = crate::api::services()?;
    Ok(services.status())
}
