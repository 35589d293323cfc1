//! The API key is the keys to the NAS: it must never reach a log line, an
//! error message or a `{:?}` dump, so it lives in a type that cannot print it.

use std::fmt;

/// A TrueNAS API key. `Debug` and `Display` print `********`; the only way
/// to read it is [`ApiKey::expose`], which keeps every use greppable.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The raw key, for the one place that puts it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("********")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("********")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        Self(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        Self(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_key() {
        let key = ApiKey::new("1-supersecret");
        assert_eq!(format!("{key:?}"), "********");
        assert_eq!(format!("{key}"), "********");
        assert_eq!(key.expose(), "1-supersecret");
    }
}
