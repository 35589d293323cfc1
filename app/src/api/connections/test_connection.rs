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
    let connections = services.connections();
    Ok(match id {
        Some(id) => connections.test_stored(&id, Some(&input)).await?,
        None => connections.test_unsaved(&input).await?,
    })
}
