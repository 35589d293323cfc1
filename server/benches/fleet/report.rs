//! Printing the figures, and the verdict against issue 5's targets:
//! cycle < 3 s, < 1.2 CPU-s per cycle, RSS < 300 MB, p99 < 10 ms.

use std::time::Duration;

use crate::api::{Latency, quantile};
use crate::fleet_setup::Cycle;
use crate::sims::{Fleet, Shape};

const CYCLE_TARGET: f64 = 3.0;
const CPU_TARGET: f64 = 1.2;
const RSS_TARGET: f64 = 300.0;
const P99_TARGET: Duration = Duration::from_millis(10);

pub fn header(shape: &Shape, fleet: &Fleet, child_rss: f64) {
    println!("== poolwatch fleet benchmark ==");
    println!(
        "fleet: {} simulated NAS x ({} pools, {} datasets, {} disks), {} on loopback, in a child process",
        shape.count,
        shape.pools,
        shape.datasets,
        shape.disks,
        if shape.tls {
            "TLS (pinned certificates)"
        } else {
            "plain HTTP"
        },
    );
    println!(
        "simulators:            started in {:.2?}, child RSS {child_rss:.0} MB (not counted below)",
        fleet.started_in
    );
}

pub fn cycle(n: usize, c: &Cycle) {
    let kind = if n == 0 {
        "cold: connect, TLS, login"
    } else {
        "warm"
    };
    println!(
        "cycle {:>2} ({kind}):{:>w$}wall {:>6.2} s, poolwatch CPU {:>5.2} s, simulators CPU {:>5.2} s (bench watcher {:.2} s, not counted)",
        n + 1,
        "",
        c.wall.as_secs_f64(),
        c.cpu,
        c.child_cpu,
        c.watcher_cpu,
        w = 27usize.saturating_sub(kind.len()),
    );
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

pub fn cycles(cycles: &[Cycle], sent: f64, peak: f64, now: f64) {
    let warm = &cycles[1..];
    let wall: Vec<f64> = warm.iter().map(|c| c.wall.as_secs_f64()).collect();
    let cpu: Vec<f64> = warm.iter().map(|c| c.cpu).collect();
    println!(
        "warm cycles:           wall median {:.2} s, max {:.2} s; poolwatch CPU median {:.2} s, max {:.2} s per cycle",
        median(wall.clone()),
        wall.iter().copied().fold(0.0, f64::max),
        median(cpu.clone()),
        cpu.iter().copied().fold(0.0, f64::max),
    );
    println!(
        "received from the NAS: {:.0} MB per cycle on average ({} cycles)",
        sent / 1e6 / cycles.len() as f64,
        cycles.len()
    );
    println!("poolwatch memory:      peak RSS {peak:.0} MB while polling (VmHWM), {now:.0} MB now");
}

pub fn latency(what: &str, nas: usize, first: Duration, results: &[Latency], peak: f64) {
    let resources = results.first().map_or(0, |r| r.total);
    let all: Vec<Duration> = results.iter().flat_map(|r| r.samples.clone()).collect();
    println!(
        "GET /api/v2/resources, {what} ({nas} NAS, {resources} resources), poller stopped, {} requests:",
        all.len()
    );
    println!("  first request after polling (builds every connection's chunk): {first:.2?}");
    for r in results {
        println!(
            "  {:<16} p50 {:>9.2?}  p99 {:>9.2?}  ({} matches, {} KB body, {} samples)",
            r.label,
            r.quantile(0.5),
            r.quantile(0.99),
            r.total,
            r.bytes / 1024,
            r.samples.len()
        );
    }
    println!(
        "  {:<16} p50 {:>9.2?}  p99 {:>9.2?}; peak RSS during these requests {peak:.0} MB",
        "whole mix",
        quantile(&all, 0.5),
        quantile(&all, 0.99)
    );
}

fn mark(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

pub fn verdict(cycles: &[Cycle], peak: f64, small: &[Latency], full: &[Latency]) {
    let warm = &cycles[1..];
    let wall = median(warm.iter().map(|c| c.wall.as_secs_f64()).collect());
    let cpu = median(warm.iter().map(|c| c.cpu).collect());
    let p99 = |r: &[Latency]| {
        quantile(
            &r.iter().flat_map(|l| l.samples.clone()).collect::<Vec<_>>(),
            0.99,
        )
    };
    println!("== targets ==");
    println!(
        "cycle < 3 s:              {:.2} s  {}",
        wall,
        mark(wall < CYCLE_TARGET)
    );
    println!(
        "< 1.2 CPU-s per cycle:    {:.2} s  {}",
        cpu,
        mark(cpu < CPU_TARGET)
    );
    println!(
        "RSS < 300 MB:             {:.0} MB  {}",
        peak,
        mark(peak < RSS_TARGET)
    );
    println!(
        "p99 < 10 ms at ~50k:      {:.2?}  {}",
        p99(small),
        mark(p99(small) < P99_TARGET)
    );
    // Issue 5 sets the latency target at 50,000 resources; the full fleet
    // (ten times that) is reported for scale only.
    println!(
        "p99 at full size:         {:.2?}  (not a target; {} under 10 ms)",
        p99(full),
        if p99(full) < P99_TARGET {
            "also"
        } else {
            "not"
        }
    );
}
