//! One poll of one NAS → [`Storage`]: every rule of this module
//! applied in the order the data depends on (pools before the disks that
//! read their topology, alerts once every name is known).

use model::resources::{AlertItem, DiskHealth, PoolHealth};
use truenas::types::{Alert, Disk, Pool};

use super::alerts::{alert_items, attach_to_disk, attach_to_pool};
use super::dataset_row::DatasetRow;
use super::disk::evaluate_disk;
use super::pool::{evaluate_pool, root_dataset};
use super::vdev::leaf_map;

/// One NAS's storage as the registry keeps it between polls. Datasets are
/// [`DatasetRow`]s, the compact form a fleet's half a million of them fit
/// in; pools, disks and alerts are few and kept as the API shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Storage {
    pub pools: Vec<PoolHealth>,
    pub datasets: Vec<DatasetRow>,
    pub disks: Vec<DiskHealth>,
    pub alerts: Vec<AlertItem>,
}

/// The current health of one NAS from one poll's answers. Flap damping is
/// the registry's: it feeds each resource's status to its damper (a
/// dataset row's own, a [`Dampers`](super::Dampers) entry for the rest).
pub fn evaluate_storage(
    pools: &[Pool],
    datasets: Vec<DatasetRow>,
    disks: &[Disk],
    alerts: &[Alert],
) -> Storage {
    let mut pool_health: Vec<_> = pools
        .iter()
        .map(|p| evaluate_pool(p, root_dataset(&p.name, &datasets)))
        .collect();
    let leaves = leaf_map(&pool_health);
    let mut disk_health: Vec<_> = disks.iter().map(|d| evaluate_disk(d, &leaves)).collect();
    let pool_names: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
    let mut disk_names: Vec<&str> = disks.iter().map(|d| d.name.as_str()).collect();
    disk_names.extend(leaves.keys().map(String::as_str));
    disk_names.sort_unstable();
    disk_names.dedup();
    let items = alert_items(alerts, &pool_names, &disk_names);
    for pool in &mut pool_health {
        attach_to_pool(pool, &items);
    }
    for disk in &mut disk_health {
        attach_to_disk(disk, &items);
    }
    Storage {
        pools: pool_health,
        datasets,
        disks: disk_health,
        alerts: items,
    }
}

#[cfg(test)]
mod tests {
    use model::resources::{ReasonCode, Status, SubjectKind};
    use truenas_sim::Scenario;

    use super::super::fixtures;
    use super::*;

    #[test]
    fn degraded_nas_end_to_end() {
        let health = fixtures::storage(Scenario::Degraded);
        assert_eq!(
            health
                .pools
                .iter()
                .map(|p| (p.name.as_str(), p.status))
                .collect::<Vec<_>>(),
            [("tank", Status::Warning), ("backup", Status::Online)]
        );
        assert!(
            health.pools[0]
                .reasons
                .iter()
                .any(|r| r.code == ReasonCode::TruenasAlert)
        );
        let sdc = health.disks.iter().find(|d| d.name == "sdc").unwrap();
        assert_eq!(sdc.status, Status::Critical);
        assert!(health.datasets.iter().all(|d| d.status() == Status::Online));
        assert!(health.alerts.iter().all(|a| {
            a.subject
                .as_ref()
                .is_some_and(|s| s.kind == SubjectKind::Pool)
        }));
    }

    #[test]
    fn locked_nas_flags_only_the_locked_dataset() {
        let health = fixtures::storage(Scenario::Locked);
        let flagged: Vec<_> = health
            .datasets
            .iter()
            .filter(|d| d.status() != Status::Online)
            .map(DatasetRow::name)
            .collect();
        assert_eq!(flagged, ["tank/secure"]);
        assert!(health.pools.iter().all(|p| p.status == Status::Online));
        let secure = health
            .datasets
            .iter()
            .find(|d| d.name() == "tank/secure")
            .unwrap()
            .health();
        let secure = serde_json::to_value(&secure).unwrap();
        assert_eq!(secure["locked"], true);
        assert_eq!(secure["reasons"][0]["code"], "datasetLocked");
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert_eq!(
            evaluate_storage(&[], Vec::new(), &[], &[]),
            Storage::default()
        );
    }
}
