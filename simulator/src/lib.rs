//! A TrueNAS simulator for poolwatch: JSON-RPC 2.0 over WebSocket at
//! `/api/current` and REST at `/api/v2.0`, plain or TLS, with switchable
//! scenarios. Many simulated boxes can run in one process (one
//! [`Simulator::start`] each), which the benchmarks rely on.

// The replication entry is one large `json!` literal.
#![recursion_limit = "256"]

mod config;
mod control;
pub mod data;
mod net;
mod rest;
mod rpc;
mod scenario;
mod state;
mod tls;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::routing::{any, get, post};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

pub use config::{DEFAULT_API_KEY, LargeSize, SimConfig};
pub use scenario::{Scenario, UnknownScenario};

use state::SimState;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot set up TLS: {0}")]
    Tls(String),
}

pub struct Simulator;

impl Simulator {
    /// Binds, generates a certificate when `config.tls`, and serves until
    /// the returned handle is stopped or dropped.
    pub async fn start(config: SimConfig) -> Result<RunningSim, SimError> {
        let listener = TcpListener::bind(config.bind)
            .await
            .map_err(|source| SimError::Bind {
                addr: config.bind,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SimError::Bind {
            addr: config.bind,
            source,
        })?;
        let cert = if config.tls {
            Some(tls::self_signed(&config.hostname)?)
        } else {
            None
        };
        let state = Arc::new(SimState::new(config));
        let mut app = Router::new()
            .route("/api/v2.0/{*path}", any(rest::handle))
            .route("/_sim/scenario", post(control::set_scenario))
            .route("/_sim/stats", get(control::stats))
            .route("/_sim/drop", post(control::drop_connections));
        if !state.config.legacy {
            app = app.route("/api/current", get(rpc::upgrade));
        }
        let app = app
            .fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "404: Not Found") })
            .with_state(state.clone());
        let (shutdown, shutdown_rx) = watch::channel(false);
        let (tx, rx) = mpsc::channel(64);
        tokio::spawn(net::accept_loop(
            listener,
            state.clone(),
            cert.as_ref().map(|c| c.acceptor.clone()),
            tx,
            shutdown_rx.clone(),
        ));
        let mut stop = shutdown_rx;
        tokio::spawn(async move {
            let listener = net::ChannelListener { rx, local: addr };
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stop.changed().await;
            });
            if let Err(err) = serve.await {
                tracing::warn!(error = %err, "simulator stopped with an error");
            }
        });
        tracing::info!(%addr, host = %state.config.hostname, scenario = %state.scenario(), tls = cert.is_some(), "simulated NAS up");
        Ok(RunningSim {
            addr,
            fingerprint: cert.as_ref().map(|c| c.fingerprint.clone()),
            cert_der: cert.map(|c| c.der),
            state,
            shutdown,
        })
    }
}

/// A running simulated NAS. Dropping it stops the server.
pub struct RunningSim {
    addr: SocketAddr,
    fingerprint: Option<String>,
    cert_der: Option<Vec<u8>>,
    state: Arc<SimState>,
    shutdown: watch::Sender<bool>,
}

impl RunningSim {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// SHA-256 of the certificate (upper-case hex with colons), TLS only.
    pub fn fingerprint(&self) -> Option<&str> {
        self.fingerprint.as_deref()
    }

    pub fn certificate_der(&self) -> Option<&[u8]> {
        self.cert_der.as_deref()
    }

    pub fn config(&self) -> &SimConfig {
        &self.state.config
    }

    pub fn scenario(&self) -> Scenario {
        self.state.scenario()
    }

    pub fn set_scenario(&self, scenario: Scenario) {
        self.state.set_scenario(scenario);
    }

    /// Data calls answered so far (`pool.query`, `GET /pool`, …; logins
    /// not counted), over either transport: whether anyone still polls.
    pub fn calls(&self) -> u64 {
        self.state.calls()
    }

    /// Successful JSON-RPC logins so far.
    pub fn logins(&self) -> u64 {
        self.state.logins()
    }

    /// Every JSON-RPC login call, accepted or not.
    pub fn login_attempts(&self) -> u64 {
        self.state.login_attempts()
    }

    /// Cuts every open connection (WebSocket sessions included) at once,
    /// as a NAS reboot or a network blip would.
    pub fn drop_connections(&self) {
        self.state.drop_connections();
    }

    pub fn stop(&self) {
        self.shutdown.send_replace(true);
        self.state.drop_connections();
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.stop();
    }
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// The first half of an answer: what a proxy cutting the body off, or a
/// buggy middleware, delivers. Cut on a character boundary.
pub(crate) fn truncate(body: &str) -> String {
    let mut end = body.len() / 2;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end].to_owned()
}
