//! The poller and the registry against simulated NAS over real sockets,
//! with short intervals: add → poll → registry → delete, scenario changes,
//! failures, staleness and recovery, identical NAS kept apart, and config
//! changes racing the polls.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::monitor::MonitorHandle;
use domain::{DataDir, Services, ServicesConfig};
use model::connections::{ConnectionInput, TlsMode};
use model::monitor::{Freshness, Resource, ResourceType};
use model::resources::{ReasonCode, Status};
use truenas_sim::{DEFAULT_API_KEY, RunningSim, Scenario, SimConfig, Simulator};

const POLL: Duration = Duration::from_millis(100);

struct World {
    services: Arc<Services>,
    _monitor: Option<MonitorHandle>,
    _dir: tempfile::TempDir,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let config = ServicesConfig {
        version: "test".into(),
        demo: false,
        truenas_enabled: true,
        max_connections: 100,
        stale_after: Duration::from_millis(600),
        poll_every: Some(POLL),
    };
    let services =
        Arc::new(Services::open(config, DataDir::prepare(dir.path().join("d")).unwrap()).unwrap());
    let monitor = services.start_monitoring();
    World {
        services,
        _monitor: monitor,
        _dir: dir,
    }
}

async fn sim(hostname: &str, scenario: Scenario) -> RunningSim {
    let config = SimConfig {
        tls: true,
        hostname: hostname.into(),
        scenario,
        ..SimConfig::default()
    };
    Simulator::start(config).await.unwrap()
}

async fn add(w: &World, name: &str, nas: &RunningSim) -> String {
    let input = ConnectionInput {
        name: Some(name.into()),
        host: Some("127.0.0.1".into()),
        port: Some(u32::from(nas.port())),
        api_key: Some(DEFAULT_API_KEY.into()),
        tls_mode: Some(TlsMode::Pin),
        fingerprint: nas.fingerprint().map(str::to_owned),
        ..Default::default()
    };
    w.services.connections().create(&input).await.unwrap().id
}

