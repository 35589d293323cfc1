use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::auth::AuditEntry;

use crate::api::ApiError;

/// The newest audit entries (100 per page); `before` pages back by id.
#[server(prefix = "/rpc", endpoint = "auth/audit", input = Json)]
pub async fn audit_log(before: Option<i64>) -> Result<Vec<AuditEntry>, ApiError> {
    let ctx = super::session::context()?;
    Ok(ctx.service.audit_log(100, before).await?)
}
