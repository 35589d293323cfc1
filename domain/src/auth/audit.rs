//! The audit log: one row per security-relevant act, never updated or
//! deleted (the database refuses both). Writing it must not fail the act it
//! records, so a write error is logged and swallowed.

use model::auth::AuditEntry;
use sqlx::Row;

use super::db::{now, rfc3339};
use super::{Actor, AuthError, AuthService};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
    /// Refused before it was tried (lockout, missing right).
    Denied,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Denied => "denied",
        }
    }
}

/// Longest page of the audit log one call returns.
pub const MAX_PAGE: u32 = 500;

impl AuthService {
    /// Appends one entry. `detail` is words for a person, never a secret.
    pub async fn record(
        &self,
        actor: &Actor,
        action: &str,
        target: Option<&str>,
        outcome: Outcome,
        detail: Option<&str>,
    ) {
        let written = sqlx::query(
            "INSERT INTO audit_log (at, actor, action, target, source_ip, outcome, detail) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(now())
        .bind(&actor.name)
        .bind(action)
        .bind(target)
        .bind(actor.ip.map(|ip| ip.to_string()))
        .bind(outcome.as_str())
        .bind(detail)
        .execute(&self.pool)
        .await;
        if let Err(error) = written {
            tracing::error!(%error, action, "could not write the audit log");
        }
        tracing::info!(
            actor = %actor.name,
            action,
            target,
            outcome = outcome.as_str(),
            source_ip = ?actor.ip,
            "audit"
        );
    }

    /// Records how `result` turned out and hands it back, so an adapter can
    /// audit a change in the same expression that makes it.
    pub async fn audited<T, E: std::fmt::Display>(
        &self,
        actor: &Actor,
        action: &str,
        target: Option<&str>,
        result: Result<T, E>,
    ) -> Result<T, E> {
        match &result {
            Ok(_) => {
                self.record(actor, action, target, Outcome::Success, None)
                    .await
            }
            Err(e) => {
                let detail = e.to_string();
                self.record(actor, action, target, Outcome::Failure, Some(&detail))
                    .await;
            }
        }
        result
    }

    /// Newest first; `before` pages backwards by id.
    pub async fn audit_log(
        &self,
        limit: u32,
        before: Option<i64>,
    ) -> Result<Vec<AuditEntry>, AuthError> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, target, source_ip, outcome, detail FROM audit_log \
             WHERE id < ? ORDER BY id DESC LIMIT ?",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit.clamp(1, MAX_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: rfc3339(row.try_get("at")?),
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    source_ip: row.try_get("source_ip")?,
                    outcome: row.try_get("outcome")?,
                    detail: row.try_get("detail")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AuthError::from)
    }
}
