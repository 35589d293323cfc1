use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::connections::{Connection, ConnectionInput};

use crate::api::ApiError;

/// Validates and stores a new connection; answers it with the key redacted.
#[server(prefix = "/rpc", endpoint = "connections/add", input = Json)]
pub async fn add_connection(input: ConnectionInput) -> Result<Connection, ApiError> {
    let services = crate::api::truenas_services()?;
    let auth = crate::api::auth::session::context()?;
    let result = services.connections().create(&input).await;
    let target = result
        .as_ref()
        .map_or_else(|_| input.name.clone().unwrap_or_default(), |c| c.id.clone());
    Ok(auth
        .service
        .audited(&auth.actor(), "connection.create", Some(&target), result)
        .await?)
}
