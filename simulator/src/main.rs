//! `truenas-sim`: run one or more simulated TrueNAS boxes until Ctrl-C.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use clap::Parser;
use truenas_sim::{LargeSize, RunningSim, Scenario, SimConfig, Simulator};

#[derive(Debug, Parser)]
#[command(about = "Simulated TrueNAS (JSON-RPC over WebSocket and REST v2.0) for poolwatch")]
struct Args {
    /// Port of the first NAS; 0 picks free ports.
    #[arg(long, default_value_t = 0)]
    port: u16,
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Number of NAS to run, on consecutive ports (or free ones with --port 0).
    #[arg(long, default_value_t = 1)]
    count: u16,
    #[arg(long)]
    tls: bool,
    /// Behave like TrueNAS ≤24.10: no /api/current, REST only.
    #[arg(long)]
    legacy: bool,
    #[arg(long, default_value = "healthy")]
    scenario: Scenario,
    #[arg(long, default_value = "truenas")]
    hostname: String,
    #[arg(long, default_value = "admin")]
    username: String,
    #[arg(long, env = "TRUENAS_SIM_API_KEY", default_value = truenas_sim::DEFAULT_API_KEY, hide_default_value = true)]
    api_key: String,
    #[arg(long, default_value_t = 4)]
    pools: usize,
    #[arg(long, default_value_t = 5_000)]
    datasets: usize,
    #[arg(long, default_value_t = 96)]
    disks: usize,
    #[arg(long, default_value_t = 2_000)]
    slow_ms: u64,
    #[arg(long, default_value_t = 2_000)]
    flap_ms: u64,
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let mut running: Vec<RunningSim> = Vec::new();
    for n in 0..args.count {
        let port = if args.port == 0 {
            0
        } else {
            args.port.saturating_add(n)
        };
        let hostname = if args.count == 1 {
            args.hostname.clone()
        } else {
            format!("{}{}", args.hostname, n + 1)
        };
        let config = SimConfig {
            bind: SocketAddr::new(args.bind, port),
            tls: args.tls,
            legacy: args.legacy,
            hostname,
            username: args.username.clone(),
            api_key: args.api_key.clone(),
            scenario: args.scenario,
            large: LargeSize {
                pools: args.pools,
                datasets: args.datasets,
                disks: args.disks,
            },
            slow_delay: Duration::from_millis(args.slow_ms),
            flap_period: Duration::from_millis(args.flap_ms),
            ..SimConfig::default()
        };
        match Simulator::start(config).await {
            Ok(sim) => {
                let scheme = if args.tls { "https" } else { "http" };
                let fingerprint = sim
                    .fingerprint()
                    .map(|f| format!(" sha256={f}"))
                    .unwrap_or_default();
                println!(
                    "{} {scheme}://{} scenario={}{}{fingerprint}",
                    sim.config().hostname,
                    sim.addr(),
                    sim.scenario(),
                    if args.legacy { " legacy" } else { "" },
                );
                running.push(sim);
            }
            Err(err) => {
                eprintln!("truenas-sim: {err}");
                std::process::exit(1);
            }
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    for sim in &running {
        sim.stop();
    }
}
