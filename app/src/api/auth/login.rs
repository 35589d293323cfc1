use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::auth::{LoginInput, Me};

use crate::api::ApiError;

/// Checks the name and password (throttled) and starts a session.
#[server(prefix = "/rpc", endpoint = "auth/login", input = Json)]
pub async fn login(input: LoginInput) -> Result<Me, ApiError> {
    let ctx = super::session::context()?;
    let session = super::session::session_of(&ctx)?;
    let user = ctx
        .service
        .login(&input.username, &input.password, ctx.ip)
        .await
        .inspect_err(super::session::reflect_status)?;
    super::session::start_as_me(&session, &user).await
}
