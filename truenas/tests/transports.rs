//! Every method over both transports against the simulator, on real sockets.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

mod common;

use truenas::types::{Dataset, DatasetRef, FromDataset};
use truenas::{Client, Transport};
use truenas_sim::Scenario;

/// What a poll keeps of a dataset, read through the accessors both the
/// borrowed and the owned shape answer with.
#[derive(Debug, PartialEq)]
struct Seen {
    name: String,
    kind: Option<String>,
    mountpoint: Option<String>,
    sizes: [Option<u64>; 4],
    ratio: Option<f64>,
    readonly: Option<bool>,
    locked: Option<bool>,
    root: Option<String>,
}

impl FromDataset for Seen {
    fn from_dataset(d: &DatasetRef<'_>) -> Self {
        let text = |t: &Option<truenas::types::Text<'_>>| t.as_ref().map(|t| t.as_str().to_owned());
        let size =
            |p: &Option<truenas::types::PropertyRef<'_>>| p.as_ref().and_then(|p| p.as_u64());
        Self {
            name: d.full_name().to_owned(),
            kind: text(&d.dataset_type),
            mountpoint: text(&d.mountpoint),
            sizes: [
                size(&d.used),
                size(&d.available),
                d.quota.as_ref().and_then(|p| p.as_limit()),
                size(&d.volsize),
            ],
            ratio: d.compressratio.as_ref().and_then(|p| p.as_ratio()),
            readonly: d.readonly.as_ref().and_then(|p| p.as_bool()),
            locked: d.is_locked(),
            root: text(&d.encryption_root),
        }
    }
}

/// `dataset_rows` reads the same answer as `datasets`, without owned entries.
async fn rows_match(client: &Client, datasets: &[Dataset]) {
    let rows: Vec<Seen> = client.dataset_rows().await.unwrap();
    let expected: Vec<Seen> = datasets
        .iter()
        .map(|d| Seen::from_dataset(&d.view()))
        .collect();
    assert_eq!(rows, expected);
}

async fn read_everything(client: &Client) {
    let info = client.system_info().await.unwrap();
    assert_eq!(info.hostname.as_deref(), Some("nas-test"));
    assert!(info.boottime.is_some());

    let pools = client.pools().await.unwrap();
    let tank = pools.iter().find(|p| p.name == "tank").unwrap();
    assert_eq!(tank.status.as_deref(), Some("ONLINE"));
    assert_eq!(tank.healthy, Some(true));
    assert_eq!(tank.fragmentation.as_deref(), Some("7"));
    let topology = tank.topology.as_ref().unwrap();
    assert_eq!(topology.data[0].vdev_type.as_deref(), Some("RAIDZ1"));
    assert_eq!(topology.data[0].children.len(), 4);
    assert_eq!(topology.cache.len(), 1);
    assert_eq!(
        tank.scan.as_ref().unwrap().state.as_deref(),
        Some("FINISHED")
    );

    let datasets = client.datasets().await.unwrap();
    assert_eq!(datasets.len(), 7);
    rows_match(client, &datasets).await;
    let volume = datasets.iter().find(|d| d.id == "tank/vm-disk").unwrap();
    assert_eq!(volume.dataset_type.as_deref(), Some("VOLUME"));
    assert_eq!(volume.mountpoint, None);
    assert_eq!(
        volume.volsize.as_ref().and_then(|p| p.as_u64()),
        Some(100 << 30)
    );
    let documents = datasets.iter().find(|d| d.id == "tank/documents").unwrap();
    assert_eq!(
        documents.quota.as_ref().and_then(|p| p.as_limit()),
        Some(500 << 30)
    );
    let media = datasets.iter().find(|d| d.id == "tank/media").unwrap();
    assert!(media.compressratio.is_some() && media.used.is_some());
    assert_eq!(media.quota.as_ref().and_then(|p| p.as_limit()), None);
    assert!(media.quota.as_ref().unwrap().parsed.is_null());
    let replica = datasets.iter().find(|d| d.id == "backup/replica").unwrap();
    assert_eq!(
        replica.readonly.as_ref().and_then(|p| p.as_bool()),
        Some(true)
    );
    let secure = datasets.iter().find(|d| d.id == "tank/secure").unwrap();
    assert_eq!(
        (secure.encrypted, secure.is_locked()),
        (Some(true), Some(false))
    );

    let disks = client.disks().await.unwrap();
    let sda = disks.iter().find(|d| d.name == "sda").unwrap();
    assert_eq!(sda.pool.as_deref(), Some("tank"));
    assert!(sda.temperature.is_some());
    let boot = disks.iter().find(|d| d.name == "nvme0n1").unwrap();
    assert_eq!(boot.pool.as_deref(), Some("boot-pool"));
    assert_eq!(boot.temperature, None);

    let alerts = client.alerts().await.unwrap();
    assert!(alerts.iter().any(|a| a.dismissed == Some(true) && a.klass.as_deref() == Some("ZpoolCapacityNotice")));

    let snapshots = client.snapshots().await.unwrap();
    assert!(!snapshots.is_empty());
    assert!(
        snapshots
            .iter()
            .all(|s| s.created().is_some() && s.used_bytes().is_some())
    );

    let tasks = client.replication_tasks().await.unwrap();
    assert_eq!(
        tasks[0].state.as_ref().unwrap().state.as_deref(),
        Some("FINISHED")
    );
}

