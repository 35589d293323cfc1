//! One file per page of the product.

mod alerts;
mod connections;
mod login;
mod not_found;
mod overview;
mod pool_detail;
mod settings;
mod setup;
mod storage;

pub use alerts::Alerts;
pub use connections::Connections;
pub use login::Login;
pub use not_found::NotFound;
pub use overview::Overview;
pub use pool_detail::PoolDetail;
pub use settings::Settings;
pub use setup::Setup;
pub use storage::Storage;
