//! Data transfer objects: the one set of types that crosses every boundary
//! (server → REST JSON, server → server functions → WASM UI).
//!
//! Kept free of Leptos and of any server-only crate so the browser build stays
//! small and the domain layer can use the same types without a UI dependency.

pub mod auth;
pub mod connections;
pub mod monitor;
pub mod pages;
pub mod resources;
pub mod status;

pub use status::{CredentialsHealth, DataDirHealth, ServerStatus};
