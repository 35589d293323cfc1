//! The simulated fleet, in a child process so its CPU and memory are not
//! counted as poolwatch's. The child is this bench binary again, started
//! with `--simulators`: it runs the `truenas_sim` library exactly as the
//! `truenas-sim` binary does. (The bench cannot build or find that binary
//! reliably: `cargo bench` holds the build directory lock while benches run,
//! and `CARGO_BIN_EXE_*` only names binaries of the bench's own package.)
//! It prints one line per NAS, `<hostname> <scheme>://<addr>
//! [sha256=<fingerprint>]`, then serves until stdin closes or it is killed.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use truenas_sim::{LargeSize, Scenario, SimConfig, Simulator};

pub struct Fleet {
    child: Child,
    pub nas: Vec<SimNas>,
    pub started_in: Duration,
}

pub struct SimNas {
    pub hostname: String,
    pub port: u16,
    pub fingerprint: Option<String>,
}

pub struct Shape {
    pub count: usize,
    pub pools: usize,
    pub datasets: usize,
    pub disks: usize,
    pub tls: bool,
}

impl Fleet {
    pub fn pid(&self) -> String {
        self.child.id().to_string()
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(shape: &Shape) -> Fleet {
    let exe = std::env::current_exe().expect("the bench knows its own path");
    let mut command = Command::new(exe);
    command
        .arg("--simulators")
        .args(["--nas", &shape.count.to_string()])
        .args(["--pools", &shape.pools.to_string()])
        .args(["--datasets", &shape.datasets.to_string()])
        .args(["--disks", &shape.disks.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if !shape.tls {
        command.arg("--plain");
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("truenas-sim starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut nas = Vec::with_capacity(shape.count);
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("readable simulator output");
        nas.push(parse(&line).unwrap_or_else(|| panic!("unexpected simulator line: {line}")));
        if nas.len() == shape.count {
            break;
        }
    }
    assert_eq!(nas.len(), shape.count, "the simulator stopped early");
    Fleet {
        child,
        nas,
        started_in: started.elapsed(),
    }
}

fn parse(line: &str) -> Option<SimNas> {
    let mut words = line.split_whitespace();
    let hostname = words.next()?.to_owned();
    let url = words.next()?;
    let port = url.rsplit_once(':')?.1.parse().ok()?;
    let fingerprint = words
        .find_map(|w| w.strip_prefix("sha256="))
        .map(str::to_owned);
    Some(SimNas {
        hostname,
        port,
        fingerprint,
    })
}

/// The child's side: `shape.count` large simulated NAS on loopback, one
/// line each on stdout, until stdin closes (the bench ended or died).
pub fn serve(shape: &Shape) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let mut running = Vec::with_capacity(shape.count);
        for n in 0..shape.count {
            let config = SimConfig {
                tls: shape.tls,
                hostname: format!("nas{}", n + 1),
                scenario: Scenario::Large,
                large: LargeSize {
                    pools: shape.pools,
                    datasets: shape.datasets,
                    disks: shape.disks,
                },
                ..SimConfig::default()
            };
            let sim = Simulator::start(config).await.expect("simulator starts");
            let scheme = if shape.tls { "https" } else { "http" };
            let fingerprint = sim
                .fingerprint()
                .map(|f| format!(" sha256={f}"))
                .unwrap_or_default();
            println!("nas{} {scheme}://{}{fingerprint}", n + 1, sim.addr());
            running.push(sim);
        }
        let _ =
            tokio::task::spawn_blocking(|| std::io::stdin().read_line(&mut String::new())).await;
    });
}
