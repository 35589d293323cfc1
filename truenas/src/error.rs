//! Every failure is sorted into a small set of classes the dashboard can act
//! on (re-enter a key, fix a pin, wait, report a bug), and no message ever
//! carries the API key.

use std::error::Error as StdError;
use std::io;
use std::time::Duration;

/// Coarse class of an [`Error`], stable for UIs and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The connection settings themselves are unusable.
    Config,
    Auth,
    Timeout,
    Connection,
    Tls,
    Api,
    Malformed,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Config => "config",
            Self::Auth => "auth",
            Self::Timeout => "timeout",
            Self::Connection => "connection",
            Self::Tls => "tls",
            Self::Api => "api",
            Self::Malformed => "malformed",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid connection settings: {message}")]
    Config { message: String },
    #[error("authentication failed: {message}")]
    Auth { message: String },
    #[error("no answer within {}s while {during}", after.as_secs_f32())]
    Timeout { after: Duration, during: String },
    #[error("connection failed: {message}")]
    Connection { message: String },
    #[error("TLS failed: {message}")]
    Tls { message: String },
    #[error("the NAS reported an error{}: {message}", code.map(|c| format!(" ({c})")).unwrap_or_default())]
    Api { code: Option<i64>, message: String },
    #[error("unexpected answer: {message}")]
    Malformed { message: String },
}

impl Error {
    pub fn category(&self) -> Category {
        match self {
            Self::Config { .. } => Category::Config,
            Self::Auth { .. } => Category::Auth,
            Self::Timeout { .. } => Category::Timeout,
            Self::Connection { .. } => Category::Connection,
            Self::Tls { .. } => Category::Tls,
            Self::Api { .. } => Category::Api,
            Self::Malformed { .. } => Category::Malformed,
        }
    }

    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Self::Malformed {
            message: message.into(),
        }
    }

    pub(crate) fn connection(message: impl Into<String>) -> Self {
        Self::Connection {
            message: message.into(),
        }
    }

    /// Replaces any occurrence of `secret` in the message. Servers and
    /// libraries sometimes echo request parts; this is the last line of
    /// defence before an error leaves the crate.
    pub(crate) fn redact(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let clean = |m: String| {
            if m.contains(secret) {
                m.replace(secret, "********")
            } else {
                m
            }
        };
        match self {
            Self::Config { message } => Self::Config {
                message: clean(message),
            },
            Self::Auth { message } => Self::Auth {
                message: clean(message),
            },
            Self::Timeout { after, during } => Self::Timeout {
                after,
                during: clean(during),
            },
            Self::Connection { message } => Self::Connection {
                message: clean(message),
            },
            Self::Tls { message } => Self::Tls {
                message: clean(message),
            },
            Self::Api { code, message } => Self::Api {
                code,
                message: clean(message),
            },
            Self::Malformed { message } => Self::Malformed {
                message: clean(message),
            },
        }
    }

    /// Classifies a transport-level error by walking its source chain:
    /// rustls errors are TLS problems, socket errors connection problems.
    pub(crate) fn from_transport(err: &(dyn StdError + 'static)) -> Self {
        let message = chain_text(err);
        if find_rustls(err).is_some() {
            return Self::Tls { message };
        }
        if let Some(kind) = find_io_kind(err)
            && kind == io::ErrorKind::TimedOut
        {
            return Self::Timeout {
                after: Duration::ZERO,
                during: message,
            };
        }
        Self::Connection { message }
    }
}

/// `a: b: c` from an error and its sources, without repeats (many wrappers
/// repeat their source's text).
pub(crate) fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source().or_else(|| io_inner(e));
    }
    parts.join(": ")
}

/// `io::Error::source` skips a custom payload, which is where tokio-rustls
/// keeps its `rustls::Error`; look inside explicitly.
fn io_inner<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    let io = err.downcast_ref::<io::Error>()?;
    let inner = io.get_ref()?;
    Some(inner as &(dyn StdError + 'static))
}

fn walk<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        if let Some(inner) = io_inner(e)
            && let Some(found) = inner.downcast_ref::<T>()
        {
            return Some(found);
        }
        next = e.source().or_else(|| io_inner(e));
    }
    None
}

pub(crate) fn find_rustls<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    walk::<rustls::Error>(err)
}

pub(crate) fn find_io_kind(err: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    walk::<io::Error>(err).map(io::Error::kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustls_inside_io_is_tls() {
        let inner = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let io = io::Error::new(io::ErrorKind::InvalidData, inner);
        let err = Error::from_transport(&io);
        assert_eq!(err.category(), Category::Tls);
    }

    #[test]
    fn refused_is_connection() {
        let io = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(Error::from_transport(&io).category(), Category::Connection);
    }

    #[test]
    fn redact_removes_the_key() {
        let err = Error::Api {
            code: Some(-32001),
            message: "bad key 1-abc".to_owned(),
        };
        let text = err.redact("1-abc").to_string();
        assert!(!text.contains("1-abc"), "{text}");
    }
}
