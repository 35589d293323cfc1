//! Logging in and out, first-run setup, the password, API tokens and the
//! audit log. The HTTP edge has already decided who the caller is (and
//! refused anonymous calls to everything but status, login, logout and
//! setup); these functions only do the work.

mod audit_log;
mod auth_status;
mod change_password;
mod create_token;
mod list_tokens;
mod login;
mod logout;
mod revoke_token;
#[cfg(feature = "ssr")]
pub mod session;
mod setup_admin;

pub use audit_log::*;
pub use auth_status::*;
pub use change_password::*;
pub use create_token::*;
pub use list_tokens::*;
pub use login::*;
pub use logout::*;
pub use revoke_token::*;
pub use setup_admin::*;

#[cfg(feature = "ssr")]
impl From<domain::auth::AuthError> for crate::api::ApiError {
    fn from(err: domain::auth::AuthError) -> Self {
        if err.code() == "internal" {
            tracing::error!(error = %err, "auth request failed");
        }
        err.to_body().into()
    }
}
