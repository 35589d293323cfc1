//! The connection service: the one place connections change. Writes are
//! serialized and acknowledged only after the encrypted document is on disk;
//! readers see a snapshot and never wait for a write.

use std::sync::{Arc, RwLock};

use model::connections::{Connection, ConnectionInput, Deleted};
use tokio::sync::{Mutex, watch};

use super::validate::Invalid;
use super::{DOCUMENT_VERSION, Document, StoredConnection, validate};
use crate::store::{CredentialStore, Loaded, StoreError};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// `POOLWATCH_MAX_CONNECTIONS`.
    pub max_connections: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectionError {
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("no connection with id '{0}'")]
    NotFound(String),
    #[error(
        "the limit of {0} connections is reached; delete one or raise POOLWATCH_MAX_CONNECTIONS"
    )]
    LimitReached(usize),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Test(#[from] super::TestError),
}

impl ConnectionError {
    /// The stable `code` of the JSON error body, shared by REST and the
    /// server functions.
    pub fn code(&self) -> &'static str {
        match self {
            ConnectionError::Invalid { .. } => "invalid_config",
            ConnectionError::NotFound(_) => "not_found",
            ConnectionError::LimitReached(_) => "limit_reached",
            ConnectionError::Store(StoreError::Unreadable { .. }) => "store_unreadable",
            ConnectionError::Store(StoreError::KeyChanged { .. }) => "key_changed",
            ConnectionError::Store(StoreError::KeyFile(_) | StoreError::Write { .. }) => {
                "store_write_failed"
            }
            ConnectionError::Test(e) => e.code,
        }
    }

    /// The HTTP status this error answers with, alike on the REST API and
    /// the server functions: bad input is the caller's (4xx), an unreadable
    /// store is the server's state (503), a failed write the server's fault.
    pub fn http_status(&self) -> u16 {
        match self {
            ConnectionError::Invalid { .. } | ConnectionError::Test(_) => 400,
            ConnectionError::NotFound(_) => 404,
            ConnectionError::LimitReached(_) => 409,
            ConnectionError::Store(
                StoreError::Unreadable { .. } | StoreError::KeyChanged { .. },
            ) => 503,
            ConnectionError::Store(_) => 500,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            ConnectionError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn to_body(&self) -> model::connections::ErrorBody {
        model::connections::ErrorBody {
            error: self.to_string(),
            code: self.code().to_owned(),
            field: self.field().map(str::to_owned),
            fingerprint: match self {
                ConnectionError::Test(e) => e.fingerprint.clone(),
                _ => None,
            },
        }
    }
}

impl From<Invalid> for ConnectionError {
    fn from(e: Invalid) -> Self {
        ConnectionError::Invalid {
            field: e.field,
            message: e.message,
        }
    }
}

#[derive(Debug)]
pub struct ConnectionService {
    store: Arc<CredentialStore>,
    pub(super) limits: Limits,
    current: RwLock<Arc<Vec<StoredConnection>>>,
    /// Guards every write; holds the dismissed demo names, which only
    /// writers read.
    pub(super) writer: Mutex<Vec<String>>,
    changes: watch::Sender<u64>,
}

impl ConnectionService {
    /// Opens the credential store in `dir` (blocking file I/O) and builds the
    /// service from it. Fails only where poolwatch must not start (an unsafe
    /// or malformed key file); see [`CredentialStore::open`].
    pub fn open(dir: &std::path::Path, limits: Limits) -> Result<Self, StoreError> {
        let (store, loaded) = CredentialStore::open(dir)?;
        Ok(Self::new(store, loaded, limits))
    }

    /// Builds the service from what the store loaded. A document that
    /// decrypts but does not parse makes the store unreadable (kept, never
    /// overwritten) rather than starting empty and erasing it on the next save.
    pub fn new(mut store: CredentialStore, loaded: Loaded, limits: Limits) -> Self {
        let (connections, dismissed) = match loaded {
            Loaded::Empty => (Vec::new(), Vec::new()),
            Loaded::Document(bytes) => match serde_json::from_slice::<Document>(&bytes) {
                Ok(doc) if doc.version == DOCUMENT_VERSION => {
                    (doc.connections, doc.dismissed_demos)
                }
                Ok(doc) => {
                    store.mark_unreadable(format!(
                        "it has format version {}, this poolwatch reads version {DOCUMENT_VERSION}",
                        doc.version
                    ));
                    (Vec::new(), Vec::new())
                }
                Err(e) => {
                    store.mark_unreadable(format!("it decrypts but its content is not valid: {e}"));
                    (Vec::new(), Vec::new())
                }
            },
        };
        if let Some(problem) = store.problem() {
            tracing::error!(path = %store.path().display(), %problem, "credential store unreadable; it is kept as it is and changes are refused");
        }
        let (changes, _) = watch::channel(0);
        Self {
            store: Arc::new(store),
            limits,
            current: RwLock::new(Arc::new(connections)),
            writer: Mutex::new(dismissed),
            changes,
        }
    }

    pub(super) fn snapshot(&self) -> Arc<Vec<StoredConnection>> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Every connection, keys redacted, in creation order.
    pub fn list(&self) -> Vec<Connection> {
        self.snapshot()
            .iter()
            .map(StoredConnection::redacted)
            .collect()
    }

    /// The stored form with its key, for the code that talks to the NAS.
    pub fn stored(&self) -> Arc<Vec<StoredConnection>> {
        self.snapshot()
    }

    pub fn get_stored(&self, id: &str) -> Option<StoredConnection> {
        self.snapshot().iter().find(|c| c.id == id).cloned()
    }

    /// Bumps on every acknowledged change; the poller watches it.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    /// Why changes are refused, if the store is unreadable.
    pub fn store_problem(&self) -> Option<String> {
        self.store
            .problem()
            .map(|p| format!("{}: {p}", self.store.path().display()))
    }

    pub async fn create(&self, input: &ConnectionInput) -> Result<Connection, ConnectionError> {
        let mut dismissed = self.writer.lock().await;
        let current = self.snapshot();
        if current.len() >= self.limits.max_connections {
            return Err(ConnectionError::LimitReached(self.limits.max_connections));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let created = validate(input, None, &current, id)?;
        let mut next = current.as_ref().clone();
        next.push(created.clone());
        let keep = dismissed.clone();
        self.commit(next, keep, &mut dismissed).await?;
        tracing::info!(connection = %created.id, name = %created.name, "connection added");
        Ok(created.redacted())
    }

    pub async fn update(
        &self,
        id: &str,
        input: &ConnectionInput,
    ) -> Result<Connection, ConnectionError> {
        let mut dismissed = self.writer.lock().await;
        let current = self.snapshot();
        let index = current
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| ConnectionError::NotFound(id.to_owned()))?;
        let others: Vec<StoredConnection> =
            current.iter().filter(|c| c.id != id).cloned().collect();
        let updated = validate(input, Some(&current[index]), &others, id.to_owned())?;
        let mut next = current.as_ref().clone();
        next[index] = updated.clone();
        let mut next_dismissed = dismissed.clone();
        let old = &current[index];
        if old.demo && !old.name.eq_ignore_ascii_case(&updated.name) {
            dismiss(&mut next_dismissed, &old.name);
        }
        self.commit(next, next_dismissed, &mut dismissed).await?;
        tracing::info!(connection = %id, "connection updated");
        Ok(updated.redacted())
    }

    pub async fn delete(&self, id: &str) -> Result<Deleted, ConnectionError> {
        let mut dismissed = self.writer.lock().await;
        let current = self.snapshot();
        let gone = current
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| ConnectionError::NotFound(id.to_owned()))?;
        let mut next_dismissed = dismissed.clone();
        if gone.demo {
            dismiss(&mut next_dismissed, &gone.name);
        }
        let next: Vec<StoredConnection> = current.iter().filter(|c| c.id != id).cloned().collect();
        self.commit(next, next_dismissed, &mut dismissed).await?;
        tracing::info!(connection = %id, "connection deleted");
        Ok(Deleted {
            success: true,
            id: id.to_owned(),
        })
    }

    /// Persists `next` and `next_dismissed` durably, then publishes them.
    /// `dismissed` is the guard of `writer`, so only its holder can commit.
    pub(super) async fn commit(
        &self,
        next: Vec<StoredConnection>,
        next_dismissed: Vec<String>,
        dismissed: &mut Vec<String>,
    ) -> Result<(), ConnectionError> {
        let doc = Document {
            version: DOCUMENT_VERSION,
            connections: next,
            dismissed_demos: next_dismissed,
        };
        let bytes = serde_json::to_vec(&doc).map_err(|e| StoreError::Write {
            path: self.store.path(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.save(&bytes))
            .await
            .map_err(|e| StoreError::Write {
                path: self.store.path(),
                source: std::io::Error::other(format!("write task failed: {e}")),
            })??;
        *dismissed = doc.dismissed_demos;
        let published = Arc::new(doc.connections);
        match self.current.write() {
            Ok(mut guard) => *guard = published,
            Err(poisoned) => *poisoned.into_inner() = published,
        }
        self.changes.send_modify(|v| *v += 1);
        Ok(())
    }
}

/// Records that the user removed the demo connection `name`, once.
fn dismiss(dismissed: &mut Vec<String>, name: &str) {
    if !dismissed.iter().any(|d| d.eq_ignore_ascii_case(name)) {
        dismissed.push(name.to_owned());
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
