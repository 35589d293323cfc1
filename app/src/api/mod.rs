//! Server functions, one per file, grouped by domain. In the browser build
//! each is an HTTP call to `/rpc/<endpoint>`; in the server build its body
//! runs against `Arc<domain::Services>` from the Leptos context.

pub mod status;

/// Prefix of every server function URL; the REST API owns `/api`.
pub const RPC_PREFIX: &str = "/rpc";

#[cfg(feature = "ssr")]
pub(crate) fn services() -> Result<std::sync::Arc<domain::Services>, leptos::prelude::ServerFnError>
{
    leptos::prelude::use_context::<std::sync::Arc<domain::Services>>().ok_or_else(|| {
        leptos::prelude::ServerFnError::new("poolwatch services are not available to this request")
    })
}
