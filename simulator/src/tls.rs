//! A self-signed certificate made at start, like the one a fresh TrueNAS
//! install serves, so the client's Verify / SkipVerify / Pin modes can be
//! exercised for real.

use std::fmt::Write as _;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};
use tokio_rustls::TlsAcceptor;

use crate::SimError;

pub(crate) struct ServerCert {
    pub(crate) acceptor: TlsAcceptor,
    pub(crate) der: Vec<u8>,
    /// SHA-256 of the DER, upper-case hex with colons.
    pub(crate) fingerprint: String,
}

pub(crate) fn self_signed(hostname: &str) -> Result<ServerCert, SimError> {
    let names = vec![
        hostname.to_owned(),
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
    ];
    let certified =
        rcgen::generate_simple_self_signed(names).map_err(|e| SimError::Tls(e.to_string()))?;
    let der = certified.cert.der().to_vec();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SimError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(der.clone())], key)
        .map_err(|e| SimError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let mut fingerprint = String::with_capacity(95);
    for (i, byte) in Sha256::digest(&der).iter().enumerate() {
        if i > 0 {
            fingerprint.push(':');
        }
        let _ = write!(fingerprint, "{byte:02X}");
    }
    Ok(ServerCert {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        der,
        fingerprint,
    })
}
