//! Client for the TrueNAS API, as poolwatch needs it: read-only queries of
//! system info, pools, datasets, disks, alerts, snapshots and replication
//! tasks, over JSON-RPC 2.0 on WebSocket (`/api/current`, 25.04+) or REST
//! v2.0 for boxes that predate it. See `docs/truenas-client.md`.

mod client;
mod config;
mod dataset_query;
pub mod decode;
mod error;
mod login;
mod rest;
mod rpc;
mod secret;
mod session;
mod tls;
pub mod types;

pub use client::{Client, ConnectionReport};
pub use config::{ConnectionConfig, Fingerprint, TlsMode};
pub use dataset_query::{DATASET_FIELDS, DATASET_PROPERTIES};
pub use error::{Category, Error};
pub use secret::ApiKey;
pub use session::Transport;
pub use tls::fingerprint_of_der;

/// Largest answer accepted, on either transport. The largest real NAS
/// answers are dataset lists of a few MiB; beyond this something is wrong.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
