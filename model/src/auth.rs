//! Logging in, API tokens and the audit log. JSON is camelCase. No type here
//! ever carries a stored password hash or a token's secret, except
//! [`CreatedToken`], which is answered exactly once, when the token is made.

use serde::{Deserialize, Serialize};

/// What an API token may do. A session of the admin may do everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    /// Read every page and API; change nothing.
    Read,
    /// Read and change (connections, tokens).
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }
}

/// How the caller proved who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AuthVia {
    Session,
    Token,
}

/// The caller, as `GET /api/auth/me` and the `auth_status` server function answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// The admin's user name, or `token:<name>` for an API token.
    pub name: String,
    pub via: AuthVia,
    pub scope: Scope,
}

/// What the login page needs before anyone has logged in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    /// No admin exists yet: the setup page (with the token printed at start) creates one.
    pub setup_required: bool,
    pub me: Option<Me>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginInput {
    pub username: String,
    pub password: String,
}

/// First run without `POOLWATCH_ADMIN_*`: the one-time token printed at start
/// proves the person at the setup page also sees the server's console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetupInput {
    pub setup_token: String,
    pub username: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Shortest admin password accepted.
pub const MIN_PASSWORD_LEN: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
    pub scope: Scope,
}

/// An API token as listed: never its secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    /// The first characters of the token, so a person can tell tokens apart.
    pub prefix: String,
    pub scope: Scope,
    /// RFC 3339.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// Answered once, at creation: the only time the secret leaves the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedToken {
    pub token: TokenInfo,
    pub secret: String,
}

/// One line of the append-only audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    /// User name, `token:<name>`, or `anonymous`.
    pub actor: String,
    /// e.g. `login`, `connection.create`, `token.revoke`.
    pub action: String,
    /// What it was done to (a connection id, a token id, a user name).
    pub target: Option<String>,
    pub source_ip: Option<String>,
    /// `success`, `failure` or `denied`.
    pub outcome: String,
    /// Why it failed, in words; never a secret.
    pub detail: Option<String>,
}
