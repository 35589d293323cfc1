//! What the connection layer fills in for one NAS. Validation happens here so
//! a typo in a pin or an accidental `http://` fails before any socket opens.

use std::fmt::Write as _;
use std::time::Duration;

use crate::error::Error;
use crate::secret::ApiKey;

/// How the server certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsMode {
    /// Chain to the Mozilla roots (webpki-roots) and match the host name.
    Verify,
    /// Accept any certificate. Only ever chosen explicitly by the operator:
    /// TrueNAS ships a self-signed certificate by default.
    SkipVerify,
    /// Accept exactly the leaf certificate with this SHA-256 fingerprint
    /// (of its DER encoding), whatever its chain or name. The handshake
    /// signature is still verified, so a replayed certificate is useless.
    Pin(Fingerprint),
}

/// SHA-256 of a certificate's DER encoding.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// Accepts 64 hex digits in any case, with or without `:` separators
    /// (browsers and `openssl x509 -fingerprint` print them differently).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let digits: Vec<u8> = text
            .trim()
            .bytes()
            .filter(|b| *b != b':' && !b.is_ascii_whitespace())
            .collect();
        let invalid = || Error::Config {
            message: "a certificate pin must be 64 hex digits (SHA-256), colons optional"
                .to_owned(),
        };
        if digits.len() != 64 {
            return Err(invalid());
        }
        let mut out = [0u8; 32];
        for (slot, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            let hi = hex_value(pair[0]).ok_or_else(invalid)?;
            let lo = hex_value(pair[1]).ok_or_else(invalid)?;
            *slot = hi << 4 | lo;
        }
        Ok(Self(out))
    }

    /// Upper-case hex with colons, the form TrueNAS's UI and browsers show.
    pub fn to_colon_hex(&self) -> String {
        let mut out = String::with_capacity(95);
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            let _ = write!(out, "{byte:02X}");
        }
        out
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_colon_hex())
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_colon_hex())
    }
}

/// Everything needed to reach and authenticate to one NAS.
#[derive(Debug, Clone)]
pub struct ConnectionConfig {
    pub host: String,
    pub port: u16,
    pub use_https: bool,
    /// The key owner's user name. When set, login uses `auth.login_ex`
    /// (which 25.04+ wants); otherwise `auth.login_with_api_key`.
    pub username: Option<String>,
    pub api_key: ApiKey,
    pub tls: TlsMode,
    /// Allows the key to travel over `http://` / `ws://`. TrueNAS 25.04+
    /// revokes a key used that way, so this is off unless asked for.
    pub allow_insecure_transport: bool,
    /// Upper bound for each call, including connecting and logging in.
    pub timeout: Duration,
}

impl ConnectionConfig {
    pub fn new(host: impl Into<String>, api_key: impl Into<ApiKey>) -> Self {
        Self {
            host: host.into(),
            port: 443,
            use_https: true,
            username: None,
            api_key: api_key.into(),
            tls: TlsMode::Verify,
            allow_insecure_transport: false,
            timeout: Duration::from_secs(10),
        }
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        let host = self.host.trim();
        if host.is_empty() || host.contains(['/', ' ', '@', '?', '#']) {
            return Err(Error::Config {
                message: format!("invalid host name {:?}", self.host),
            });
        }
        if !self.use_https && !self.allow_insecure_transport {
            return Err(Error::Config {
                message: "refusing to send the API key over plain http/ws; enable HTTPS or allow insecure transport explicitly".to_owned(),
            });
        }
        if self.timeout.is_zero() {
            return Err(Error::Config {
                message: "timeout must be greater than zero".to_owned(),
            });
        }
        Ok(())
    }

    /// `host:port`, with IPv6 literals bracketed for URLs.
    pub(crate) fn authority(&self) -> String {
        let host = self.host.trim();
        if host.contains(':') && !host.starts_with('[') {
            format!("[{host}]:{}", self.port)
        } else {
            format!("{host}:{}", self.port)
        }
    }

    pub(crate) fn ws_url(&self) -> String {
        let scheme = if self.use_https { "wss" } else { "ws" };
        format!("{scheme}://{}/api/current", self.authority())
    }

    pub(crate) fn rest_base(&self) -> String {
        let scheme = if self.use_https { "https" } else { "http" };
        format!("{scheme}://{}/api/v2.0", self.authority())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_accepts_colons_and_any_case() {
        let plain = "ab".repeat(32);
        let colons = vec!["AB"; 32].join(":");
        assert_eq!(
            Fingerprint::parse(&plain).unwrap(),
            Fingerprint::parse(&colons).unwrap()
        );
        assert_eq!(Fingerprint::parse(&plain).unwrap().0, [0xab; 32]);
        assert_eq!(Fingerprint::parse(&colons).unwrap().to_colon_hex(), colons);
    }

    #[test]
    fn pin_rejects_bad_input() {
        assert!(Fingerprint::parse("").is_err());
        assert!(Fingerprint::parse(&"zz".repeat(32)).is_err());
        assert!(Fingerprint::parse(&"ab".repeat(31)).is_err());
        assert!(Fingerprint::parse("é".repeat(32).as_str()).is_err());
    }

    #[test]
    fn plain_http_needs_explicit_consent() {
        let mut config = ConnectionConfig::new("nas1", "1-key");
        config.use_https = false;
        let err = config.validate().unwrap_err();
        assert!(!err.to_string().contains("1-key"));
        config.allow_insecure_transport = true;
        config.validate().unwrap();
        assert_eq!(config.ws_url(), "ws://nas1:443/api/current");
    }

    #[test]
    fn ipv6_hosts_are_bracketed() {
        let mut config = ConnectionConfig::new("::1", "k");
        config.port = 8443;
        assert_eq!(config.rest_base(), "https://[::1]:8443/api/v2.0");
    }
}
