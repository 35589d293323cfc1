//! Server functions, one per file, grouped by domain. In the browser build
//! each is an HTTP call to `/rpc/<endpoint>`; in the server build its body
//! runs against `Arc<domain::Services>` from the Leptos context.

pub mod auth;
pub mod connections;
mod error;
pub mod resources;
pub mod status;

pub use error::ApiError;

/// Prefix of every server function URL; the REST API owns `/api`.
pub const RPC_PREFIX: &str = "/rpc";

#[cfg(feature = "ssr")]
pub(crate) fn services() -> Result<std::sync::Arc<domain::Services>, ApiError> {
    leptos::prelude::use_context::<std::sync::Arc<domain::Services>>().ok_or_else(|| {
        ApiError::new(
            "internal",
            "poolwatch services are not available to this request",
        )
    })
}

/// The services, refusing when the TrueNAS integration is switched off.
#[cfg(feature = "ssr")]
pub(crate) fn truenas_services() -> Result<std::sync::Arc<domain::Services>, ApiError> {
    let services = services()?;
    if services.truenas_enabled() {
        Ok(services)
    } else {
        Err(ApiError::new(
            "truenas_disabled",
            "the TrueNAS integration is turned off (POOLWATCH_ENABLE_TRUENAS)",
        ))
    }
}
