//! `poolwatch serve --demo`: three simulated NAS in this process, registered
//! as connections so a first run shows a populated dashboard. They speak TLS
//! with a fresh self-signed certificate each run, pinned by fingerprint, so
//! the demo goes through the same client path as a real box.

use domain::Services;
use domain::connections::{ApiKey, DemoOutcome, DemoSpec};
use truenas_sim::{DEFAULT_API_KEY, RunningSim, Scenario, SimConfig, Simulator};

/// Name (also the simulator's hostname) and scenario of each demo NAS.
pub const DEMO_NAS: [(&str, Scenario); 3] = [
    ("demo-healthy", Scenario::Healthy),
    ("demo-degraded", Scenario::Degraded),
    ("demo-resilvering", Scenario::Resilvering),
];

/// The running simulators. They answer as long as this lives; dropping it
/// (after `serve` returns) stops them.
pub struct Demo {
    sims: Vec<RunningSim>,
}

impl Demo {
    pub fn stop(self) {
        for sim in &self.sims {
            sim.stop();
        }
        tracing::info!(simulators = self.sims.len(), "demo simulators stopped");
    }
}

/// Starts the demo when `--demo` was given. Problems are logged and leave
/// the server running without (part of) the demo: the dashboard itself
/// must not depend on it.
pub async fn start_if_asked(services: &Services) -> Option<Demo> {
    if !services.demo() {
        return None;
    }
    if !services.truenas_enabled() {
        tracing::warn!("--demo ignored: the TrueNAS integration is off");
        return None;
    }
    let mut sims = Vec::with_capacity(DEMO_NAS.len());
    let mut specs = Vec::with_capacity(DEMO_NAS.len());
    for (name, scenario) in DEMO_NAS {
        let config = SimConfig {
            tls: true,
            hostname: name.to_owned(),
            scenario,
            ..SimConfig::default()
        };
        let sim = match Simulator::start(config).await {
            Ok(sim) => sim,
            Err(error) => {
                tracing::error!(name, %error, "demo simulator did not start");
                continue;
            }
        };
        let Some(fingerprint) = sim.fingerprint().map(str::to_owned) else {
            tracing::error!(name, "demo simulator has no certificate; skipped");
            continue;
        };
        specs.push(DemoSpec {
            name: name.to_owned(),
            host: sim.addr().ip().to_string(),
            port: sim.port(),
            fingerprint,
            api_key: ApiKey::new(DEFAULT_API_KEY.to_owned()),
        });
        sims.push(sim);
    }
    let outcomes = match services.connections().upsert_demo(&specs).await {
        Ok(outcomes) => outcomes,
        Err(error) => {
            tracing::error!(%error, code = error.code(), "demo connections not registered; demo off");
            return None;
        }
    };
    let mut kept = Vec::with_capacity(sims.len());
    for (sim, (name, outcome)) in sims.into_iter().zip(outcomes) {
        let url = format!("https://{}/", sim.addr());
        match outcome {
            DemoOutcome::Created | DemoOutcome::Updated | DemoOutcome::Unchanged => {
                tracing::info!(%name, %url, scenario = %sim.scenario(), connection = outcome.as_str(), "demo NAS running");
                kept.push(sim);
            }
            DemoOutcome::Dismissed | DemoOutcome::NameTaken | DemoOutcome::LimitReached => {
                tracing::warn!(%name, reason = outcome.as_str(), "demo NAS not registered");
                sim.stop();
            }
        }
    }
    Some(Demo { sims: kept })
}
