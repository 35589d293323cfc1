//! The resource gauges of `/metrics`, built from the registry at each
//! scrape: pool health and sizes, device and scrub errors, dataset usage,
//! disk temperatures and active alerts. Labels stay bounded: one
//! `instance` per NAS (its connection name), and per NAS the names of its
//! pools and devices, its disks, and at most [`DATASETS_PER_NAS`] datasets.

use std::sync::atomic::AtomicU64;
use std::time::UNIX_EPOCH;

use model::monitor::ResourceType;
use model::resources::{RawCapacity, TopologyGroup, UsableCapacity, VdevNode};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry as Prom;
use tokio::time::Instant;

use super::entry::NasEntry;
use super::metrics::{Nas, nas};

/// Datasets with a `poolwatch_dataset_used_bytes` series, per NAS: the
/// largest top-level ones (pools' root datasets and their children). A NAS
/// can have thousands of datasets; one series each would swamp Prometheus,
/// and the whole list is in `GET /api/v2/resources`.
pub const DATASETS_PER_NAS: usize = 50;

type GaugeF = Gauge<f64, AtomicU64>;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Named {
    instance: String,
    name: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DeviceErrors {
    instance: String,
    pool: String,
    device: String,
    kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AlertLevel {
    instance: String,
    level: String,
}

#[derive(Default)]
pub(super) struct Gauges {
    last_success: Family<Nas, GaugeF>,
    staleness: Family<Nas, GaugeF>,
    pool_status: Family<Named, Gauge>,
    pool_usable_size: Family<Named, Gauge>,
    pool_usable_used: Family<Named, Gauge>,
    pool_raw_size: Family<Named, Gauge>,
    pool_raw_allocated: Family<Named, Gauge>,
    scrub_errors: Family<Named, Gauge>,
    device_errors: Family<DeviceErrors, Gauge>,
    dataset_used: Family<Named, Gauge>,
    disk_temperature: Family<Named, GaugeF>,
    alerts: Family<AlertLevel, Gauge>,
}

fn int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl Gauges {
    pub(super) fn add(&self, e: &NasEntry, now: Instant) {
        let instance = e.connection.name.as_str();
        let named = |name: &str| Named {
            instance: instance.to_owned(),
            name: name.to_owned(),
        };
        if let Some(at) = e
            .last_success
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        {
            self.last_success
                .get_or_create(&nas(instance))
                .set(at.as_secs_f64());
        }
        if let Some(fresh) = e.fresh_at {
            self.staleness
                .get_or_create(&nas(instance))
                .set(now.saturating_duration_since(fresh).as_secs_f64());
        }
        let Some(data) = &e.data else { return };
        for p in &data.storage.pools {
            // Damped, as the API shows it: one bad poll does not flap it.
            let status = e.dampers.shown_or(ResourceType::Pool, &p.name, p.status);
            self.pool_status
                .get_or_create(&named(&p.name))
                .set(i64::from(status.severity()));
            if let UsableCapacity::Known { used, total } = p.capacity.usable {
                self.pool_usable_size
                    .get_or_create(&named(&p.name))
                    .set(int(total));
                self.pool_usable_used
                    .get_or_create(&named(&p.name))
                    .set(int(used));
            }
            if let RawCapacity::Known {
                size, allocated, ..
            } = p.capacity.raw
            {
                self.pool_raw_size
                    .get_or_create(&named(&p.name))
                    .set(int(size));
                self.pool_raw_allocated
                    .get_or_create(&named(&p.name))
                    .set(int(allocated));
            }
            if let Some(errors) = p.scan.as_ref().and_then(|s| s.errors) {
                self.scrub_errors
                    .get_or_create(&named(&p.name))
                    .set(int(errors));
            }
            self.add_devices(instance, &p.name, &p.topology);
        }
        let mut top: Vec<(u64, &str)> = data
            .storage
            .datasets
            .iter()
            .filter(|d| d.name().matches('/').count() <= 1)
            .filter_map(|d| Some((d.used()?, d.name())))
            .collect();
        if top.len() > DATASETS_PER_NAS {
            top.select_nth_unstable_by(DATASETS_PER_NAS, |a, b| b.cmp(a));
            top.truncate(DATASETS_PER_NAS);
        }
        for (used, name) in top {
            self.dataset_used.get_or_create(&named(name)).set(int(used));
        }
        for d in &data.storage.disks {
            if let Some(t) = d.temperature {
                self.disk_temperature.get_or_create(&named(&d.name)).set(t);
            }
        }
        for a in data.storage.alerts.iter().filter(|a| !a.dismissed) {
            let level = a.level.clone().unwrap_or_else(|| "UNKNOWN".to_owned());
            self.alerts
                .get_or_create(&AlertLevel {
                    instance: instance.to_owned(),
                    level,
                })
                .inc();
        }
    }

    fn add_devices(&self, instance: &str, pool: &str, groups: &[TopologyGroup]) {
        fn walk(g: &Gauges, instance: &str, pool: &str, node: &VdevNode) {
            if node.children.is_empty() {
                let device = node
                    .disk
                    .clone()
                    .or_else(|| node.name.clone())
                    .unwrap_or_default();
                for (kind, count) in [
                    ("read", node.read_errors),
                    ("write", node.write_errors),
                    ("checksum", node.checksum_errors),
                ] {
                    if let Some(count) = count {
                        let labels = DeviceErrors {
                            instance: instance.to_owned(),
                            pool: pool.to_owned(),
                            device: device.clone(),
                            kind: kind.to_owned(),
                        };
                        g.device_errors.get_or_create(&labels).set(int(count));
                    }
                }
            }
            for child in &node.children {
                walk(g, instance, pool, child);
            }
        }
        for group in groups {
            for vdev in &group.vdevs {
                walk(self, instance, pool, vdev);
            }
        }
    }

    pub(super) fn register(self, prom: &mut Prom) {
        prom.register(
            "poolwatch_monitor_poll_last_success_timestamp_seconds",
            "Unix time of the last successful poll",
            self.last_success,
        );
        prom.register(
            "poolwatch_monitor_poll_staleness_seconds",
            "Seconds since the last successful poll",
            self.staleness,
        );
        prom.register(
            "poolwatch_pool_status",
            "Pool health: 0 online, 1 unknown, 2 warning, 3 offline, 4 critical",
            self.pool_status,
        );
        prom.register(
            "poolwatch_pool_usable_size_bytes",
            "Usable pool size (root dataset used + available)",
            self.pool_usable_size,
        );
        prom.register(
            "poolwatch_pool_usable_used_bytes",
            "Usable space used (root dataset used)",
            self.pool_usable_used,
        );
        prom.register(
            "poolwatch_pool_raw_size_bytes",
            "Raw pool size, parity included",
            self.pool_raw_size,
        );
        prom.register(
            "poolwatch_pool_raw_allocated_bytes",
            "Raw space allocated, parity included",
            self.pool_raw_allocated,
        );
        prom.register(
            "poolwatch_pool_scan_errors",
            "Errors found by the last scrub or resilver",
            self.scrub_errors,
        );
        prom.register(
            "poolwatch_device_errors",
            "Read, write and checksum errors of a pool device",
            self.device_errors,
        );
        prom.register(
            "poolwatch_dataset_used_bytes",
            "Space used by a top-level dataset (the 50 largest per NAS)",
            self.dataset_used,
        );
        prom.register(
            "poolwatch_disk_temperature_celsius",
            "Disk temperature, where TrueNAS reports one",
            self.disk_temperature,
        );
        prom.register(
            "poolwatch_alerts_active",
            "TrueNAS alerts not dismissed, by level",
            self.alerts,
        );
    }
}

#[cfg(test)]
#[path = "gauges_tests.rs"]
mod tests;
