//! Starting a simulator and a client pointed at it.

#![allow(dead_code)]

use std::time::Duration;

use truenas::{Client, ConnectionConfig, TlsMode};
use truenas_sim::{RunningSim, Scenario, SimConfig, Simulator};

pub async fn sim(scenario: Scenario, tls: bool, legacy: bool) -> RunningSim {
    Simulator::start(SimConfig {
        scenario,
        tls,
        legacy,
        hostname: "nas-test".to_owned(),
        slow_delay: Duration::from_millis(1_500),
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

pub fn config(sim: &RunningSim) -> ConnectionConfig {
    let mut config = ConnectionConfig::new("127.0.0.1", sim.config().api_key.as_str());
    config.port = sim.port();
    config.use_https = sim.config().tls;
    config.allow_insecure_transport = !sim.config().tls;
    config.tls = TlsMode::SkipVerify;
    config.timeout = Duration::from_secs(5);
    config
}

pub fn client(sim: &RunningSim) -> Client {
    Client::new(config(sim)).expect("valid config")
}
