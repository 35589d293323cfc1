use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::connections::{Connection, ConnectionInput};

use crate::api::ApiError;

/// Changes a connection; an absent or `********` key keeps the stored one.
#[server(prefix = "/rpc", endpoint = "connections/update", input = Json)]
pub async fn update_connection(id: String, input: ConnectionInput) -> Result<Connection, ApiError> {
    let services = crate::api::truenas_services()?;
    let auth = crate::api::auth::session::context()?;
    let result = services.connections().update(&id, &input).await;
    Ok(auth
        .service
        .audited(&auth.actor(), "connection.update", Some(&id), result)
        .await?)
}
