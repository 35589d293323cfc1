use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::connections::Deleted;

use crate::api::ApiError;

/// Removes a connection (the kill switch for one NAS).
#[server(prefix = "/rpc", endpoint = "connections/delete", input = Json)]
pub async fn delete_connection(id: String) -> Result<Deleted, ApiError> {
    let services = crate::api::truenas_services()?;
    let auth = crate::api::auth::session::context()?;
    let result = services.connections().delete(&id).await;
    Ok(auth
        .service
        .audited(&auth.actor(), "connection.delete", Some(&id), result)
        .await?)
}
