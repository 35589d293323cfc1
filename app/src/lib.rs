//! poolwatch's user interface and its server functions.
//!
//! Built twice: for the browser (`csr`, by Trunk) where the server functions
//! become HTTP calls, and for the server (`ssr`) where their bodies run against
//! the domain layer, which they find as `Arc<domain::Services>` in the Leptos
//! context the HTTP edge provides.

#![recursion_limit = "256"]

pub mod advice;
pub mod api;
mod app;
pub mod components;
pub mod connection_draft;
pub mod dom;
pub mod format;
pub mod forms;
pub mod html;
pub mod live;
pub mod navigation;
mod overview_app;
pub mod pages;
pub mod session;
pub mod storage_rows;
pub mod theme;
pub mod url_query;

pub use app::App;
/// The shared wire types, re-exported so the UI and the server name them alike.
pub use model as dto;
pub use overview_app::OverviewApp;
