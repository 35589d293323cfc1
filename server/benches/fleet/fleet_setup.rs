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

/// Each task waits this long after a poll. The poller also caps each call
/// at the interval (`min(30 s, interval)`), so it must stay well above a
/// poll's duration under load; a round of 1,000 polls spreads over a few
/// seconds, then the fleet is idle until the next round.
pub const POLL_EVERY: Duration = Duration::from_secs(10);
/// How often the bench reads every connection's poll status.
const WATCH_EVERY: Duration = Duration::from_millis(100);

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

/// One round of polls: each NAS's n-th successful poll.
pub struct Cycle {
    /// First attempt of the round to its last success.
    pub wall: Duration,
    /// This process's CPU seconds over the same span, less the bench's own
    /// watcher (`watcher_cpu`).
    pub cpu: f64,
    /// CPU seconds of the thread that watches the registry to cut rounds:
    /// the measuring instrument, not poolwatch's work.
    pub watcher_cpu: f64,
    /// The simulators' CPU seconds over the same span.
    pub child_cpu: f64,
}

fn parse(at: Option<&str>) -> Option<SystemTime> {
    OffsetDateTime::parse(at?, &Rfc3339)
        .ok()
        .map(SystemTime::from)
}

/// What the bench saw of one connection: its attempts, each with the time
/// it succeeded, if it did.
#[derive(Default)]
struct Seen {
    attempt: Option<String>,
    success: Option<String>,
    rounds: Vec<(SystemTime, Option<SystemTime>)>,
    failures: usize,
}

impl Seen {
    fn successes(&self) -> usize {
        self.rounds.iter().filter(|(_, s)| s.is_some()).count()
    }
}

/// Watches the registry while the poller runs and cuts `count` rounds: a
/// round starts with the first attempt of any NAS's n-th successful poll
/// and ends when every NAS has had its n-th success. The poller runs on its
/// own; the bench only reads `Registry::status_of`.
pub async fn rounds(services: &Services, ticks: f64, child: &str, count: usize) -> Vec<Cycle> {
    let connections: Vec<StoredConnection> = services.connections().stored().to_vec();
    let mut seen: Vec<Seen> = connections.iter().map(|_| Seen::default()).collect();
    let mut cycles = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(240);
    // `rounds` runs on the thread that called `block_on` (the pollers run
    // on the runtime's workers), so this thread's CPU is the watcher's.
    let watcher = || cpu_seconds("thread-self", ticks);
    let mut open: Option<(f64, f64, f64)> = None;
    while cycles.len() < count {
        assert!(
            Instant::now() < deadline,
            "round {} did not finish within 4 minutes",
            cycles.len() + 1
        );
        let round = cycles.len() + 1;
        for (c, s) in connections.iter().zip(&mut seen) {
            observe(services, c, s);
        }
        if open.is_none() && seen.iter().any(|s| s.rounds.len() >= round) {
            open = Some((
                cpu_seconds("self", ticks),
                cpu_seconds(child, ticks),
                watcher(),
            ));
        }
        if let Some((cpu, child_cpu, watcher_cpu)) = open
            && seen.iter().all(|s| s.successes() >= round)
        {
            let watcher_cpu = watcher() - watcher_cpu;
            cycles.push(Cycle {
                wall: span(&seen, round - 1),
                cpu: cpu_seconds("self", ticks) - cpu - watcher_cpu,
                watcher_cpu,
                child_cpu: cpu_seconds(child, ticks) - child_cpu,
            });
            open = None;
        }
        tokio::time::sleep(WATCH_EVERY).await;
    }
    let failures: usize = seen.iter().map(|s| s.failures).sum();
    if failures > 0 {
        println!("warning: {failures} failed polls while measuring");
    }
    cycles
}

/// From the first start to the last end of everyone's `n`-th successful
/// poll, by the registry's own timestamps.
fn span(seen: &[Seen], n: usize) -> Duration {
    let nth = |s: &Seen| {
        s.rounds
            .iter()
            .filter(|(_, ok)| ok.is_some())
            .nth(n)
            .copied()
    };
    let rounds: Vec<(SystemTime, Option<SystemTime>)> = seen.iter().filter_map(nth).collect();
    let first = rounds.iter().map(|(a, _)| *a).min();
    let last = rounds.iter().filter_map(|(_, s)| *s).max();
    match (first, last) {
        (Some(first), Some(last)) => last.duration_since(first).unwrap_or_default(),
        _ => Duration::ZERO,
    }
}

fn observe(services: &Services, c: &StoredConnection, s: &mut Seen) {
    let (Some(poll), _) = services.registry().status_of(c) else {
        return;
    };
    if poll.last_attempt_at != s.attempt {
        if s.rounds.last().is_some_and(|(_, ok)| ok.is_none()) {
            s.failures += 1;
            s.rounds.pop();
        }
        if let Some(at) = parse(poll.last_attempt_at.as_deref()) {
            s.rounds.push((at, None));
        }
        s.attempt = poll.last_attempt_at.clone();
    }
    if poll.last_success_at != s.success {
        s.success = poll.last_success_at;
        let at = parse(s.success.as_deref());
        if let (Some(at), Some(last)) = (at, s.rounds.last_mut())
            && at >= last.0
        {
            last.1 = Some(at);
        }
    }
}
