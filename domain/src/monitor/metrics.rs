//! Prometheus metrics. Poll counters and durations live here for the life
//! of a connection; the resource gauges (`gauges.rs`) are built from the
//! registry at each scrape. Labels stay bounded: one `instance` per NAS
//! (its connection name) and, for the gauges, per-NAS names.

use std::collections::HashMap;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry as Prom;
use tokio::time::Instant;

use super::entry::NasEntry;
use super::gauges::Gauges;

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
pub(super) struct Nas {
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

pub(super) fn nas(instance: &str) -> Nas {
    Nas {
        instance_type: TRUENAS.to_owned(),
        instance: instance.to_owned(),
    }
}

fn duration_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.01, 2.0, 14))
}

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
