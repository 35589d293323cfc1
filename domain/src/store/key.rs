//! The 32-byte random key in `.encryption.key` (mode 0600).

use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{KeyInit, OsRng};

use super::StoreError;
use super::atomic;

pub const KEY_FILE: &str = ".encryption.key";
const KEY_LEN: usize = 32;

/// The key bytes. Debug never shows them.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; KEY_LEN]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(********)")
    }
}

impl Key {
    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Reads the key file if it exists. A file that others can read, or that
    /// is not exactly 32 bytes, stops start-up with how to fix it.
    pub fn load(dir: &Path) -> Result<Option<Key>, StoreError> {
        let path = dir.join(KEY_FILE);
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(StoreError::KeyFile(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(StoreError::KeyFile(format!(
                "refusing to start: the encryption key {} is readable by group or others (mode {mode:03o}); \
                 fix it with: chmod 600 {}",
                path.display(),
                path.display()
            )));
        }
        let bytes = read_limited(&path)
            .map_err(|e| StoreError::KeyFile(format!("cannot read {}: {e}", path.display())))?;
        let key: [u8; KEY_LEN] = bytes.as_slice().try_into().map_err(|_| {
            StoreError::KeyFile(format!(
                "refusing to start: the encryption key {} is {} bytes, expected {KEY_LEN}; \
                 restore it from your backup",
                path.display(),
                bytes.len()
            ))
        })?;
        Ok(Some(Key(key)))
    }

    /// Makes a new random key and writes it durably with mode 0600.
    pub fn create(dir: &Path) -> Result<Key, StoreError> {
        let generated = Aes256Gcm::generate_key(OsRng);
        let mut key = [0u8; KEY_LEN];
        key.copy_from_slice(generated.as_slice());
        atomic::write(dir, KEY_FILE, &key).map_err(|source| StoreError::Write {
            path: dir.join(KEY_FILE),
            source,
        })?;
        tracing::info!(path = %dir.join(KEY_FILE).display(), "created a new encryption key");
        Ok(Key(key))
    }

    /// Whether the key file still holds exactly this key.
    pub fn still_on_disk(&self, dir: &Path) -> bool {
        read_limited(&dir.join(KEY_FILE)).is_ok_and(|bytes| bytes.as_slice() == self.0)
    }

    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: [u8; KEY_LEN]) -> Key {
        Key(bytes)
    }
}

/// Reads at most a little more than a key, so a huge file in its place
/// cannot exhaust memory.
fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(KEY_LEN + 1);
    fs::File::open(path)?
        .take(KEY_LEN as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
