//! The resource registry, as the dashboard reads it.

mod list_all;
mod list_resources;

pub use list_all::list_all;
pub use list_resources::*;