#[tokio::test]
async fn json_rpc_serves_every_method_with_one_login() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let client = common::client(&sim);
    read_everything(&client).await;
    read_everything(&client).await;
    assert_eq!(client.transport(), Some(Transport::JsonRpc));
    let datasets = client.datasets().await.unwrap();
    let media = datasets.iter().find(|d| d.id == "tank/media").unwrap();
    let used = media.used.as_ref().unwrap();
    assert!(
        used.as_u64().is_some() && used.rawvalue.is_none() && used.value.is_none(),
        "JSON-RPC selects only `parsed` of a size property: {used:?}"
    );
    assert_eq!(sim.logins(), 1, "one session, one login");
    let report = client.test_connection().await.unwrap();
    assert_eq!(report.transport, Transport::JsonRpc);
    assert_eq!(report.version.as_deref(), Some("25.10.1"));
    assert_eq!(report.certificate, None);
}

#[tokio::test]
async fn login_ex_is_used_with_a_username() {
    let sim = common::sim(Scenario::Healthy, false, false).await;
    let mut config = common::config(&sim);
    config.username = Some("admin".to_owned());
    let client = Client::new(config).unwrap();
    client.pools().await.unwrap();
    assert_eq!(sim.logins(), 1);
}

#[tokio::test]
async fn legacy_box_falls_back_to_rest() {
    let sim = common::sim(Scenario::Healthy, false, true).await;
    let client = common::client(&sim);
    read_everything(&client).await;
    assert_eq!(client.transport(), Some(Transport::Rest));
    let datasets = client.datasets().await.unwrap();
    let media = datasets.iter().find(|d| d.id == "tank/media").unwrap();
    let used = media.used.as_ref().unwrap();
    assert!(
        used.rawvalue.is_some() && used.value.is_some(),
        "REST has no `select`: whole property objects arrive"
    );
    assert_eq!(sim.logins(), 0, "REST sends the key on each request");
    let report = client.test_connection().await.unwrap();
    assert_eq!(report.transport, Transport::Rest);
    assert_eq!(report.version.as_deref(), Some("TrueNAS-SCALE-24.10.2"));
}

#[tokio::test]
async fn scenarios_come_through_typed() {
    let sim = common::sim(Scenario::Degraded, false, false).await;
    let client = common::client(&sim);
    let tank = client
        .pools()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "tank")
        .unwrap();
    assert_eq!(tank.status.as_deref(), Some("DEGRADED"));
    assert_eq!(tank.healthy, Some(false));
    assert_eq!(tank.status_code.as_deref(), Some("FAULTED_DEV_R"));
    assert_eq!(tank.scan.as_ref().unwrap().errors, Some(12));
    let raidz = &tank.topology.as_ref().unwrap().data[0];
    assert_eq!(raidz.status.as_deref(), Some("DEGRADED"));
    let faulted = raidz
        .children
        .iter()
        .find(|d| d.status.as_deref() == Some("FAULTED"))
        .unwrap();
    assert_eq!(faulted.disk.as_deref(), Some("sdc"));
    assert_eq!(faulted.stats.as_ref().unwrap().checksum_errors, Some(12));
    let alerts = client.alerts().await.unwrap();
    assert!(
        alerts
            .iter()
            .any(|a| a.klass.as_deref() == Some("VolumeStatus") && a.level_rank() == Some(5))
    );

    sim.set_scenario(Scenario::Resilvering);
    let tank = client
        .pools()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "tank")
        .unwrap();
    assert_eq!((tank.healthy, tank.warning), (Some(true), Some(true)));
    let scan = tank.scan.unwrap();
    assert_eq!(scan.function.as_deref(), Some("RESILVER"));
    assert_eq!(scan.end_time, None);
    assert!(scan.total_secs_left.is_some());

    sim.set_scenario(Scenario::Locked);
    let datasets = client.datasets().await.unwrap();
    let secure = datasets.iter().find(|d| d.id == "tank/secure").unwrap();
    assert_eq!(secure.is_locked(), Some(true));
    assert_eq!(secure.mountpoint.as_deref(), Some("/mnt/tank/secure"));

    sim.set_scenario(Scenario::Faulted);
    let tank = client
        .pools()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "tank")
        .unwrap();
    assert_eq!(tank.status.as_deref(), Some("FAULTED"));
    assert_eq!(sim.logins(), 1, "switching scenarios keeps the session");
}

#[tokio::test]
async fn large_nas_lists_thousands_of_datasets_in_pages() {
    for legacy in [false, true] {
        let sim = common::sim(Scenario::Large, false, legacy).await;
        let client = common::client(&sim);
        let datasets = client.datasets().await.unwrap();
        let names: std::collections::HashSet<&str> =
            datasets.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(names.len(), 5_000, "legacy={legacy}");
        rows_match(&client, &datasets).await;
        assert_eq!(client.pools().await.unwrap().len(), 4);
        assert_eq!(client.disks().await.unwrap().len(), 97);
    }
}

/// After each answer over 64 KiB the client rebuilds its WebSocket state
/// around the same TLS stream, to drop tungstenite's frame-sized read
/// buffer: the session must stay logged in and its answers in step.
#[tokio::test]
async fn large_answers_over_tls_keep_one_session_in_step() {
    let sim = common::sim(Scenario::Large, true, false).await;
    let client = common::client(&sim);
    for _ in 0..2 {
        assert_eq!(client.datasets().await.unwrap().len(), 5_000);
        assert_eq!(client.pools().await.unwrap().len(), 4);
        let info = client.system_info().await.unwrap();
        assert_eq!(info.hostname.as_deref(), Some("nas-test"));
    }
    assert_eq!(client.transport(), Some(Transport::JsonRpc));
    assert_eq!(
        sim.logins(),
        1,
        "the rebuilt WebSocket keeps the logged-in session"
    );
}
