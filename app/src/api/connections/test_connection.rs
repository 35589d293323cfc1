use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::connections::{ConnectionInput, TestOutcome};

use crate::api::ApiError;

/// Tests settings without saving them. With `id`, the stored connection is
/// tested with its stored key and `input` applied as changes.
#[server(prefix = "/rpc", endpoint = "connections/test", input = Json)]
pub async fn test_connection(
    id: Option<String>,
    input: ConnectionInput,
) -> Result<TestOutcome, ApiError> {
    let services = crate::api::truenas_services()?;
    let auth = crate::api::auth::session::context()?;
    let connections = services.connections();
    let (target, result) = match id {
        Some(id) => {
            let result = connections.test_stored(&id, Some(&input)).await;
            (id, result)
        }
        None => (
            input.host.clone().unwrap_or_default(),
            connections.test_unsaved(&input).await,
        ),
    };
    Ok(auth
        .service
        .audited(&auth.actor(), "connection.test", Some(&target), result)
        .await?)
}
