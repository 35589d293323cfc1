//! One disk from `disk.query` (facts §6) → [`DiskHealth`]. `disk.query` has
//! no health field and SMART is gone since 25.10 (and absent in a VM), so
//! the disk's state comes from its leaf vdev in the pool topology. A disk no
//! imported pool names (boot disk, unused disk) and a missing temperature
//! are unknown, never failed (facts §9).

use model::resources::{
    DiskHealth, DiskKind, ErrorCounts, Reason, ReasonCode, SmartStatus, Status,
};
use truenas::types::Disk;

use super::vdev::{Leaf, LeafMap, describe_errors, device_status};
use super::{combined, reason};

fn kind(disk: &Disk) -> Option<DiskKind> {
    match disk.disk_type.as_deref()?.to_ascii_uppercase().as_str() {
        "HDD" => Some(DiskKind::Hdd),
        "SSD" => Some(DiskKind::Ssd),
        _ => None,
    }
}

/// Counters over every leaf the disk backs; a counter no leaf reported
/// stays unknown.
fn total_errors(leaves: &[Leaf]) -> ErrorCounts {
    let sum = |pick: fn(&ErrorCounts) -> Option<u64>| {
        leaves
            .iter()
            .filter_map(|l| pick(&l.errors))
            .reduce(u64::saturating_add)
    };
    ErrorCounts {
        read: sum(|e| e.read),
        write: sum(|e| e.write),
        checksum: sum(|e| e.checksum),
    }
}

fn leaf_reasons(name: &str, leaves: &[Leaf]) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for leaf in leaves {
        let state_status = device_status(leaf.state.as_deref());
        if matches!(state_status, Status::Warning | Status::Critical)
            && let Some(state) = leaf.state.as_deref()
        {
            reasons.push(reason(
                ReasonCode::DeviceState,
                state_status,
                format!("{name} is {state} in pool {}", leaf.pool),
                None,
            ));
        }
        if let Some(text) = describe_errors(leaf.errors) {
            reasons.push(reason(
                ReasonCode::DeviceErrors,
                Status::Warning,
                format!("{name} has {text} in pool {}", leaf.pool),
                None,
            ));
        }
    }
    reasons
}

/// Evaluates `disk` against the leaf map of the evaluated pools.
pub fn evaluate_disk(disk: &Disk, leaves: &LeafMap) -> DiskHealth {
    let name = &disk.name;
    let mine: &[Leaf] = leaves.get(name).map(Vec::as_slice).unwrap_or_default();
    let (base, mut reasons) = if mine.is_empty() {
        let message =
            format!("{name} is not in the topology of an imported pool; its health is unknown");
        (
            Status::Unknown,
            vec![reason(
                ReasonCode::MissingData,
                Status::Unknown,
                message,
                None,
            )],
        )
    } else {
        let base = mine
            .iter()
            .fold(Status::Online, |acc, leaf| acc.worst(leaf.status));
        (base, leaf_reasons(name, mine))
    };
    reasons.dedup();
    let vdev_state = mine
        .iter()
        .max_by_key(|leaf| leaf.status.severity())
        .and_then(|leaf| leaf.state.clone());
    DiskHealth {
        name: name.clone(),
        serial: disk.serial.clone(),
        model: disk.model.clone(),
        size: disk.size,
        kind: kind(disk),
        pool: disk
            .pool
            .clone()
            .or_else(|| mine.first().map(|l| l.pool.clone())),
        temperature: disk.temperature.filter(|t| t.is_finite()),
        vdev_state,
        status: combined(base, &reasons),
        errors: total_errors(mine),
        smart: SmartStatus::Unknown,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use truenas_sim::Scenario;

    use super::super::fixtures;
    use super::super::pool::{evaluate_pool, root_dataset};
    use super::super::vdev::leaf_map;
    use super::*;

    fn evaluate_all(scenario: Scenario) -> Vec<DiskHealth> {
        let datasets = fixtures::rows(scenario);
        let pools: Vec<_> = fixtures::pools(scenario)
            .iter()
            .map(|p| evaluate_pool(p, root_dataset(&p.name, &datasets)))
            .collect();
        let map = leaf_map(&pools);
        fixtures::disks(scenario)
            .iter()
            .map(|d| evaluate_disk(d, &map))
            .collect()
    }

    fn find<'a>(disks: &'a [DiskHealth], name: &str) -> &'a DiskHealth {
        disks.iter().find(|d| d.name == name).unwrap()
    }

    #[test]
    fn healthy_disks_are_online_and_the_boot_disk_is_unknown() {
        let disks = evaluate_all(Scenario::Healthy);
        let sda = find(&disks, "sda");
        assert_eq!(sda.status, Status::Online, "{:?}", sda.reasons);
        assert_eq!(sda.vdev_state.as_deref(), Some("ONLINE"));
        assert_eq!(sda.errors.checksum, Some(0));
        assert_eq!(sda.smart, SmartStatus::Unknown);
        assert_eq!(sda.kind, Some(DiskKind::Hdd));
        assert!(sda.temperature.is_some());
        let cache = find(&disks, "sde");
        assert_eq!(cache.status, Status::Online);
        let boot = find(&disks, "nvme0n1");
        assert_eq!(boot.temperature, None, "the simulator reports null for it");
        assert_eq!(boot.status, Status::Unknown);
        assert_eq!(boot.pool.as_deref(), Some("boot-pool"));
        assert_eq!(boot.reasons[0].code, ReasonCode::MissingData);
    }

    #[test]
    fn faulted_disk_is_critical_with_its_counters() {
        let disks = evaluate_all(Scenario::Degraded);
        let sdc = find(&disks, "sdc");
        assert_eq!(sdc.status, Status::Critical);
        assert_eq!(sdc.vdev_state.as_deref(), Some("FAULTED"));
        assert_eq!(
            sdc.errors,
            ErrorCounts {
                read: Some(3),
                write: Some(0),
                checksum: Some(12)
            }
        );
        let messages: Vec<_> = sdc.reasons.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "sdc is FAULTED in pool tank",
                "sdc has 3 read, 12 checksum errors in pool tank"
            ]
        );
        assert_eq!(find(&disks, "sdd").status, Status::Online);
    }

    #[test]
    fn errors_alone_warn_and_a_disk_without_temperature_is_not_failed() {
        let mut map = LeafMap::new();
        map.insert(
            "sdx".into(),
            vec![Leaf {
                pool: "tank".into(),
                role: model::resources::VdevRole::Data,
                state: Some("ONLINE".into()),
                status: Status::Warning,
                errors: ErrorCounts {
                    read: None,
                    write: Some(2),
                    checksum: None,
                },
            }],
        );
        let disk = Disk {
            name: "sdx".into(),
            disk_type: Some("SSD".into()),
            temperature: Some(f64::NAN),
            ..Disk::default()
        };
        let health = evaluate_disk(&disk, &map);
        assert_eq!(health.status, Status::Warning);
        assert_eq!(health.temperature, None);
        assert_eq!(health.pool.as_deref(), Some("tank"));
        assert_eq!(health.errors.read, None);
        assert_eq!(health.reasons.len(), 1);
        assert_eq!(health.reasons[0].code, ReasonCode::DeviceErrors);
    }
}
