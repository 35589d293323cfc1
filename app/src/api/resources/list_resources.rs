use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::monitor::ResourcePage;

use crate::api::ApiError;

/// A page of resources, with the same filters as `GET /api/v2/resources`
/// given as `(name, value)` pairs (e.g. `("type", "system,pool")`).
#[server(prefix = "/rpc", endpoint = "resources/list", input = Json)]
pub async fn list_resources(filters: Vec<(String, String)>) -> Result<ResourcePage, ApiError> {
    let services = crate::api::services()?;
    let query = domain::monitor::ResourceQuery::parse(
        filters.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .map_err(|e| ApiError {
        error: e.message,
        code: "invalid_query".to_owned(),
        field: Some(e.field.to_owned()),
        fingerprint: None,
    })?;
    Ok(query.page(services.registry().resources()))
}
