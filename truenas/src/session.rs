//! One authenticated link per NAS, negotiated once and kept: JSON-RPC over
//! WebSocket when the box serves `/api/current`, REST only when it answers
//! 404 there. A dropped WebSocket is reopened (bounded exponential backoff
//! with jitter) and the read retried once; it never falls back to REST, a
//! silent downgrade would hide a real outage behind a deprecated API.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::Mutex;

use crate::config::ConnectionConfig;
use crate::error::{Category, Error};
use crate::login::login;
use crate::rest::{RestCall, RestClient};
use crate::rpc::{self, Handshake, RpcSession, Scan};

/// The protocol a client settled on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    /// JSON-RPC 2.0 over WebSocket at `/api/current` (25.04+).
    JsonRpc,
    /// REST `/api/v2.0` (≤24.10 boxes).
    Rest,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::JsonRpc => "jsonrpc-websocket",
            Self::Rest => "rest-v2.0",
        }
    }
}

enum Link {
    Unknown,
    /// `None` after the socket dropped, until the next call reopens it.
    Rpc(Option<RpcSession>),
    Rest(RestClient),
}

pub(crate) struct Session {
    config: ConnectionConfig,
    /// Built even for plain http: reqwest without a preconfigured TLS
    /// setup would reach for a process-wide crypto provider that is not set.
    tls: Arc<rustls::ClientConfig>,
    link: Mutex<Link>,
    transport: OnceLock<Transport>,
}

impl Session {
    pub(crate) fn new(config: ConnectionConfig, tls: Arc<rustls::ClientConfig>) -> Self {
        Self {
            config,
            tls,
            link: Mutex::new(Link::Unknown),
            transport: OnceLock::new(),
        }
    }

    fn ws_tls(&self) -> Option<Arc<rustls::ClientConfig>> {
        self.config.use_https.then(|| self.tls.clone())
    }

    pub(crate) fn config(&self) -> &ConnectionConfig {
        &self.config
    }

    pub(crate) fn transport(&self) -> Option<Transport> {
        self.transport.get().copied()
    }

    /// One call over whichever transport the NAS speaks; `scan` is tried
    /// on a JSON-RPC answer before serde (`rpc::no_scan` for none).
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        params: Value,
        rest: RestCall<'_>,
        scan: Scan<T>,
    ) -> Result<T, Error> {
        let mut link = self.link.lock().await;
        if matches!(*link, Link::Unknown) {
            *link = self.negotiate().await?;
        }
        let slot = match &mut *link {
            Link::Rest(client) => return client.call(rest).await,
            Link::Rpc(slot) => slot,
            Link::Unknown => return Err(Error::connection("transport negotiation did not finish")),
        };
        let mut session = match slot.take() {
            Some(session) => session,
            None => self.reopen().await?,
        };
        let result = match session.call_with(method, params.clone(), scan).await {
            Err(err) if err.category() == Category::Connection => {
                tracing::warn!(host = %self.config.host, method, error = %err, "WebSocket dropped; reconnecting");
                session = self.reopen().await?;
                session.call_with(method, params, scan).await
            }
            other => other,
        };
        // A session the NAS no longer considers logged in is worthless too:
        // drop it so the next call logs in afresh.
        let keep = !matches!(&result, Err(err) if matches!(err.category(), Category::Connection | Category::Auth));
        if keep {
            *slot = Some(session.release_read_buffer().await);
        }
        result
    }

    async fn negotiate(&self) -> Result<Link, Error> {
        match rpc::open(&self.config, self.ws_tls()).await? {
            Handshake::Open(mut session) => {
                login(&mut session, &self.config).await?;
                let _ = self.transport.set(Transport::JsonRpc);
                tracing::info!(host = %self.config.host, transport = Transport::JsonRpc.as_str(), "connected");
                Ok(Link::Rpc(Some(session)))
            }
            Handshake::NoJsonRpc => {
                let client = RestClient::new(&self.config, &self.tls)?;
                let _ = self.transport.set(Transport::Rest);
                tracing::info!(host = %self.config.host, transport = Transport::Rest.as_str(), "no /api/current; using REST");
                Ok(Link::Rest(client))
            }
        }
    }

    /// Reopens and logs in again after a drop. Only connection failures are
    /// retried: a refused key or a bad certificate will not fix itself.
    async fn reopen(&self) -> Result<RpcSession, Error> {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_secs(5))
            .with_max_times(4)
            .with_jitter();
        let attempt = || async {
            match rpc::open(&self.config, self.ws_tls()).await? {
                Handshake::Open(mut session) => {
                    login(&mut session, &self.config).await?;
                    Ok(session)
                }
                Handshake::NoJsonRpc => Err(Error::Api {
                    code: Some(404),
                    message:
                        "the NAS no longer serves /api/current; not switching to REST mid-session"
                            .to_owned(),
                }),
            }
        };
        attempt
            .retry(backoff)
            .when(|err: &Error| err.category() == Category::Connection)
            .notify(|err: &Error, delay: Duration| {
                tracing::debug!(host = %self.config.host, error = %err, delay_ms = delay.as_millis() as u64, "reconnect failed; backing off");
            })
            .await
    }

    pub(crate) async fn close(&self) {
        let mut link = self.link.lock().await;
        if let Link::Rpc(slot) = &mut *link
            && let Some(session) = slot.take()
        {
            session.close().await;
        }
    }
}
