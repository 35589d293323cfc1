//! One file per page of the product.

mod alerts;
mod connections;
mod not_found;
mod overview;
mod settings;
mod storage;

pub use alerts::Alerts;
pub use connections::Connections;
pub use not_found::NotFound;
pub use overview::Overview;
pub use settings::Settings;
pub use storage::Storage;
