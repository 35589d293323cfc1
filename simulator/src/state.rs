//! State shared by every connection of one simulated NAS.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use tokio::sync::watch;

use crate::config::SimConfig;
use crate::data::NasData;
use crate::scenario::Scenario;

pub(crate) struct SimState {
    pub(crate) config: SimConfig,
    data: RwLock<Arc<NasData>>,
    scenario: watch::Sender<Scenario>,
    /// Bumped to cut every open connection (flapping, `/_sim/drop`).
    generation: watch::Sender<u64>,
    pub(crate) connection_generation: Arc<AtomicU64>,
    logins: AtomicU64,
    login_attempts: AtomicU64,
    calls: AtomicU64,
}

impl SimState {
    pub(crate) fn new(config: SimConfig) -> Self {
        let data = NasData::shared(&config, config.scenario);
        let (scenario, _) = watch::channel(config.scenario);
        let (generation, _) = watch::channel(0);
        Self {
            config,
            data: RwLock::new(data),
            scenario,
            generation,
            connection_generation: Arc::new(AtomicU64::new(0)),
            logins: AtomicU64::new(0),
            login_attempts: AtomicU64::new(0),
            calls: AtomicU64::new(0),
        }
    }

    pub(crate) fn scenario(&self) -> Scenario {
        *self.scenario.borrow()
    }

    pub(crate) fn watch_scenario(&self) -> watch::Receiver<Scenario> {
        self.scenario.subscribe()
    }

    fn data(&self) -> Arc<NasData> {
        self.data
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// This NAS's answer to `method` (see [`NasData::answer`]).
    pub(crate) fn answer(
        &self,
        method: &str,
        params: &serde_json::Value,
    ) -> Result<Arc<str>, crate::data::Fault> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.data()
            .answer_as(&self.config, method, params, crate::now_ms())
    }

    pub(crate) fn set_scenario(&self, scenario: Scenario) {
        let data = NasData::shared(&self.config, scenario);
        *self.data.write().unwrap_or_else(PoisonError::into_inner) = data;
        self.scenario.send_replace(scenario);
        tracing::info!(host = %self.config.hostname, %scenario, "scenario switched");
    }

    pub(crate) fn watch_generation(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    pub(crate) fn drop_connections(&self) {
        self.connection_generation.fetch_add(1, Ordering::SeqCst);
        self.generation.send_modify(|g| *g += 1);
    }

    pub(crate) fn record_login(&self, accepted: bool) {
        self.login_attempts.fetch_add(1, Ordering::SeqCst);
        if accepted {
            self.logins.fetch_add(1, Ordering::SeqCst);
        }
    }

    pub(crate) fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }

    pub(crate) fn logins(&self) -> u64 {
        self.logins.load(Ordering::SeqCst)
    }

    pub(crate) fn login_attempts(&self) -> u64 {
        self.login_attempts.load(Ordering::SeqCst)
    }

    /// The key check shared by both transports.
    pub(crate) fn key_ok(&self, key: &str) -> bool {
        self.scenario() != Scenario::AuthFailure && key == self.config.api_key
    }
}
