use model::resources::{ReasonCode, VdevRole};
use proptest::prelude::*;
use serde_json::json;
use truenas::types::Dataset;
use truenas_sim::Scenario;

use super::super::{arbitrary, fixtures};
use super::*;

fn evaluate(scenario: Scenario, name: &str) -> PoolHealth {
    let pools = fixtures::pools(scenario);
    let datasets = fixtures::rows(scenario);
    let pool = pools.iter().find(|p| p.name == name).unwrap();
    evaluate_pool(pool, root_dataset(name, &datasets))
}

fn codes(health: &PoolHealth) -> Vec<ReasonCode> {
    health.reasons.iter().map(|r| r.code).collect()
}

#[test]
fn healthy_pool_is_online_with_both_capacities() {
    let tank = evaluate(Scenario::Healthy, "tank");
    assert_eq!(tank.status, Status::Online, "{:?}", tank.reasons);
    assert!(tank.reasons.is_empty());
    assert_eq!(tank.fragmentation, Some(7));
    assert_eq!(tank.layout[0].summary, "raidz1 ×1 (4 disks)");
    assert_eq!(tank.topology[0].role, VdevRole::Data);
    let datasets = fixtures::rows(Scenario::Healthy);
    let root = root_dataset("tank", &datasets).unwrap();
    let used = root.used().unwrap();
    let available = root.available().unwrap();
    assert_eq!(
        tank.capacity.usable,
        UsableCapacity::Known {
            used,
            total: used + available
        }
    );
    let pool = &fixtures::pools(Scenario::Healthy)[0];
    assert_eq!(
        tank.capacity.raw,
        RawCapacity::Known {
            size: pool.size.unwrap(),
            allocated: pool.allocated.unwrap(),
            free: pool.free,
        }
    );
    let scan = tank.scan.unwrap();
    assert_eq!(scan.errors, Some(0));
    assert!(scan.ended_at.unwrap().ends_with('Z'));
}

#[test]
fn degraded_pool_warns_naming_the_disk_and_the_scrub_errors() {
    let tank = evaluate(Scenario::Degraded, "tank");
    assert_eq!(tank.status, Status::Warning);
    assert_eq!(
        codes(&tank),
        [
            ReasonCode::PoolState,
            ReasonCode::ScanErrors,
            ReasonCode::DeviceState,
            ReasonCode::DeviceErrors
        ]
    );
    assert!(
        tank.reasons[0]
            .message
            .starts_with("pool tank is DEGRADED: ")
    );
    assert_eq!(
        tank.reasons[1].message,
        "last scrub of pool tank found 12 errors"
    );
    assert_eq!(tank.reasons[3].subject.as_deref(), Some("sdc"));
    assert_eq!(tank.scan.unwrap().errors, Some(12));
}

#[test]
fn resilvering_pool_is_a_warning_despite_healthy_true() {
    let pools = fixtures::pools(Scenario::Resilvering);
    assert_eq!(pools[0].healthy, Some(true));
    let tank = evaluate(Scenario::Resilvering, "tank");
    assert_eq!(tank.status, Status::Warning);
    let resilver = tank
        .reasons
        .iter()
        .find(|r| r.code == ReasonCode::Resilvering)
        .unwrap();
    assert_eq!(
        resilver.message,
        "pool tank is resilvering, 42.7 % done, about 1 h 3 min left"
    );
    let scan = tank.scan.unwrap();
    assert_eq!(scan.function.as_deref(), Some("RESILVER"));
    assert_eq!(scan.percentage, Some(42.7));
    assert_eq!(scan.ended_at, None);
    assert_eq!(scan.seconds_left, Some(3_812));
}

#[test]
fn faulted_pool_is_critical_and_the_other_pool_stays_online() {
    let tank = evaluate(Scenario::Faulted, "tank");
    assert_eq!(tank.status, Status::Critical);
    assert_eq!(tank.reasons[0].status, Status::Critical);
    let named: Vec<_> = tank
        .reasons
        .iter()
        .filter(|r| r.code == ReasonCode::DeviceState)
        .filter_map(|r| r.subject.as_deref())
        .collect();
    assert_eq!(named, ["sdb", "sdc"]);
    assert_eq!(evaluate(Scenario::Faulted, "backup").status, Status::Online);
}

