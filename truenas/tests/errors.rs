//! Each error class, reconnects, and the API key staying secret.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

mod common;

use std::time::Duration;

use truenas::{Category, Client, ConnectionConfig};
use truenas_sim::Scenario;

fn assert_no_key(err: &truenas::Error, key: &str) {
    assert!(!err.to_string().contains(key), "key in message: {err}");
    assert!(!format!("{err:?}").contains(key), "key in Debug: {err:?}");
}

#[tokio::test]
async fn refused_key_is_auth_on_both_transports() {
    for legacy in [false, true] {
        let sim = common::sim(Scenario::AuthFailure, false, legacy).await;
        let client = common::client(&sim);
        let err = client.system_info().await.unwrap_err();
        assert_eq!(err.category(), Category::Auth, "legacy={legacy}: {err}");
        assert_no_key(&err, &sim.config().api_key);
    }
}

#[tokio::test]
async fn wrong_key_and_wrong_user_are_auth_errors() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let mut config = common::config(&sim);
    config.api_key = "2-wrongwrongwrong".into();
    let err = Client::new(config.clone())
        .unwrap()
        .pools()
        .await
        .unwrap_err();
    assert_eq!(err.category(), Category::Auth);
    assert_no_key(&err, "2-wrongwrongwrong");
    config.api_key = sim.config().api_key.clone().into();
    config.username = Some("nobody".to_owned());
    let err = Client::new(config).unwrap().pools().await.unwrap_err();
    assert_eq!(err.category(), Category::Auth);
    assert!(err.to_string().contains("AUTH_ERR"), "{err}");
    assert_eq!(sim.login_attempts(), 2);
    assert_eq!(sim.logins(), 0);
}

#[tokio::test]
async fn slow_answers_time_out() {
    let sim = common::sim(Scenario::Slow, false, false).await;
    let mut config = common::config(&sim);
    config.timeout = Duration::from_millis(300);
    let err = Client::new(config).unwrap().pools().await.unwrap_err();
    assert_eq!(err.category(), Category::Timeout, "{err}");
}

#[tokio::test]
async fn closed_port_is_a_connection_error() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let config = common::config(&sim);
    sim.stop();
    drop(sim);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let err = Client::new(config).unwrap().pools().await.unwrap_err();
    assert_eq!(err.category(), Category::Connection, "{err}");
}

#[tokio::test]
async fn malformed_answers_are_malformed_on_both_transports() {
    for legacy in [false, true] {
        let sim = common::sim(Scenario::Malformed, false, legacy).await;
        let err = common::client(&sim).pools().await.unwrap_err();
        assert_eq!(
            err.category(),
            Category::Malformed,
            "legacy={legacy}: {err}"
        );
    }
}

#[tokio::test]
async fn plain_http_is_refused_unless_allowed() {
    let mut config = ConnectionConfig::new("127.0.0.1", "3-secretsecret");
    config.use_https = false;
    let err = Client::new(config).unwrap_err();
    assert_eq!(err.category(), Category::Config);
    assert_no_key(&err, "3-secretsecret");
}

#[tokio::test]
async fn client_debug_hides_the_key() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let client = common::client(&sim);
    let text = format!("{client:?}");
    assert!(!text.contains(&sim.config().api_key), "{text}");
    assert!(text.contains("********"));
}

#[tokio::test]
async fn dropped_websocket_reconnects_and_retries_once() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let client = common::client(&sim);
    client.pools().await.unwrap();
    sim.drop_connections();
    let pools = client.pools().await.unwrap();
    assert_eq!(pools.len(), 2);
    assert_eq!(sim.logins(), 2, "one new login for the new socket");
    client.alerts().await.unwrap();
    assert_eq!(sim.logins(), 2);
}

#[tokio::test]
async fn flapping_nas_recovers_without_downgrading() {
    let sim = truenas_sim::Simulator::start(truenas_sim::SimConfig {
        scenario: Scenario::Flapping,
        flap_period: Duration::from_millis(300),
        ..truenas_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let client = common::client(&sim);
    let mut ok = 0;
    for _ in 0..15 {
        match client.system_info().await {
            Ok(_) => ok += 1,
            Err(err) => assert_eq!(err.category(), Category::Connection, "{err}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ok > 0);
    assert_eq!(client.transport(), Some(truenas::Transport::JsonRpc));
}

async fn broken_sim(methods: &[&str], legacy: bool) -> truenas_sim::RunningSim {
    truenas_sim::Simulator::start(truenas_sim::SimConfig {
        legacy,
        broken_methods: methods.iter().map(|m| (*m).to_owned()).collect(),
        ..truenas_sim::SimConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn server_side_failures_are_api_errors() {
    for (legacy, code) in [(false, -32603), (true, 500)] {
        let sim = broken_sim(&["pool.query"], legacy).await;
        let client = common::client(&sim);
        let err = client.pools().await.unwrap_err();
        assert_eq!(err.category(), Category::Api, "legacy={legacy}: {err}");
        assert!(
            matches!(err, truenas::Error::Api { code: Some(c), .. } if c == code),
            "{err:?}"
        );
        client.alerts().await.unwrap();
    }
}

#[tokio::test]
async fn failing_temperatures_leave_disks_readable() {
    for legacy in [false, true] {
        let sim = broken_sim(&["disk.temperatures"], legacy).await;
        let disks = common::client(&sim).disks().await.unwrap();
        assert!(!disks.is_empty());
        assert!(disks.iter().all(|d| d.temperature.is_none()));
    }
}

#[tokio::test]
async fn revoked_key_after_reconnect_is_auth_then_recovers() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let client = common::client(&sim);
    client.pools().await.unwrap();
    sim.set_scenario(Scenario::AuthFailure);
    sim.drop_connections();
    let err = client.pools().await.unwrap_err();
    assert_eq!(err.category(), Category::Auth, "{err}");
    sim.set_scenario(Scenario::Healthy);
    client.pools().await.unwrap();
    assert_eq!(sim.logins(), 2);
    assert_eq!(client.transport(), Some(truenas::Transport::JsonRpc));
}
