use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::auth::{Me, SetupInput};

use crate::api::ApiError;

/// First run: the setup token printed at start creates the admin, who is
/// then logged in.
#[server(prefix = "/rpc", endpoint = "auth/setup", input = Json)]
pub async fn setup_admin(input: SetupInput) -> Result<Me, ApiError> {
    let ctx = super::session::context()?;
    let session = super::session::session_of(&ctx)?;
    let user = ctx
        .service
        .setup(&input, ctx.ip)
        .await
        .inspect_err(super::session::reflect_status)?;
    super::session::start_as_me(&session, &user).await
}
