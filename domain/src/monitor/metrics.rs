//! Prometheus metrics. Poll counters and durations live here for the life
//! of a connection; resource gauges (pool health and size, device errors,
//! scrub errors, dataset usage, disk temperatures, active alerts) are built
//! from the registry at each scrape. Labels stay bounded: one `instance`
//! per NAS (its connection name), and per-NAS names of pools, devices and
//! top-level datasets only.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, UNIX_EPOCH};

use model::resources::{RawCapacity, TopologyGroup, UsableCapacity, VdevNode};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry as Prom;
use tokio::time::Instant;

use super::entry::NasEntry;

const TRUENAS: &str = "truenas";
const ERROR_TYPES: [&str; 7] = [
    "auth",
    "timeout",
    "connection",
    "tls",
    "api",
    "malformed",
    "invalid_config",
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Nas {
    instance_type: String,
    instance: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PollResult {
    instance_type: String,
    instance: String,
    result: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PollErrorType {
    instance_type: String,
    instance: String,
    error_type: String,
}

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

fn nas(instance: &str) -> Nas {
    Nas {
        instance_type: TRUENAS.to_owned(),
        instance: instance.to_owned(),
    }
}

fn duration_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.01, 2.0, 14))
}

type GaugeF = Gauge<f64, AtomicU64>;

#[derive(Debug)]
pub struct PollMetrics {
    duration: Family<Nas, Histogram, fn() -> Histogram>,
    total: Family<PollResult, Counter>,
    errors: Family<PollErrorType, Counter>,
}

impl Default for PollMetrics {
    fn default() -> Self {
        Self {
            duration: Family::new_with_constructor(duration_histogram),
            total: Family::default(),
            errors: Family::default(),
        }
    }
}

impl PollMetrics {
    /// One finished poll; `error` is its class when it failed.
    pub fn record(&self, instance: &str, took: Duration, error: Option<&str>) {
        self.duration
            .get_or_create(&nas(instance))
            .observe(took.as_secs_f64());
        let result = if error.is_some() {
            "failure"
        } else {
            "success"
        };
        let labels = PollResult {
            instance_type: TRUENAS.to_owned(),
            instance: instance.to_owned(),
            result: result.to_owned(),
        };
        self.total.get_or_create(&labels).inc();
        if let Some(error_type) = error {
            let labels = PollErrorType {
                instance_type: TRUENAS.to_owned(),
                instance: instance.to_owned(),
                error_type: error_type.to_owned(),
            };
            self.errors.get_or_create(&labels).inc();
        }
    }

    /// Drops a connection's series when it is no longer monitored.
    pub fn forget(&self, instance: &str) {
        self.duration.remove(&nas(instance));
        for result in ["success", "failure"] {
            self.total.remove(&PollResult {
                instance_type: TRUENAS.to_owned(),
                instance: instance.to_owned(),
                result: result.to_owned(),
            });
        }
        for error_type in ERROR_TYPES {
            self.errors.remove(&PollErrorType {
                instance_type: TRUENAS.to_owned(),
                instance: instance.to_owned(),
                error_type: error_type.to_owned(),
            });
        }
    }

    /// The text exposition of every metric, for `GET /metrics`.
    pub fn render(&self, entries: &HashMap<String, NasEntry>, now: Instant) -> String {
        let mut prom = Prom::default();
        prom.register(
            "poolwatch_monitor_poll_duration_seconds",
            "Time one poll of one NAS took",
            self.duration.clone(),
        );
        prom.register(
            "poolwatch_monitor_poll",
            "Polls of a NAS by result",
            self.total.clone(),
        );
        prom.register(
            "poolwatch_monitor_poll_errors",
            "Failed polls of a NAS by error class",
            self.errors.clone(),
        );
        let gauges = Gauges::default();
        for e in entries.values() {
            gauges.add(e, now);
        }
        gauges.register(&mut prom);
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &prom).is_err() {
            tracing::error!("encoding the metrics failed");
        }
        prometheus_text(&out)
    }
}

/// prometheus-client writes OpenMetrics, where a counter family `x` has
/// samples `x_total` and the text ends with `# EOF`. Prometheus's own text
/// format (what `promtool check metrics` and older scrapers read) names the
/// family `x_total` in HELP and TYPE and has no EOF marker. Those are the
/// only differences for the metrics we expose (no units, no `_created`).
pub fn prometheus_text(openmetrics: &str) -> String {
    let counters: Vec<&str> = openmetrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE ")?.strip_suffix(" counter"))
        .collect();
    let mut out = String::with_capacity(openmetrics.len());
    for line in openmetrics.lines().filter(|l| *l != "# EOF") {
        let renamed = ["# HELP ", "# TYPE "].iter().find_map(|prefix| {
            let rest = line.strip_prefix(prefix)?;
            let (name, tail) = rest.split_once(' ')?;
            counters
                .contains(&name)
                .then(|| format!("{prefix}{name}_total {tail}"))
        });
        match renamed {
            Some(line) => out.push_str(&line),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_get_their_total_name_and_eof_goes() {
        let om = "# HELP a_polls Polls.\n# TYPE a_polls counter\na_polls_total{x=\"1\"} 3\n# HELP b Gauge.\n# TYPE b gauge\nb 1\n# EOF\n";
        assert_eq!(
            prometheus_text(om),
            "# HELP a_polls_total Polls.\n# TYPE a_polls_total counter\na_polls_total{x=\"1\"} 3\n# HELP b Gauge.\n# TYPE b gauge\nb 1\n"
        );
    }
}

#[derive(Default)]
struct Gauges {
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
    fn add(&self, e: &NasEntry, now: Instant) {
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
            self.pool_status
                .get_or_create(&named(&p.name))
                .set(i64::from(p.status.severity()));
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
        for d in data
            .storage
            .datasets
            .iter()
            .filter(|d| d.name().matches('/').count() <= 1)
        {
            if let Some(used) = d.used() {
                self.dataset_used
                    .get_or_create(&named(d.name()))
                    .set(int(used));
            }
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

    fn register(self, prom: &mut Prom) {
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
            "Space used by a top-level dataset",
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
