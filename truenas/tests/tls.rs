//! The three TLS modes against the simulator's self-signed certificate.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

mod common;

use truenas::{Category, Client, Fingerprint, TlsMode, Transport};
use truenas_sim::Scenario;

#[tokio::test]
async fn verify_rejects_a_self_signed_certificate() {
    let sim = common::sim(Scenario::Healthy, true, false).await;
    let mut config = common::config(&sim);
    config.tls = TlsMode::Verify;
    let client = Client::new(config).unwrap();
    let err = client.system_info().await.unwrap_err();
    assert_eq!(err.category(), Category::Tls, "{err}");
    let seen = client.seen_certificate().unwrap();
    assert_eq!(seen.to_colon_hex(), sim.fingerprint().unwrap());
    assert_eq!(sim.logins(), 0);
}

#[tokio::test]
async fn skip_verify_connects_and_reports_the_fingerprint() {
    let sim = common::sim(Scenario::Healthy, true, false).await;
    let client = common::client(&sim);
    let report = client.test_connection().await.unwrap();
    assert_eq!(report.transport, Transport::JsonRpc);
    assert_eq!(
        report.certificate.unwrap().to_colon_hex(),
        sim.fingerprint().unwrap()
    );
    let der = sim.certificate_der().unwrap();
    assert_eq!(
        truenas::fingerprint_of_der(der),
        report.certificate.unwrap()
    );
}

#[tokio::test]
async fn pin_accepts_the_right_certificate_in_any_spelling() {
    let sim = common::sim(Scenario::Healthy, true, false).await;
    let spelled = sim.fingerprint().unwrap().replace(':', "").to_lowercase();
    let mut config = common::config(&sim);
    config.tls = TlsMode::Pin(Fingerprint::parse(&spelled).unwrap());
    let client = Client::new(config).unwrap();
    client.pools().await.unwrap();
}

#[tokio::test]
async fn pin_mismatch_is_a_tls_error() {
    let sim = common::sim(Scenario::Healthy, true, false).await;
    let mut config = common::config(&sim);
    config.tls = TlsMode::Pin(Fingerprint([0x42; 32]));
    let client = Client::new(config).unwrap();
    let err = client.pools().await.unwrap_err();
    assert_eq!(err.category(), Category::Tls);
    assert!(err.to_string().contains("pin"), "{err}");
    assert_eq!(sim.logins(), 0, "the key was never sent");
}

#[tokio::test]
async fn rest_uses_the_same_tls_settings() {
    let sim = common::sim(Scenario::Healthy, true, true).await;
    let fingerprint = Fingerprint::parse(sim.fingerprint().unwrap()).unwrap();
    let mut config = common::config(&sim);
    config.tls = TlsMode::Pin(fingerprint);
    let client = Client::new(config.clone()).unwrap();
    let report = client.test_connection().await.unwrap();
    assert_eq!(report.transport, Transport::Rest);
    assert_eq!(report.certificate, Some(fingerprint));

    config.tls = TlsMode::Pin(Fingerprint([7; 32]));
    let err = Client::new(config).unwrap().pools().await.unwrap_err();
    assert_eq!(err.category(), Category::Tls, "{err}");
}
