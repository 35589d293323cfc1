//! The resource registry, as the dashboard reads it.

mod list_resources;

pub use list_resources::*;
