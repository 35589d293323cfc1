//! The simulated fleet, in a child process so its CPU and memory are not
//! counted as poolwatch's. The `truenas-sim` binary is built (or found up to
//! date) with `cargo build --release -p truenas-sim` into this bench's own
//! target directory, then started with `--count N`; it prints one line per
//! NAS: `<hostname> <scheme>://<addr> scenario=<s> [sha256=<fingerprint>]`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

/// `target/<profile>/truenas-sim`, next to this bench's `deps/` directory.
fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench knows its own path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the bench runs from target/<profile>/deps");
    profile_dir.join("truenas-sim")
}

fn build() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "truenas-sim"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building truenas-sim failed");
}

pub fn start(shape: &Shape) -> Fleet {
    build();
    let mut command = Command::new(binary());
    command
        .args(["--scenario", "large", "--hostname", "nas"])
        .args(["--count", &shape.count.to_string()])
        .args(["--pools", &shape.pools.to_string()])
        .args(["--datasets", &shape.datasets.to_string()])
        .args(["--disks", &shape.disks.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if shape.tls {
        command.arg("--tls");
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
