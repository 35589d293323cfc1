use model::connections::{ConnectionInput, TlsMode};

use super::*;
use crate::connections::Limits;

fn open(dir: &std::path::Path, max: usize) -> ConnectionService {
    ConnectionService::open(
        dir,
        Limits {
            max_connections: max,
        },
    )
    .unwrap()
}

fn spec(name: &str, port: u16, fill: char) -> DemoSpec {
    DemoSpec {
        name: name.to_owned(),
        host: "127.0.0.1".to_owned(),
        port,
        fingerprint: fill.to_string().repeat(64),
        api_key: ApiKey::new("1-demokey".to_owned()),
    }
}

fn specs(port: u16, fill: char) -> Vec<DemoSpec> {
    ["demo-healthy", "demo-degraded", "demo-resilvering"]
        .iter()
        .enumerate()
        .map(|(i, n)| spec(n, port + i as u16, fill))
        .collect()
}

fn outcomes(report: &[(String, DemoOutcome)]) -> Vec<DemoOutcome> {
    report.iter().map(|(_, o)| *o).collect()
}

#[tokio::test]
async fn a_restart_repoints_the_same_connections_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    let first = svc.upsert_demo(&specs(1000, 'a')).await.unwrap();
    assert_eq!(outcomes(&first), vec![DemoOutcome::Created; 3]);
    let ids: Vec<String> = svc.list().into_iter().map(|c| c.id).collect();
    let one = &svc.stored()[0];
    assert!(one.demo && one.enabled);
    assert_eq!(one.tls_mode, TlsMode::Pin);
    assert_eq!(one.poll_interval_seconds, DEMO_POLL_SECONDS);
    assert_eq!(one.fingerprint.as_deref(), Some(&*["aa"; 32].join(":")));

    let again = open(dir.path(), 10);
    let mut changes = again.subscribe();
    let second = again.upsert_demo(&specs(2000, 'b')).await.unwrap();
    assert_eq!(outcomes(&second), vec![DemoOutcome::Updated; 3]);
    assert!(changes.has_changed().unwrap());
    let list = again.list();
    assert_eq!(list.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), ids);
    assert_eq!(list[2].port, 2002);
    assert!(list.iter().all(|c| c.demo));

    changes.borrow_and_update();
    let third = again.upsert_demo(&specs(2000, 'b')).await.unwrap();
    assert_eq!(outcomes(&third), vec![DemoOutcome::Unchanged; 3]);
    assert!(
        !changes.has_changed().unwrap(),
        "no write when nothing changed"
    );
}

#[tokio::test]
async fn user_settings_on_a_demo_connection_survive_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    svc.upsert_demo(&specs(1000, 'a')).await.unwrap();
    let id = svc.list()[0].id.clone();
    let edit = ConnectionInput {
        enabled: Some(false),
        poll_interval_seconds: Some(120),
        ..Default::default()
    };
    let edited = svc.update(&id, &edit).await.unwrap();
    assert!(edited.demo, "an update keeps the demo mark");
    svc.upsert_demo(&specs(3000, 'c')).await.unwrap();
    let after = svc.get_stored(&id).unwrap();
    assert_eq!((after.enabled, after.poll_interval_seconds), (false, 120));
    assert_eq!(after.port, 3000);
}

#[tokio::test]
async fn deleted_or_renamed_demo_connections_stay_gone_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    svc.upsert_demo(&specs(1000, 'a')).await.unwrap();
    let list = svc.list();
    svc.delete(&list[0].id).await.unwrap();
    let rename = ConnectionInput {
        name: Some("my test box".into()),
        ..Default::default()
    };
    svc.update(&list[1].id, &rename).await.unwrap();

    let again = open(dir.path(), 10);
    let report = again.upsert_demo(&specs(2000, 'b')).await.unwrap();
    assert_eq!(
        outcomes(&report),
        vec![
            DemoOutcome::Dismissed,
            DemoOutcome::Dismissed,
            DemoOutcome::Updated
        ]
    );
    let names: Vec<String> = again.list().into_iter().map(|c| c.name).collect();
    assert_eq!(names, vec!["my test box", "demo-resilvering"]);
}

#[tokio::test]
async fn a_user_connection_with_a_demo_name_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    let input = ConnectionInput {
        name: Some("Demo-Degraded".into()),
        host: Some("nas.local".into()),
        api_key: Some("7-userkey".into()),
        ..Default::default()
    };
    let mine = svc.create(&input).await.unwrap();
    assert!(!mine.demo, "the API cannot create demo connections");
    let before = svc.get_stored(&mine.id).unwrap();

    let report = svc.upsert_demo(&specs(1000, 'a')).await.unwrap();
    assert_eq!(report[1], ("demo-degraded".into(), DemoOutcome::NameTaken));
    assert_eq!(svc.get_stored(&mine.id).unwrap(), before);
    assert_eq!(svc.list().len(), 3);
    assert_eq!(svc.list().iter().filter(|c| c.demo).count(), 2);
}

#[tokio::test]
async fn the_connection_limit_applies_to_demo_connections() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 2);
    let report = svc.upsert_demo(&specs(1000, 'a')).await.unwrap();
    assert_eq!(report[2].1, DemoOutcome::LimitReached);
    assert_eq!(svc.list().len(), 2);
}

#[tokio::test]
async fn a_bad_fingerprint_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    let mut bad = specs(1000, 'a');
    bad[2].fingerprint = "not hex".into();
    let err = svc.upsert_demo(&bad).await.unwrap_err();
    assert_eq!(err.code(), "invalid_config");
    assert!(svc.list().is_empty());
}
