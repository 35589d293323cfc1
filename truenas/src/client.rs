//! The public client: one async interface whatever the transport.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::config::{ConnectionConfig, Fingerprint};
use crate::error::Error;
use crate::rest::RestCall;
use crate::rpc::{METHOD_NOT_FOUND, Scan, no_scan};
use crate::session::{Session, Transport};
use crate::tls::{SeenCert, client_config};
use crate::types::{Alert, Disk, Pool, ReplicationTask, Snapshot, SystemInfo};

/// What [`Client::test_connection`] learnt about a NAS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionReport {
    pub version: Option<String>,
    pub hostname: Option<String>,
    pub transport: Transport,
    /// SHA-256 of the leaf certificate seen during the handshake (HTTPS only).
    pub certificate: Option<Fingerprint>,
}

/// A client for one NAS. Share it (`Arc<Client>`): it holds the single
/// authenticated session TrueNAS expects per dashboard.
pub struct Client {
    session: Session,
    seen: SeenCert,
    legacy_snapshots: AtomicBool,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", self.session.config())
            .field("transport", &self.session.transport())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Validates the settings and prepares TLS; does not connect yet.
    pub fn new(config: ConnectionConfig) -> Result<Self, Error> {
        config.validate()?;
        let seen = SeenCert::default();
        let tls = client_config(&config.tls, seen.clone())?;
        Ok(Self {
            session: Session::new(config, tls),
            seen,
            legacy_snapshots: AtomicBool::new(false),
        })
    }

    pub fn config(&self) -> &ConnectionConfig {
        self.session.config()
    }

    /// The negotiated transport, once the first call has connected.
    pub fn transport(&self) -> Option<Transport> {
        self.session.transport()
    }

    /// Fingerprint of the last leaf certificate presented, even when it was
    /// rejected (that is the value an operator would pin).
    pub fn seen_certificate(&self) -> Option<Fingerprint> {
        self.seen.get()
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        params: Value,
        rest: RestCall<'_>,
    ) -> Result<T, Error> {
        self.call_with(method, params, rest, no_scan).await
    }

    /// [`Self::call`] with a shortcut reading of the JSON-RPC answer
    /// ([`Scan`]), tried before serde.
    pub(crate) async fn call_with<T: DeserializeOwned>(
        &self,
        method: &str,
        params: Value,
        rest: RestCall<'_>,
        scan: Scan<T>,
    ) -> Result<T, Error> {
        let config = self.session.config();
        let started = Instant::now();
        let call = self.session.call(method, params, rest, scan);
        let outcome = tokio::time::timeout(config.timeout, call).await;
        let result = match outcome {
            Ok(Err(Error::Timeout { during, .. })) => Err(Error::Timeout {
                after: config.timeout,
                during,
            }),
            Ok(result) => result,
            Err(_) => Err(Error::Timeout {
                after: config.timeout,
                during: format!("calling {method}"),
            }),
        };
        let result = result.map_err(|err| err.redact(config.api_key.expose()));
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match &result {
            Ok(_) => tracing::debug!(host = %config.host, method, elapsed_ms, "call ok"),
            Err(err) => {
                tracing::debug!(host = %config.host, method, elapsed_ms, category = err.category().as_str(), error = %err, "call failed")
            }
        }
        result
    }

    pub async fn system_info(&self) -> Result<SystemInfo, Error> {
        self.call("system.info", json!([]), RestCall::get("/system/info"))
            .await
    }

    pub async fn pools(&self) -> Result<Vec<Pool>, Error> {
        self.call("pool.query", json!([]), RestCall::get("/pool"))
            .await
    }

    /// Disks with their pool (`extra.pools`) and, when the NAS can tell,
    /// their temperature. A failing temperature query leaves temperatures
    /// unknown instead of failing the disk list.
    pub async fn disks(&self) -> Result<Vec<Disk>, Error> {
        let rest = RestCall {
            query: &[("extra.pools", "true")],
            ..RestCall::get("/disk")
        };
        let params = json!([[], {"extra": {"pools": true}}]);
        let mut disks: Vec<Disk> = self.call("disk.query", params, rest).await?;
        match self.disk_temperatures().await {
            Ok(temperatures) => {
                for disk in &mut disks {
                    disk.temperature = temperatures.get(&disk.name).copied().flatten();
                }
            }
            Err(err) if matches!(err, Error::Api { .. } | Error::Malformed { .. }) => {
                tracing::debug!(host = %self.config().host, error = %err, "disk temperatures unavailable");
            }
            Err(err) => return Err(err),
        }
        Ok(disks)
    }

    /// `disk.temperatures` for every disk: name → °C, `None` when unknown.
    pub async fn disk_temperatures(&self) -> Result<BTreeMap<String, Option<f64>>, Error> {
        let rest = RestCall {
            post: true,
            ..RestCall::get("/disk/temperatures")
        };
        self.call("disk.temperatures", json!([]), rest).await
    }

    pub async fn alerts(&self) -> Result<Vec<Alert>, Error> {
        self.call("alert.list", json!([]), RestCall::get("/alert/list"))
            .await
    }

    /// `pool.snapshot.query` (25.10+), falling back to `zfs.snapshot.query`
    /// once a NAS says the former does not exist; the choice is remembered.
    pub async fn snapshots(&self) -> Result<Vec<Snapshot>, Error> {
        let legacy = || {
            self.call(
                "zfs.snapshot.query",
                json!([]),
                RestCall::get("/zfs/snapshot"),
            )
        };
        if self.legacy_snapshots.load(Ordering::Relaxed) {
            return legacy().await;
        }
        match self
            .call(
                "pool.snapshot.query",
                json!([]),
                RestCall::get("/pool/snapshot"),
            )
            .await
        {
            Err(Error::Api {
                code: Some(code), ..
            }) if code == METHOD_NOT_FOUND || code == 404 => {
                self.legacy_snapshots.store(true, Ordering::Relaxed);
                legacy().await
            }
            other => other,
        }
    }

    pub async fn replication_tasks(&self) -> Result<Vec<ReplicationTask>, Error> {
        self.call(
            "replication.query",
            json!([]),
            RestCall::get("/replication"),
        )
        .await
    }

    /// Connects (if needed), authenticates and reads `system.info`.
    pub async fn test_connection(&self) -> Result<ConnectionReport, Error> {
        let info = self.system_info().await?;
        let transport = self
            .transport()
            .ok_or_else(|| Error::connection("no transport was negotiated"))?;
        Ok(ConnectionReport {
            version: info.version,
            hostname: info.hostname,
            transport,
            certificate: if self.config().use_https {
                self.seen_certificate()
            } else {
                None
            },
        })
    }

    /// Closes the WebSocket politely; the next call reconnects.
    pub async fn close(&self) {
        self.session.close().await;
    }
}
