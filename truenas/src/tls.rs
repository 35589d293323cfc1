//! One rustls configuration per NAS, shared by the WebSocket and the REST
//! transport, so both see the same trust decision. The verifier also records
//! the leaf certificate it was shown: the operator needs that fingerprint to
//! set up pinning, and it is useful evidence when a pin stops matching.

use std::sync::{Arc, Mutex, PoisonError};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use sha2::{Digest, Sha256};

use crate::config::{Fingerprint, TlsMode};
use crate::error::Error;

/// The fingerprint of the last leaf certificate a handshake presented.
#[derive(Debug, Clone, Default)]
pub(crate) struct SeenCert(Arc<Mutex<Option<Fingerprint>>>);

impl SeenCert {
    pub(crate) fn get(&self) -> Option<Fingerprint> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, fingerprint: Fingerprint) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(fingerprint);
    }
}

/// SHA-256 of a DER certificate, the value [`TlsMode::Pin`] compares.
pub fn fingerprint_of_der(der: &[u8]) -> Fingerprint {
    Fingerprint(Sha256::digest(der).into())
}

/// Builds the client TLS configuration for `mode` with the ring provider.
/// No ALPN is offered: the WebSocket upgrade needs HTTP/1.1.
pub(crate) fn client_config(mode: &TlsMode, seen: SeenCert) -> Result<Arc<ClientConfig>, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let check = match mode {
        TlsMode::Verify => {
            let roots = RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            let webpki =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                    .build()
                    .map_err(|e| Error::Tls {
                        message: format!("cannot build the certificate verifier: {e}"),
                    })?;
            Check::WebPki(webpki)
        }
        TlsMode::SkipVerify => Check::Skip,
        TlsMode::Pin(pin) => Check::Pin(*pin),
    };
    let verifier = RecordingVerifier {
        check,
        provider: provider.clone(),
        seen,
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Tls {
            message: format!("cannot build the TLS configuration: {e}"),
        })?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

#[derive(Debug)]
enum Check {
    WebPki(Arc<WebPkiServerVerifier>),
    Skip,
    Pin(Fingerprint),
}

#[derive(Debug)]
struct RecordingVerifier {
    check: Check,
    provider: Arc<CryptoProvider>,
    seen: SeenCert,
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let presented = fingerprint_of_der(end_entity);
        self.seen.set(presented);
        match &self.check {
            Check::WebPki(webpki) => webpki.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            ),
            Check::Skip => Ok(ServerCertVerified::assertion()),
            Check::Pin(pin) if *pin == presented => Ok(ServerCertVerified::assertion()),
            Check::Pin(pin) => Err(rustls::Error::General(format!(
                "certificate pin mismatch: the server presented {presented}, the pin is {pin}"
            ))),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
