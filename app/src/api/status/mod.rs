//! The poolwatch process's own status.

mod server_status;

pub use server_status::*;