/// Waits (up to 15 s) until `check` holds for the registry's resources.
async fn until(w: &World, what: &str, check: impl Fn(&[Resource]) -> bool) -> Vec<Resource> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let resources = w.services.registry().resources().to_vec();
        if check(&resources) {
            return resources;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for: {what}\n{resources:#?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn find<'a>(resources: &'a [Resource], id: &str) -> Option<&'a Resource> {
    resources.iter().find(|r| r.id == id)
}

fn pool_status(resources: &[Resource], connection: &str) -> Option<Status> {
    find(resources, &format!("truenas:{connection}/pool:tank")).map(|r| r.status)
}

/// A healthy simulated NAS, added and polled until its pool shows online.
async fn online_nas(w: &World) -> (RunningSim, String) {
    let nas = sim("nas", Scenario::Healthy).await;
    let id = add(w, "NAS", &nas).await;
    until(w, "online", |r| pool_status(r, &id) == Some(Status::Online)).await;
    (nas, id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn added_nas_is_polled_into_the_registry_and_deleting_removes_it() {
    let w = world();
    let nas = sim("attic", Scenario::Healthy).await;
    let id = add(&w, "Attic", &nas).await;
    let resources = until(&w, "healthy pool", |r| {
        pool_status(r, &id) == Some(Status::Online)
    })
    .await;

    let system = find(&resources, &format!("truenas:{id}/system")).unwrap();
    assert_eq!(system.name, "attic");
    assert_eq!(system.status, Status::Online);
    assert_eq!(system.source_status.truenas.status, Freshness::Online);
    assert_eq!(system.sources, vec!["truenas".to_owned()]);
    assert_eq!(system.platform, "truenas");
    assert_eq!(system.connection_name, "Attic");
    let pool = find(&resources, &format!("truenas:{id}/pool:tank")).unwrap();
    assert_eq!(pool.parent_id.as_deref(), Some(system.id.as_str()));
    assert!(
        pool.pool
            .as_ref()
            .unwrap()
            .topology
            .iter()
            .any(|g| !g.vdevs.is_empty())
    );
    for kind in [ResourceType::Dataset, ResourceType::Disk] {
        assert!(
            resources.iter().any(|r| r.kind == kind),
            "no {kind:?} resources"
        );
    }
    let disk = resources
        .iter()
        .find(|r| {
            r.kind == ResourceType::Disk && r.disk.as_ref().unwrap().pool.as_deref() == Some("tank")
        })
        .unwrap();
    assert_eq!(disk.parent_id.as_deref(), Some(pool.id.as_str()));

    let view = w
        .services
        .connection_views()
        .into_iter()
        .find(|v| v.connection.id == id)
        .unwrap();
    let poll = view.poll.unwrap();
    assert!(poll.last_success_at.is_some() && poll.last_error.is_none());
    assert_eq!(poll.consecutive_failures, 0);
    let transport = view.transport.unwrap();
    assert_eq!(
        (
            transport.mode.as_deref(),
            transport.connected,
            transport.tls.as_str()
        ),
        (Some("jsonrpc"), true, "pin")
    );
    assert_eq!(transport.appliance_version.as_deref(), Some("25.10.1"));
    assert_eq!(nas.logins(), 1, "one session per NAS, reused across polls");
    assert!(
        nas.calls() >= 5,
        "a poll reads the NAS: {} calls",
        nas.calls()
    );

    w.services.connections().delete(&id).await.unwrap();
    until(&w, "resources gone", |r| {
        r.iter().all(|x| x.connection_id != id)
    })
    .await;
    // The kill switch: nothing polls the NAS any more (after a call that
    // was already on the wire when the task stopped).
    tokio::time::sleep(POLL * 3).await;
    let calls = nas.calls();
    tokio::time::sleep(POLL * 10).await;
    assert_eq!(nas.calls(), calls, "the deleted connection is still polled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_follows_the_nas_through_every_scenario() {
    let w = world();
    let (nas, id) = online_nas(&w).await;

    nas.set_scenario(Scenario::Degraded);
    let resources = until(&w, "degraded", |r| {
        pool_status(r, &id) == Some(Status::Warning)
    })
    .await;
    let pool = find(&resources, &format!("truenas:{id}/pool:tank")).unwrap();
    assert!(
        pool.reasons
            .iter()
            .any(|x| x.code == ReasonCode::DeviceState && x.subject.is_some()),
        "{:?}",
        pool.reasons
    );
    assert!(
        resources
            .iter()
            .any(|r| r.kind == ResourceType::Disk && r.status == Status::Critical),
        "the faulted disk is named"
    );

    nas.set_scenario(Scenario::Faulted);
    until(&w, "faulted", |r| {
        pool_status(r, &id) == Some(Status::Critical)
    })
    .await;

    nas.set_scenario(Scenario::Resilvering);
    let resources = until(&w, "resilvering", |r| {
        pool_status(r, &id) == Some(Status::Warning)
    })
    .await;
    let scan = find(&resources, &format!("truenas:{id}/pool:tank"))
        .unwrap()
        .pool
        .as_ref()
        .unwrap()
        .scan
        .clone()
        .unwrap();
    assert_eq!(scan.function.as_deref(), Some("RESILVER"));
    assert!(scan.percentage.is_some());

    nas.set_scenario(Scenario::Healthy);
    until(&w, "healthy again", |r| {
        pool_status(r, &id) == Some(Status::Online)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_polls_keep_data_go_stale_and_recover() {
    let w = world();
    let (nas, id) = online_nas(&w).await;

    nas.set_scenario(Scenario::Malformed);
    let system_id = format!("truenas:{id}/system");
    let resources = until(&w, "stale", |r| {
        find(r, &system_id).is_some_and(|s| s.source_status.truenas.status == Freshness::Stale)
    })
    .await;
    let system = find(&resources, &system_id).unwrap();
    assert_eq!(system.status, Status::Warning);
    assert!(system.reasons.iter().any(|x| x.code == ReasonCode::Stale));
    assert!(
        system
            .source_status
            .truenas
            .error
            .as_deref()
            .unwrap()
            .starts_with("malformed")
    );
    let pool =
        find(&resources, &format!("truenas:{id}/pool:tank")).expect("last-known data is kept");
    assert!(
        pool.reasons.iter().any(|x| x.code == ReasonCode::Stale),
        "stale data is marked on every resource"
    );
    let poll = w.services.connection_views()[0].poll.clone().unwrap();
    assert!(poll.consecutive_failures >= 2);
    assert_eq!(poll.last_error.unwrap().category, "malformed");

    nas.set_scenario(Scenario::Healthy);
    until(&w, "recovered", |r| {
        find(r, &system_id).is_some_and(|s| {
            s.source_status.truenas.status == Freshness::Online && s.status == Status::Online
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeouts_and_refused_keys_are_classified() {
    let w = world();
    let slow = Simulator::start(SimConfig {
        tls: true,
        scenario: Scenario::Slow,
        slow_delay: Duration::from_secs(3),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let refusing = sim("locked-out", Scenario::AuthFailure).await;
    let slow_id = add(&w, "Slow", &slow).await;
    let refused_id = add(&w, "Refused", &refusing).await;
    let category = |id: &str| {
        w.services
            .connection_views()
            .into_iter()
            .find(|v| v.connection.id == id)
            .and_then(|v| v.poll)
            .and_then(|p| p.last_error)
            .map(|e| e.category)
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while (category(&slow_id).is_none() || category(&refused_id).is_none())
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(category(&slow_id).as_deref(), Some("timeout"));
    assert_eq!(category(&refused_id).as_deref(), Some("auth"));
    let system = find(
        &w.services.registry().resources().to_vec(),
        &format!("truenas:{refused_id}/system"),
    )
    .unwrap()
    .clone();
    assert_eq!(
        system.status,
        Status::Offline,
        "never read: offline, not healthy"
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        refusing.login_attempts() <= 6,
        "auth failures must back off: {} logins",
        refusing.login_attempts()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nas_with_the_same_hostname_and_pool_names_stay_apart() {
    let w = world();
    let a = sim("truenas", Scenario::Healthy).await;
    let b = sim("truenas", Scenario::Degraded).await;
    let id_a = add(&w, "Left", &a).await;
    let id_b = add(&w, "Right", &b).await;
    let resources = until(&w, "both polled", |r| {
        pool_status(r, &id_a) == Some(Status::Online)
            && pool_status(r, &id_b) == Some(Status::Warning)
    })
    .await;
    let systems: Vec<&Resource> = resources
        .iter()
        .filter(|r| r.kind == ResourceType::System)
        .collect();
    assert_eq!(systems.len(), 2);
    assert!(systems.iter().all(|s| s.name == "truenas"));
    let mut ids: Vec<&str> = resources.iter().map(|r| r.id.as_str()).collect();
    let before = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), before, "resource ids collide");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_changes_racing_the_polls_converge() {
    let w = world();
    let nas = sim("nas", Scenario::Healthy).await;
    let mut ids = Vec::new();
    for n in 0..4 {
        ids.push(add(&w, &format!("n{n}"), &nas).await);
    }
    let mut tasks = Vec::new();
    for round in 0..10u32 {
        for (n, id) in ids.iter().enumerate() {
            let (services, id) = (w.services.clone(), id.clone());
            let enabled = (round + n as u32).is_multiple_of(2);
            tasks.push(tokio::spawn(async move {
                let change = ConnectionInput {
                    enabled: Some(enabled),
                    poll_interval_seconds: Some(10 + round),
                    ..Default::default()
                };
                services.connections().update(&id, &change).await.unwrap();
            }));
        }
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    for t in tasks {
        t.await.unwrap();
    }
    let enabled: Vec<String> = w
        .services
        .connections()
        .stored()
        .iter()
        .filter(|c| c.enabled)
        .map(|c| c.id.clone())
        .collect();
    until(&w, "registry matches the enabled connections", |r| {
        let mut seen: Vec<&str> = r
            .iter()
            .filter(|x| x.kind == ResourceType::System)
            .map(|x| x.connection_id.as_str())
            .collect();
        seen.sort_unstable();
        let mut want: Vec<&str> = enabled.iter().map(String::as_str).collect();
        want.sort_unstable();
        seen == want
            && r.iter()
                .filter(|x| x.kind == ResourceType::System)
                .all(|x| x.status == Status::Online)
    })
    .await;
}
