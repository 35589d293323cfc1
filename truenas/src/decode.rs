//! Turning answer bytes into typed values. Exposed so the benchmark and the
//! property tests exercise exactly the code the client runs.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses `bytes` as `T`; any failure is [`Error::Malformed`] naming `what`.
pub fn json<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|e| Error::malformed(format!("{what}: {e}")))
}
