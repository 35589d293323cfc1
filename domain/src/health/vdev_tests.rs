use super::super::fixtures;
use super::*;

fn tank(scenario: truenas_sim::Scenario) -> Topology {
    let pools = fixtures::pools(scenario);
    pools[0].topology.clone().unwrap()
}

#[test]
fn healthy_raidz_has_no_reasons_and_a_summary() {
    let groups = topology_groups(&tank(truenas_sim::Scenario::Healthy));
    assert!(device_reasons("tank", &groups).is_empty());
    let lines: Vec<_> = layout(&groups).into_iter().map(|l| l.summary).collect();
    assert_eq!(lines, ["raidz1 ×1 (4 disks)", "cache: disk ×1 (1 disk)"]);
}

#[test]
fn faulted_disk_is_named_once_with_its_errors() {
    let groups = topology_groups(&tank(truenas_sim::Scenario::Degraded));
    let reasons = device_reasons("tank", &groups);
    let messages: Vec<_> = reasons.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "sdc in pool tank is FAULTED",
            "sdc in pool tank has 3 read, 12 checksum errors"
        ]
    );
    assert!(reasons.iter().all(|r| r.subject.as_deref() == Some("sdc")));
    assert!(reasons.iter().all(|r| r.status == Status::Warning));
    assert_eq!(groups[0].vdevs[0].status, Status::Warning);
    assert_eq!(groups[0].vdevs[0].children[2].status, Status::Critical);
}

#[test]
fn replacing_pair_fills_one_slot_and_the_removed_disk_is_named() {
    let groups = topology_groups(&tank(truenas_sim::Scenario::Resilvering));
    assert_eq!(layout(&groups)[0].summary, "raidz1 ×1 (4 disks)");
    let reasons = device_reasons("tank", &groups);
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert_eq!(reasons[0].message, "sdc in pool tank is REMOVED");
}

#[test]
fn unexplained_interior_state_is_reported_on_the_vdev() {
    let topology: Topology = serde_json::from_value(serde_json::json!({
        "data": [{"name": "mirror-0", "type": "MIRROR", "status": "DEGRADED",
                  "children": [{"name": "p1", "type": "DISK", "status": "ONLINE", "disk": "sda"}]}],
        "spare": [{"name": "p9", "type": "DISK", "status": "AVAIL", "disk": "sdz"}]
    }))
    .unwrap();
    let groups = topology_groups(&topology);
    let reasons = device_reasons("p", &groups);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].subject.as_deref(), Some("mirror-0"));
    let map = leaf_map(&[fixtures::pool_health("p", groups)]);
    assert_eq!(map["sdz"][0].role, VdevRole::Spare);
    assert_eq!(map["sdz"][0].status, Status::Online);
}

#[test]
fn missing_stats_are_unknown_counts_not_zero() {
    let topology: Topology = serde_json::from_value(serde_json::json!({
        "data": [{"type": "DISK", "disk": "sda"}]
    }))
    .unwrap();
    let groups = topology_groups(&topology);
    let leaf = &groups[0].vdevs[0];
    assert_eq!(leaf.status, Status::Unknown);
    assert_eq!(leaf.read_errors, None);
    assert!(device_reasons("p", &groups).is_empty());
    assert_eq!(layout(&groups)[0].summary, "disk ×1 (1 disk)");
}
