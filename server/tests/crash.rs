//! A real poolwatch process is killed with SIGKILL in the middle of a storm
//! of concurrent adds, edits and deletes. The credential file it leaves must
//! decrypt, and hold every change that was acknowledged before the kill.
//!
//! Each worker owns one connection name and changes it sequentially, so its
//! expected final state is either the result of its last acknowledged
//! change, or of the one change that was in flight when the process died.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod process;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use domain::connections::{ConnectionService, Limits};
use process::{request, signal, start};

const WORKERS: usize = 8;
const URL: &str = "/api/truenas/connections";

/// What a worker's connection looks like: absent, or present with this poll interval.
type State = Option<u32>;

struct Outcome {
    acked: usize,
    last_acked: State,
    in_flight: Option<State>,
}

fn worker(addr: &str, n: usize, acked_total: &AtomicUsize) -> Outcome {
    let name = format!("worker-{n}");
    let mut outcome = Outcome {
        acked: 0,
        last_acked: None,
        in_flight: None,
    };
    let mut id: Option<String> = None;
    for step in 0u32.. {
        let interval = 10 + (step % 3000);
        let (method, path, body, next): (&str, String, Option<String>, State) = match (
            &id,
            step % 10,
        ) {
            (None, _) => (
                "POST",
                URL.to_owned(),
                Some(format!(
                    r#"{{"name":"{name}","host":"nas{n}.lan","apiKey":"1-crashkey{n}","pollIntervalSeconds":{interval}}}"#
                )),
                Some(interval),
            ),
            (Some(id), 9) => ("DELETE", format!("{URL}/{id}"), None, None),
            (Some(id), _) => (
                "PUT",
                format!("{URL}/{id}"),
                Some(format!(r#"{{"pollIntervalSeconds":{interval}}}"#)),
                Some(interval),
            ),
        };
        outcome.in_flight = Some(next);
        let Some((status, reply)) = request(addr, method, &path, body.as_deref()) else {
            return outcome;
        };
        assert!(
            matches!(status, 200 | 201),
            "{method} {path}: {status} {reply}"
        );
        outcome.in_flight = None;
        outcome.acked += 1;
        outcome.last_acked = next;
        acked_total.fetch_add(1, Ordering::Relaxed);
        id = match (method, next) {
            ("POST", _) => serde_json::from_str::<serde_json::Value>(&reply).unwrap()["id"]
                .as_str()
                .map(str::to_owned),
            (_, None) => None,
            _ => id,
        };
    }
    outcome
}

#[test]
fn sigkill_during_a_write_storm_loses_no_acknowledged_change() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mut server = start(&data, &[]);
    let acked_total = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|n| {
            let (addr, acked) = (server.addr.clone(), acked_total.clone());
            thread::spawn(move || worker(&addr, n, &acked))
        })
        .collect();

    let started = Instant::now();
    while acked_total.load(Ordering::Relaxed) < 150 && started.elapsed() < Duration::from_secs(60) {
        thread::sleep(Duration::from_millis(5));
    }
    signal(&server.child, "KILL");
    let _ = server.child.wait();
    let outcomes: Vec<Outcome> = workers.into_iter().map(|w| w.join().unwrap()).collect();

    let service = ConnectionService::open(
        &data,
        Limits {
            max_connections: 1000,
        },
    )
    .expect("the key file survives");
    assert!(
        service.store_problem().is_none(),
        "file unreadable after SIGKILL: {:?}",
        service.store_problem()
    );
    let stored = service.stored();

    let mut acknowledged = 0;
    let mut in_flight_landed = 0;
    for (n, outcome) in outcomes.iter().enumerate() {
        let name = format!("worker-{n}");
        let found: State = stored
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.poll_interval_seconds);
        acknowledged += outcome.acked;
        if found == outcome.last_acked {
            continue;
        }
        assert_eq!(
            Some(found),
            outcome.in_flight,
            "{name}: file has {found:?}, last acknowledged {:?}, in flight {:?}",
            outcome.last_acked,
            outcome.in_flight
        );
        in_flight_landed += 1;
    }
    assert_eq!(
        stored.len(),
        stored
            .iter()
            .filter(|c| c.name.starts_with("worker-"))
            .count()
    );
    assert!(
        acknowledged >= 150,
        "the storm was too small to mean anything: {acknowledged}"
    );
    println!(
        "crash test: {acknowledged} writes acknowledged by {WORKERS} concurrent workers before SIGKILL; \
         all {WORKERS} connections' last acknowledged states found in the decrypted file \
         ({in_flight_landed} workers' in-flight write had also landed)"
    );
}
