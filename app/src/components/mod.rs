//! Reusable pieces of the interface, one component per file.

pub mod empty_state;
pub mod error_notice;
pub mod nas_card;
pub mod nav;
pub mod server_status_card;
pub mod shell;
pub mod status_badge;
pub mod store_banner;

pub use empty_state::EmptyState;
pub use error_notice::ErrorNotice;
pub use nas_card::NasCard;
pub use nav::Nav;
pub use server_status_card::ServerStatusCard;
pub use shell::Shell;
pub use status_badge::StatusBadge;
pub use store_banner::StoreBanner;
