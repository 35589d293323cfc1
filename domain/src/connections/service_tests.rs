use std::fs;

use model::connections::{ConnectionInput, REDACTED};

use super::*;
use crate::store::{CredentialStore, STORE_FILE};

fn input(name: &str) -> ConnectionInput {
    ConnectionInput {
        name: Some(name.into()),
        host: Some("nas.local".into()),
        api_key: Some("7-secretkey".into()),
        ..Default::default()
    }
}

fn open(dir: &std::path::Path, max: usize) -> ConnectionService {
    ConnectionService::open(
        dir,
        Limits {
            max_connections: max,
        },
    )
    .unwrap()
}

#[tokio::test]
async fn changes_survive_a_restart_and_never_show_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    let mut changes = svc.subscribe();
    let a = svc.create(&input("a")).await.unwrap();
    let b = svc.create(&input("b")).await.unwrap();
    assert_eq!(a.api_key, REDACTED);
    assert!(changes.has_changed().unwrap());
    changes.borrow_and_update();
    svc.update(
        &a.id,
        &ConnectionInput {
            enabled: Some(false),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    svc.delete(&b.id).await.unwrap();
    assert_eq!(*changes.borrow_and_update(), 4);
    let raw = fs::read(dir.path().join(STORE_FILE)).unwrap();
    assert!(
        !raw.windows(11).any(|w| w == b"7-secretkey"),
        "key in clear on disk"
    );

    let again = open(dir.path(), 10);
    let list = again.list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "a");
    assert!(!list[0].enabled);
    assert_eq!(
        again.get_stored(&a.id).unwrap().api_key.expose(),
        "7-secretkey"
    );
    assert!(!format!("{list:?}").contains("7-secretkey"));
}

#[tokio::test]
async fn unknown_ids_and_the_limit_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 1);
    assert!(matches!(
        svc.delete("nope").await,
        Err(ConnectionError::NotFound(_))
    ));
    assert!(matches!(
        svc.update("nope", &input("x")).await,
        Err(ConnectionError::NotFound(_))
    ));
    svc.create(&input("a")).await.unwrap();
    let err = svc.create(&input("b")).await.unwrap_err();
    assert!(matches!(err, ConnectionError::LimitReached(1)));
    assert!(err.to_string().contains("POOLWATCH_MAX_CONNECTIONS"));
}

#[tokio::test]
async fn a_refused_write_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let svc = open(dir.path(), 10);
    svc.create(&input("a")).await.unwrap();
    fs::remove_file(dir.path().join(crate::store::KEY_FILE)).unwrap();
    let err = svc.create(&input("b")).await.unwrap_err();
    assert!(
        matches!(err, ConnectionError::Store(StoreError::KeyChanged { .. })),
        "{err}"
    );
    assert_eq!(svc.list().len(), 1, "a refused write must not show up");
}

#[tokio::test]
async fn content_that_does_not_parse_is_kept_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (store, _) = CredentialStore::open(dir.path()).unwrap();
        store.save(b"not json").unwrap();
    }
    let before = fs::read(dir.path().join(STORE_FILE)).unwrap();
    let svc = open(dir.path(), 10);
    assert!(svc.list().is_empty());
    assert!(svc.store_problem().unwrap().contains("not valid"));
    assert!(svc.create(&input("a")).await.is_err());
    assert_eq!(fs::read(dir.path().join(STORE_FILE)).unwrap(), before);
}

#[tokio::test]
async fn concurrent_writers_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let svc = std::sync::Arc::new(open(dir.path(), 100));
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let svc = svc.clone();
            tokio::spawn(async move { svc.create(&input(&format!("n{i}"))).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(open(dir.path(), 100).list().len(), 20);
}
