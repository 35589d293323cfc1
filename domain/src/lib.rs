//! The domain layer. The HTTP edge (`server`) and the Leptos server functions
//! (`app`, feature `ssr`) are thin adapters over [`Services`]; everything here
//! compiles and tests without either of them.

pub mod auth;
pub mod connections;
pub mod data_dir;
pub mod health;
pub mod monitor;
pub mod services;
pub mod store;

pub use data_dir::{DataDir, DataDirError};
pub use services::{Services, ServicesConfig};
