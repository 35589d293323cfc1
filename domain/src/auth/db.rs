//! `poolwatch.db`: the SQLite file in the data dir that holds the admin
//! users, API tokens (hashed), the audit log (append-only) and, in a table
//! of the session store's own, the login sessions.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use super::AuthError;

pub const FILE_NAME: &str = "poolwatch.db";

/// The audit triggers make UPDATE and DELETE on `audit_log` fail, so neither
/// a bug nor a stolen admin session can rewrite history through poolwatch.
const SCHEMA: &str = r"
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    generation INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_sha256 TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    source_ip TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
";

/// Opens (creating with mode 0600 if missing) and brings the schema up to date.
/// A file that is not a SQLite database is reported, never replaced.
pub async fn open(dir: &Path) -> Result<SqlitePool, AuthError> {
    let path = dir.join(FILE_NAME);
    create_private(&path)?;
    let unreadable = |source: sqlx::Error| AuthError::Database {
        path: path.clone(),
        source,
    };
    let url = format!("sqlite://{}", path.display());
    let options = SqliteConnectOptions::from_str(&url)
        .map_err(unreadable)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(unreadable)?;
    sqlx::raw_sql(SCHEMA)
        .execute(&pool)
        .await
        .map_err(unreadable)?;
    Ok(pool)
}

fn create_private(path: &PathBuf) -> Result<(), AuthError> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|source| AuthError::File {
            path: path.clone(),
            source,
        })
}

/// Seconds since the Unix epoch: the unit of every time column.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// RFC 3339 for the wire; a time SQLite could hold but `time` cannot format
/// is shown as its raw number rather than dropped.
pub fn rfc3339(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| seconds.to_string())
}
