//! File format of `truenas.enc`: `MAGIC || nonce (12) || AES-256-GCM(ciphertext || tag)`,
//! with the magic as associated data so a file of another format or version
//! never decrypts by accident.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

use super::Key;

const MAGIC: &[u8; 8] = b"PWSTORE1";
const NONCE_LEN: usize = 12;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("it is not a poolwatch credential file (wrong header)")]
    NotOurs,
    #[error("it is truncated")]
    Truncated,
    #[error("it is too large to encrypt")]
    TooLarge,
    #[error(
        "it does not decrypt with this key: the key is not the one it was written with, or the file was altered"
    )]
    Undecryptable,
}

/// Encrypts `plain` under a fresh random nonce. Fails only for inputs
/// beyond AES-GCM's limit (64 GiB), far above any credential document.
pub fn seal(key: &Key, plain: &[u8]) -> Result<Vec<u8>, OpenError> {
    let cipher = Aes256Gcm::new(key.bytes().into());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: MAGIC,
            },
        )
        .map_err(|_| OpenError::TooLarge)?;
    let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Decrypts and authenticates a file made by [`seal`].
pub fn open(key: &Key, file: &[u8]) -> Result<Vec<u8>, OpenError> {
    let rest = file
        .strip_prefix(MAGIC.as_slice())
        .ok_or(if file.len() < MAGIC.len() {
            OpenError::Truncated
        } else {
            OpenError::NotOurs
        })?;
    if rest.len() < NONCE_LEN + 16 {
        return Err(OpenError::Truncated);
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    Aes256Gcm::new(key.bytes().into())
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: MAGIC,
            },
        )
        .map_err(|_| OpenError::Undecryptable)
}