#[test]
fn offline_pool_with_null_sizes_is_critical_with_unknown_capacity() {
    let pool: Pool = serde_json::from_value(json!({
        "id": 3, "name": "archive", "guid": "1234", "status": "OFFLINE", "path": "/mnt/archive",
        "scan": null, "topology": null, "healthy": false, "warning": false,
        "status_code": null, "status_detail": null,
        "size": null, "allocated": null, "free": null, "freeing": null, "fragmentation": null
    }))
    .unwrap();
    let health = evaluate_pool(&pool, None);
    assert_eq!(health.status, Status::Critical);
    assert_eq!(
        health.reasons[0].message,
        "pool archive is OFFLINE (not imported)"
    );
    assert_eq!(health.capacity.usable, UsableCapacity::Unknown);
    assert_eq!(health.capacity.raw, RawCapacity::Unknown);
    assert_eq!(health.fragmentation, None);
    assert!(health.layout.is_empty() && health.scan.is_none());
}

#[test]
fn every_pool_state_maps_to_its_status() {
    let states = [
        ("ONLINE", Status::Online),
        ("DEGRADED", Status::Warning),
        ("FAULTED", Status::Critical),
        ("OFFLINE", Status::Critical),
        ("REMOVED", Status::Critical),
        ("UNAVAIL", Status::Critical),
        ("SUSPENDED", Status::Critical),
        ("degraded", Status::Warning),
        ("SOMETHING_NEW", Status::Unknown),
    ];
    for (state, expected) in states {
        let pool: Pool = serde_json::from_value(json!({
            "name": "tank", "status": state, "healthy": true, "status_code": "OK"
        }))
        .unwrap();
        let health = evaluate_pool(&pool, None);
        assert_eq!(health.status, expected, "{state}");
        assert_eq!(
            health.reasons.is_empty(),
            expected == Status::Online,
            "{state}"
        );
    }
}

#[test]
fn online_state_with_a_bad_status_code_warns() {
    let pool: Pool = serde_json::from_value(json!({
        "name": "tank", "status": "ONLINE", "healthy": false, "status_code": "CORRUPT_DATA",
        "status_detail": "One or more devices has experienced an error resulting in data corruption."
    }))
    .unwrap();
    let health = evaluate_pool(&pool, None);
    assert_eq!(health.status, Status::Warning);
    assert_eq!(codes(&health), [ReasonCode::PoolStatusCode]);
    assert!(health.reasons[0].message.ends_with("(CORRUPT_DATA)"));
}

#[test]
fn feature_upgrade_is_not_a_problem_and_missing_state_is_unknown() {
    let upgradable: Pool = serde_json::from_value(json!({
        "name": "tank", "status": "ONLINE", "healthy": true, "warning": true,
        "status_code": "FEAT_DISABLED"
    }))
    .unwrap();
    assert_eq!(evaluate_pool(&upgradable, None).status, Status::Online);
    let bare = Pool {
        name: "tank".into(),
        ..Pool::default()
    };
    let health = evaluate_pool(&bare, None);
    assert_eq!(health.status, Status::Unknown);
    assert_eq!(codes(&health), [ReasonCode::MissingData]);
}

#[test]
fn a_running_or_paused_clean_scrub_needs_no_attention() {
    let pool: Pool = serde_json::from_value(json!({
        "name": "tank", "status": "ONLINE", "status_code": "OK", "healthy": true,
        "scan": {"function": "SCRUB", "state": "SCANNING", "percentage": 12.5,
                 "start_time": {"$date": 1_763_500_000_000_i64}, "end_time": null,
                 "pause": {"$date": 1_763_503_600_000_i64}, "errors": 0, "total_secs_left": 7_200}
    }))
    .unwrap();
    let health = evaluate_pool(&pool, None);
    assert_eq!(health.status, Status::Online);
    assert!(health.reasons.is_empty());
    let scan = health.scan.unwrap();
    assert_eq!(scan.paused_at.as_deref(), Some("2025-11-18T22:06:40Z"));
    assert_eq!(scan.ended_at, None);
    assert_eq!(scan.seconds_left, Some(7_200));
}

#[test]
fn usable_capacity_ignores_another_pools_dataset() {
    let datasets = fixtures::rows(Scenario::Healthy);
    let pool = &fixtures::pools(Scenario::Healthy)[0];
    let wrong = root_dataset("backup", &datasets);
    assert!(wrong.is_some());
    let health = evaluate_pool(pool, wrong);
    assert_eq!(health.capacity.usable, UsableCapacity::Unknown);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn no_panic_on_any_pool_that_deserializes(pool in arbitrary::pool_json(), root in arbitrary::dataset_json()) {
        if let Ok(pool) = serde_json::from_value::<Pool>(pool) {
            let root = serde_json::from_value::<Dataset>(root)
                .ok()
                .map(|d| DatasetRow::new(&d.view()));
            let health = evaluate_pool(&pool, root.as_ref());
            let worst = health.reasons.iter().fold(Status::Online, |a, r| a.worst(r.status));
            prop_assert_eq!(health.status.severity().max(worst.severity()), health.status.severity());
            serde_json::to_string(&health).unwrap();
        }
    }
}
