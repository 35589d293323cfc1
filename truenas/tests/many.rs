//! Many simulated NAS in one process, and one client shared by many tasks.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

mod common;

use std::sync::Arc;

use truenas_sim::{Scenario, SimConfig, Simulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_simulators_answer_their_own_hostname() {
    let mut sims = Vec::new();
    for n in 0..100 {
        let sim = Simulator::start(SimConfig {
            hostname: format!("nas{n}"),
            ..SimConfig::default()
        })
        .await
        .unwrap();
        sims.push(sim);
    }
    let mut tasks = Vec::new();
    for (n, sim) in sims.iter().enumerate() {
        let client = common::client(sim);
        tasks.push(tokio::spawn(async move {
            let report = client.test_connection().await.unwrap();
            assert_eq!(report.hostname, Some(format!("nas{n}")));
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert!(sims.iter().all(|s| s.logins() == 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_session() {
    let sim = common::sim(Scenario::Healthy, true, false).await;
    let client = Arc::new(common::client(&sim));
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            client.pools().await.unwrap();
            client.alerts().await.unwrap();
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(sim.logins(), 1);
}
