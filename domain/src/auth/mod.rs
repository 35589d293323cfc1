//! Who may use poolwatch: the admin users (Argon2id), API tokens (SHA-256 of
//! a random secret), login throttling and the append-only audit log, all in
//! `poolwatch.db`. The HTTP edge turns a request into a [`Principal`]; this
//! module never sees a cookie or a header.

mod audit;
mod db;
mod password;
mod throttle;
mod tokens;
mod users;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use model::auth::{AuthVia, Me, Scope};
use sqlx::SqlitePool;

pub use audit::Outcome;
pub use db::FILE_NAME as DB_FILE_NAME;
pub use throttle::{Throttle, ThrottleConfig};
pub use users::{AdminSeed, Bootstrap, User};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// One message for a wrong name and a wrong password alike.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many failed attempts; try again in {} seconds", .retry_after.as_secs().max(1))]
    LockedOut { retry_after: Duration },
    #[error("an admin already exists; log in instead")]
    SetupDone,
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("no API token with id {0}")]
    TokenNotFound(String),
    #[error("cannot open {}: {source}", .path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a usable poolwatch database ({source}); move it aside to start afresh", .path.display())]
    Database { path: PathBuf, source: sqlx::Error },
    #[error("auth database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

impl AuthError {
    pub fn code(&self) -> &'static str {
        match self {
            AuthError::InvalidCredentials => "invalid_credentials",
            AuthError::LockedOut { .. } => "locked_out",
            AuthError::SetupDone => "setup_done",
            AuthError::Invalid { .. } => "invalid",
            AuthError::TokenNotFound(_) => "not_found",
            AuthError::File { .. }
            | AuthError::Database { .. }
            | AuthError::Sql(_)
            | AuthError::Hash(_) => "internal",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            AuthError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn to_body(&self) -> model::connections::ErrorBody {
        let internal = self.code() == "internal";
        model::connections::ErrorBody {
            error: if internal {
                "internal error".to_owned()
            } else {
                self.to_string()
            },
            code: self.code().to_owned(),
            field: self.field().map(str::to_owned),
            fingerprint: None,
        }
    }
}

/// Who is making a request, once proven.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The user name, or `token:<name>`.
    pub name: String,
    pub via: AuthVia,
    pub scope: Scope,
    pub user_id: Option<i64>,
    pub token_id: Option<String>,
}

impl Principal {
    pub fn can_write(&self) -> bool {
        self.scope == Scope::Write
    }

    pub fn me(&self) -> Me {
        Me {
            name: self.name.clone(),
            via: self.via,
            scope: self.scope,
        }
    }
}

/// Who did something, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub ip: Option<IpAddr>,
}

impl Actor {
    pub fn new(principal: Option<&Principal>, ip: Option<IpAddr>) -> Self {
        Self {
            name: principal.map_or_else(|| "anonymous".to_owned(), |p| p.name.clone()),
            ip,
        }
    }
}

#[derive(Debug)]
pub struct AuthService {
    pool: SqlitePool,
    throttle: Mutex<Throttle>,
    setup_token: Mutex<Option<String>>,
}

impl AuthService {
    pub async fn open(dir: &std::path::Path, throttle: ThrottleConfig) -> Result<Self, AuthError> {
        Ok(Self {
            pool: db::open(dir).await?,
            throttle: Mutex::new(Throttle::new(throttle)),
            setup_token: Mutex::new(None),
        })
    }

    /// The connection pool, shared with the HTTP session store.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    fn throttle(&self) -> std::sync::MutexGuard<'_, Throttle> {
        self.throttle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Rejects what cannot be a user name: empty, over-long or control characters.
pub(crate) fn check_username(raw: &str) -> Result<String, AuthError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(AuthError::Invalid {
            field: "username",
            message: "the user name must be 1 to 64 printable characters".to_owned(),
        });
    }
    Ok(name.to_owned())
}

pub(crate) fn check_password(field: &'static str, password: &str) -> Result<(), AuthError> {
    let len = password.chars().count();
    if !(model::auth::MIN_PASSWORD_LEN..=1024).contains(&len) {
        return Err(AuthError::Invalid {
            field,
            message: format!(
                "the password must be {} to 1024 characters long",
                model::auth::MIN_PASSWORD_LEN
            ),
        });
    }
    Ok(())
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}
