//! Fleet benchmark (issue 5, item 9): poolwatch polling 1,000 simulated NAS
//! (4 pools, 500 datasets, 24 disks each) over loopback, and
//! `GET /api/v2/resources` latency at about 50,000 resources and at the full
//! fleet's size. Run with `cargo bench -p server --bench fleet`; options:
//! `--nas N`, `--datasets N`, `--pools N`, `--disks N`, `--cycles N`,
//! `--api-nas N` (fleet size for the ~50k measurement), `--plain` (HTTP
//! instead of pinned TLS). See docs/runbook.md, "Limits".

#![forbid(unsafe_code)]

mod api;
mod fleet_setup;
mod proc_stats;
mod report;
mod sims;

use std::time::Duration;

use proc_stats::{clock_ticks, reset_peak_rss, status_mb, written_bytes};

/// The `poolwatch` binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Options {
    shape: sims::Shape,
    cycles: usize,
    api_nas: usize,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let number = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| v.parse().expect("a number"))
    };
    Options {
        shape: sims::Shape {
            count: number("--nas", 1000),
            pools: number("--pools", 4),
            datasets: number("--datasets", 500),
            disks: number("--disks", 24),
            tls: !args.iter().any(|a| a == "--plain"),
        },
        cycles: number("--cycles", 5).max(2),
        api_nas: number("--api-nas", 94),
    }
}

fn main() {
    let options = options();
    if std::env::args().any(|a| a == "--simulators") {
        sims::serve(&options.shape);
        return;
    }
    let ticks = clock_ticks();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let fleet = sims::start(&options.shape);
    let child = fleet.pid();
    report::header(&options.shape, &fleet, status_mb(&child, "VmRSS"));
    runtime.block_on(run(&options, &fleet, ticks));
}

async fn run(options: &Options, fleet: &sims::Fleet, ticks: f64) {
    let child = fleet.pid();
    let key = truenas_sim::DEFAULT_API_KEY;
    let dir = tempfile::tempdir().expect("temp dir");

    let services = fleet_setup::services(&dir.path().join("full"), fleet.nas.len());
    let added = std::time::Instant::now();
    fleet_setup::add_connections(&services, &fleet.nas, key).await;
    println!(
        "connections added:     {} in {:.1?} (encrypted store, one durable write each)",
        fleet.nas.len(),
        added.elapsed()
    );

    let monitor = services.start_monitoring();
    let sent_before = written_bytes(&child);
    let cycles = fleet_setup::rounds(&services, ticks, &child, options.cycles).await;
    for (n, cycle) in cycles.iter().enumerate() {
        report::cycle(n, cycle);
    }
    let sent = written_bytes(&child) - sent_before;
    drop(monitor);
    let peak_polling = status_mb("self", "VmHWM");
    report::cycles(&cycles, sent, peak_polling, status_mb("self", "VmRSS"));

    let stored = services.connections().stored();
    let mix = api::queries("share00042", &stored[stored.len() / 2].id);
    reset_peak_rss();
    let (first, full) = api::measure(services.clone(), &mix, 20, Duration::from_secs(60)).await;
    report::latency(
        "full fleet",
        fleet.nas.len(),
        first,
        &full,
        status_mb("self", "VmHWM"),
    );
    drop(stored);
    drop(services);

    let few = options.api_nas.min(fleet.nas.len());
    let services = fleet_setup::services(&dir.path().join("small"), few);
    fleet_setup::add_connections(&services, &fleet.nas[..few], key).await;
    let monitor = services.start_monitoring();
    fleet_setup::rounds(&services, ticks, &child, 1).await;
    drop(monitor);
    let stored = services.connections().stored();
    let mix = api::queries("share00042", &stored[stored.len() / 2].id);
    reset_peak_rss();
    let (first, small) = api::measure(services.clone(), &mix, 200, Duration::from_secs(60)).await;
    report::latency(
        &format!("{few}-NAS fleet"),
        few,
        first,
        &small,
        status_mb("self", "VmHWM"),
    );
    report::verdict(&cycles, peak_polling, &small, &full);
}
