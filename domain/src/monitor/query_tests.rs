#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::time::Duration;

use truenas_sim::Scenario;

use super::*;
use crate::connections::StoredConnection;
use crate::health::{evaluate_storage, fixtures};
use crate::monitor::Registry;

/// Two NAS (one degraded, one locked) and one never read.
fn registry() -> Registry {
    let registry = Registry::new(Duration::from_secs(120), None);
    for (id, name, scenario) in [
        ("c1", "Lab", Scenario::Degraded),
        ("c2", "Backup Box", Scenario::Locked),
        ("c3", "nowhere", Scenario::Healthy),
    ] {
        registry.track(&StoredConnection::example(id, name));
        if id == "c3" {
            continue;
        }
        let storage = evaluate_storage(
            &fixtures::pools(scenario),
            fixtures::rows(scenario),
            &fixtures::disks(scenario),
            &fixtures::alerts(scenario),
        );
        for _ in 0..2 {
            registry.record_success(
                id,
                Default::default(),
                storage.clone(),
                None,
                Duration::ZERO,
            );
        }
    }
    registry
}

#[test]
fn pages_match_a_plain_filter_over_every_resource() {
    let registry = registry();
    let queries = [
        "",
        "type=pool",
        "type=disk,system&status=warning",
        "status=attention",
        "health=healthy&limit=3&offset=2",
        "q=TANK",
        "q=lab",
        "q=sda&type=disk",
        "q=truenas:c2/dataset:tank/sec",
        "q=%00",
        "connection=Backup Box&type=dataset",
        "connection=c1&q=backup",
        "source=truenas&status=offline",
        "source=proxmox",
    ];
    for raw in queries {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap();
        let query =
            ResourceQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        let every = registry.resources().to_vec();
        let expected: Vec<&Resource> = every.iter().filter(|r| query.matches(r)).collect();
        let page = query.page(registry.resources());
        assert_eq!(page.total, expected.len(), "{raw}");
        let ids: Vec<&str> = page.data.iter().map(|r| r.id.as_str()).collect();
        let want: Vec<&str> = expected
            .iter()
            .skip(query.offset)
            .take(query.limit)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, want, "{raw}");
    }
}
