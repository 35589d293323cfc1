use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::connections::{Connection, ConnectionInput};

use crate::api::ApiError;

/// Validates and stores a new connection; answers it with the key redacted.
#[server(prefix = "/rpc", endpoint = "connections/add", input = Json)]
pub async fn add_connection(input: ConnectionInput) -> Result<Connection, ApiError> {
    let services = crate::api::truenas_services()?;
    Ok(services.connections().create(&input).await?)
}
