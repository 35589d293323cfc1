//! The poolwatch server: configuration, the HTTP edge and process lifecycle.
//! Domain logic lives in the `domain` crate; this crate only adapts it.

pub mod assets;
pub mod auth;
pub mod cli;
pub mod demo;
pub mod error;
pub mod json_body;
pub mod routes;
pub mod run;
pub mod shutdown;
pub mod state;
pub mod telemetry;
pub mod tls;

pub use routes::app;
pub use state::AppState;
