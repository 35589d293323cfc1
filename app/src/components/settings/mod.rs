//! The parts of the Settings page. Each takes `changed`, a counter bumped by
//! every change made here, so the token list and the audit log show it at once.

mod audit_log;
mod password_form;
mod token_list;
mod token_secret;
mod tokens;

pub use audit_log::AuditLog;
pub use password_form::PasswordForm;
pub use token_list::TokenList;
pub use token_secret::TokenSecret;
pub use tokens::Tokens;
