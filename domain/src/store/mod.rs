//! The credential store: every connection, API keys included, as one JSON
//! document encrypted with AES-256-GCM in `<data dir>/truenas.enc`, under a
//! random key in `<data dir>/.encryption.key`.
//!
//! Bad states are loud and lose nothing: an undecryptable or corrupt file is
//! reported and kept as it is (never overwritten); a key file that changed or
//! vanished since start makes every write fail instead of producing a file
//! nobody can read.

mod atomic;
mod crypto;
mod key;

use std::io;
use std::path::{Path, PathBuf};

pub use crypto::{OpenError, open, seal};
pub use key::{KEY_FILE, Key};

/// Name of the encrypted document inside the data dir.
pub const STORE_FILE: &str = "truenas.enc";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The key file is unusable at start; poolwatch refuses to start.
    #[error("{0}")]
    KeyFile(String),
    /// `truenas.enc` cannot be read back; it is kept untouched and writes are refused.
    #[error("the credential store {path} cannot be used: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "the encryption key file {path} changed or vanished since poolwatch started; \
         refusing to write credentials nobody could decrypt. Restore the original key file or restart poolwatch"
    )]
    KeyChanged { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// What was found at start.
#[derive(Debug)]
pub enum Loaded {
    /// No `truenas.enc` yet: no connections.
    Empty,
    /// The decrypted document.
    Document(Vec<u8>),
}

/// Handle on the two files. All methods block (file I/O and fsync): call
/// them from a blocking context.
#[derive(Debug)]
pub struct CredentialStore {
    dir: PathBuf,
    /// None when the store is unreadable (no key could be loaded).
    key: Option<Key>,
    unreadable: Option<String>,
}

impl CredentialStore {
    /// Opens the store in `dir`, creating the key on first start.
    ///
    /// Fails (poolwatch must not start) only for a key file that is unsafe or
    /// malformed. An unreadable `truenas.enc` is not a failure: the store
    /// opens in the unreadable state and says why.
    pub fn open(dir: &Path) -> Result<(Self, Loaded), StoreError> {
        let store_path = dir.join(STORE_FILE);
        let store_exists = store_path.exists();
        let key = match Key::load(dir)? {
            Some(key) => key,
            None if store_exists => {
                let reason = format!(
                    "{STORE_FILE} exists but {KEY_FILE} is missing, so it cannot be decrypted; \
                     restore {KEY_FILE} from your backup (poolwatch will not create a new key over existing data)"
                );
                return Ok((Self::unreadable(dir, reason), Loaded::Empty));
            }
            None => Key::create(dir)?,
        };
        if !store_exists {
            return Ok((
                Self {
                    dir: dir.to_owned(),
                    key: Some(key),
                    unreadable: None,
                },
                Loaded::Empty,
            ));
        }
        let loaded = std::fs::read(&store_path)
            .map_err(|e| format!("cannot read it: {e}"))
            .and_then(|bytes| open(&key, &bytes).map_err(|e| e.to_string()));
        match loaded {
            Ok(plain) => Ok((
                Self {
                    dir: dir.to_owned(),
                    key: Some(key),
                    unreadable: None,
                },
                Loaded::Document(plain),
            )),
            Err(reason) => Ok((Self::unreadable(dir, reason), Loaded::Empty)),
        }
    }

    fn unreadable(dir: &Path, reason: String) -> Self {
        Self {
            dir: dir.to_owned(),
            key: None,
            unreadable: Some(reason),
        }
    }

    /// Puts the store in the unreadable state (its content did not parse):
    /// the file is kept and every write is refused.
    pub fn mark_unreadable(&mut self, reason: String) {
        self.key = None;
        self.unreadable = Some(reason);
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(STORE_FILE)
    }

    /// Why the store cannot be used, if it cannot.
    pub fn problem(&self) -> Option<&str> {
        self.unreadable.as_deref()
    }

    /// Encrypts `plain` with a fresh nonce and replaces `truenas.enc`
    /// atomically and durably. Returns only once the data is on disk.
    pub fn save(&self, plain: &[u8]) -> Result<(), StoreError> {
        let (Some(key), None) = (&self.key, &self.unreadable) else {
            return Err(StoreError::Unreadable {
                path: self.path(),
                reason: self
                    .unreadable
                    .clone()
                    .unwrap_or_else(|| "no key loaded".to_owned()),
            });
        };
        if !key.still_on_disk(&self.dir) {
            return Err(StoreError::KeyChanged {
                path: self.dir.join(KEY_FILE),
            });
        }
        let sealed = seal(key, plain).map_err(|e| StoreError::Write {
            path: self.path(),
            source: io::Error::other(e.to_string()),
        })?;
        atomic::write(&self.dir, STORE_FILE, &sealed).map_err(|source| StoreError::Write {
            path: self.path(),
            source,
        })
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
