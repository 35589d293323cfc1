//! API tokens for scripts and Prometheus. The secret is shown once; the
//! database keeps its SHA-256 (a random 40-character secret needs no slow
//! hash) and the first characters, so a person can tell tokens apart.

use model::auth::{AuthVia, CreatedToken, NewToken, Scope, TokenInfo};
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::db::{now, rfc3339};
use super::password::random_secret;
use super::{Actor, AuthError, AuthService, Outcome, Principal};

/// Every token starts with this, so secret scanners and people recognise one.
pub const TOKEN_PREFIX: &str = "pwt_";
const SECRET_LEN: usize = 40;
const SHOWN_LEN: usize = TOKEN_PREFIX.len() + 6;
/// `last_used_at` is written at most this often per token.
const TOUCH_EVERY: i64 = 60;

fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn info(row: &SqliteRow) -> Result<TokenInfo, sqlx::Error> {
    let scope: String = row.try_get("scope")?;
    Ok(TokenInfo {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        scope: Scope::parse(&scope).unwrap_or(Scope::Read),
        created_at: rfc3339(row.try_get("created_at")?),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(rfc3339),
        revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(rfc3339),
    })
}

impl AuthService {
    pub async fn create_token(
        &self,
        actor: &Actor,
        input: &NewToken,
    ) -> Result<CreatedToken, AuthError> {
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
            return Err(AuthError::Invalid {
                field: "name",
                message: "the token name must be 1 to 64 printable characters".to_owned(),
            });
        }
        let secret = format!("{TOKEN_PREFIX}{}", random_secret(SECRET_LEN));
        let id = uuid::Uuid::new_v4().to_string();
        let shown: String = secret.chars().take(SHOWN_LEN).collect();
        sqlx::query(
            "INSERT INTO api_tokens (id, name, prefix, secret_sha256, scope, created_by, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(name)
        .bind(&shown)
        .bind(digest(&secret))
        .bind(input.scope.as_str())
        .bind(&actor.name)
        .bind(now())
        .execute(&self.pool)
        .await?;
        self.record(
            actor,
            "token.create",
            Some(&id),
            Outcome::Success,
            Some(input.scope.as_str()),
        )
        .await;
        let row = sqlx::query("SELECT * FROM api_tokens WHERE id = ?")
            .bind(&id)
            .fetch_one(&self.pool)
            .await?;
        Ok(CreatedToken {
            token: info(&row)?,
            secret,
        })
    }

    /// Newest first, revoked ones included (marked) so the history stays readable.
    pub async fn list_tokens(&self) -> Result<Vec<TokenInfo>, AuthError> {
        let rows = sqlx::query("SELECT * FROM api_tokens ORDER BY created_at DESC, id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(info)
            .collect::<Result<_, _>>()
            .map_err(AuthError::from)
    }

    pub async fn revoke_token(&self, actor: &Actor, id: &str) -> Result<(), AuthError> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .bind(now())
                .bind(id)
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            self.record(
                actor,
                "token.revoke",
                Some(id),
                Outcome::Failure,
                Some("no such active token"),
            )
            .await;
            return Err(AuthError::TokenNotFound(id.to_owned()));
        }
        self.record(actor, "token.revoke", Some(id), Outcome::Success, None)
            .await;
        Ok(())
    }

    /// The principal of a live token; `None` for an unknown or revoked one.
    pub async fn verify_token(&self, secret: &str) -> Result<Option<Principal>, AuthError> {
        if !secret.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let Some(row) = sqlx::query(
            "SELECT id, name, scope, last_used_at FROM api_tokens \
             WHERE secret_sha256 = ? AND revoked_at IS NULL",
        )
        .bind(digest(secret))
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let id: String = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        let scope: String = row.try_get("scope")?;
        let last: Option<i64> = row.try_get("last_used_at")?;
        let now = now();
        if last.is_none_or(|at| now - at >= TOUCH_EVERY) {
            sqlx::query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                .bind(now)
                .bind(&id)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(Principal {
            name: format!("token:{name}"),
            via: AuthVia::Token,
            scope: Scope::parse(&scope).unwrap_or(Scope::Read),
            user_id: None,
            token_id: Some(id),
        }))
    }
}
