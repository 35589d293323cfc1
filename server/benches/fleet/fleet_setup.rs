//! poolwatch's side of the fleet: the real `domain::Services` (credential
//! store, connection service, registry, poller) in a temporary data dir,
//! one connection per simulated NAS, and the measurement of poll cycles.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use domain::connections::StoredConnection;
use domain::{DataDir, Services, ServicesConfig};
use model::connections::{ConnectionInput, TlsMode};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::proc_stats::cpu_seconds;
use crate::sims::SimNas;

/// Each task waits this long after a poll; with a full round taking longer,
/// every NAS is always queued on the in-flight bound, i.e. the poller runs
/// flat out and a cycle measures its throughput.
pub const POLL_EVERY: Duration = Duration::from_millis(250);
/// How often the bench looks at the registry while a cycle runs.
const WATCH_EVERY: Duration = Duration::from_millis(20);

pub fn services(dir: &std::path::Path, connections: usize) -> Arc<Services> {
    let config = ServicesConfig {
        version: "bench".into(),
        demo: false,
        truenas_enabled: true,
        max_connections: connections.max(1),
        stale_after: domain::monitor::DEFAULT_STALE_AFTER,
        poll_every: Some(POLL_EVERY),
    };
    let data_dir = DataDir::prepare(dir).expect("data dir");
    Arc::new(Services::open(config, data_dir).expect("services open"))
}

/// One connection per NAS, through the connection service (validated and
/// stored encrypted, like the API does it).
pub async fn add_connections(services: &Services, nas: &[SimNas], key: &str) {
    for sim in nas {
        let tls = sim.fingerprint.is_some();
        let input = ConnectionInput {
            name: Some(sim.hostname.clone()),
            host: Some("127.0.0.1".into()),
            port: Some(u32::from(sim.port)),
            api_key: Some(key.to_owned()),
            tls_mode: Some(if tls { TlsMode::Pin } else { TlsMode::Verify }),
            fingerprint: sim.fingerprint.clone(),
            use_https: Some(tls),
            allow_insecure_transport: Some(!tls),
            enabled: Some(true),
            poll_interval_seconds: Some(60),
            ..ConnectionInput::default()
        };
        services
            .connections()
            .create(&input)
            .await
            .expect("connection accepted");
    }
}

/// One measured cycle: wall time and this process's CPU seconds.
pub struct Cycle {
    pub wall: Duration,
    pub cpu: f64,
    pub child_cpu: f64,
}

fn parse(at: Option<&str>) -> Option<SystemTime> {
    OffsetDateTime::parse(at?, &Rfc3339)
        .ok()
        .map(SystemTime::from)
}

/// Whether `c` has finished a poll that started at or after `since`.
fn polled_since(services: &Services, c: &StoredConnection, since: SystemTime) -> bool {
    let (Some(poll), _) = services.registry().status_of(c) else {
        return false;
    };
    let attempt = parse(poll.last_attempt_at.as_deref());
    let success = parse(poll.last_success_at.as_deref());
    matches!((attempt, success), (Some(a), Some(s)) if a >= since && s >= a)
}

/// Waits until every connection has been polled since `since` (the
/// registry then holds every NAS's fresh data), or `timeout` passes.
pub async fn cycle(services: &Services, ticks: f64, child: &str, timeout: Duration) -> Cycle {
    let since = SystemTime::now();
    let started = Instant::now();
    let (cpu0, child0) = (cpu_seconds("self", ticks), cpu_seconds(child, ticks));
    let mut pending: Vec<StoredConnection> = services.connections().stored().to_vec();
    while !pending.is_empty() {
        assert!(
            started.elapsed() < timeout,
            "{} NAS not polled within {timeout:?}; first: {:?}",
            pending.len(),
            services.registry().status_of(&pending[0]).0
        );
        tokio::time::sleep(WATCH_EVERY).await;
        pending.retain(|c| !polled_since(services, c, since));
    }
    Cycle {
        wall: started.elapsed(),
        cpu: cpu_seconds("self", ticks) - cpu0,
        child_cpu: cpu_seconds(child, ticks) - child0,
    }
}
