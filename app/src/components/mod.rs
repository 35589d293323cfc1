//! Reusable pieces of the interface, one component per file.

pub mod account;
pub mod auth_card;
pub mod connections;
pub mod empty_state;
pub mod error_notice;
pub mod field;
pub mod form;
pub mod health_banners;
pub mod nas_card;
pub mod nav;
pub mod server_status_card;
pub mod settings;
pub mod shell;
pub mod shortcuts;
pub mod status_badge;
pub mod storage;
pub mod store_banner;
pub mod table_head;
pub mod theme_toggle;

pub use account::Account;
pub use auth_card::AuthCard;
pub use empty_state::EmptyState;
pub use error_notice::ErrorNotice;
pub use field::Field;
pub use form::Form;
pub use health_banners::HealthBanners;
pub use nas_card::NasCard;
pub use nav::Nav;
pub use server_status_card::ServerStatusCard;
pub use shell::Shell;
pub use shortcuts::Shortcuts;
pub use status_badge::StatusBadge;
pub use store_banner::StoreBanner;
pub use table_head::table_head;
pub use theme_toggle::ThemeToggle;
