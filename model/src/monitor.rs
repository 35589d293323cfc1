//! What the poller knows: per-connection poll status, and the unified
//! resources of `GET /api/v2/resources`.

use serde::{Deserialize, Serialize};

use crate::connections::Connection;
use crate::resources::{AlertItem, DatasetHealth, DiskHealth, PoolHealth, Reason, Status};

/// A poll's failure, classified like the connection test's codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollError {
    /// RFC 3339 UTC.
    pub at: String,
    pub message: String,
    /// auth, timeout, connection, tls, api, malformed or invalid_config.
    pub category: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollStatus {
    pub interval_seconds: u32,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    pub consecutive_failures: u32,
    pub last_error: Option<PollError>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransportStatus {
    /// `jsonrpc` or `rest`; None until the first successful connect.
    pub mode: Option<String>,
    /// `wss://host:port/api/current` or `https://host:port/api/v2.0`.
    pub endpoint: String,
    /// verify, skipVerify, pin, or none for plain HTTP.
    pub tls: String,
    pub connected: bool,
    pub appliance_version: Option<String>,
}

/// A connection as `GET /api/truenas/connections` lists it: the stored
/// settings (key redacted) and what the poller knows of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    #[serde(flatten)]
    pub connection: Connection,
    pub poll: Option<PollStatus>,
    pub transport: Option<TransportStatus>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResourceType {
    System,
    Pool,
    Dataset,
    Disk,
    Alert,
}

impl ResourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::System => "system",
            ResourceType::Pool => "pool",
            ResourceType::Dataset => "dataset",
            ResourceType::Disk => "disk",
            ResourceType::Alert => "alert",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::System,
            Self::Pool,
            Self::Dataset,
            Self::Disk,
            Self::Alert,
        ]
        .into_iter()
        .find(|t| t.as_str() == text)
    }
}

/// How fresh one source's data is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Freshness {
    Online,
    Stale,
    Offline,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceStatus {
    pub status: Freshness,
    /// Last successful read, RFC 3339 UTC.
    pub last_seen: Option<String>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStatuses {
    pub truenas: SourceStatus,
}

/// The NAS itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemSummary {
    pub hostname: Option<String>,
    pub version: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub physmem: Option<u64>,
    pub cores: Option<u32>,
    pub uptime_seconds: Option<u64>,
    pub ecc_memory: Option<bool>,
}

/// One resource of the unified registry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    /// `truenas:<connection id>/<type>:<name>`: stable across restarts and
    /// unique even when two NAS share hostnames and pool names.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ResourceType,
    pub name: String,
    pub parent_id: Option<String>,
    pub status: Status,
    pub reasons: Vec<Reason>,
    pub sources: Vec<String>,
    pub source_status: SourceStatuses,
    pub platform: String,
    pub connection_id: String,
    pub connection_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<SystemSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<PoolHealth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<DatasetHealth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<DiskHealth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<AlertItem>,
}

/// A page of `GET /api/v2/resources`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePage {
    pub data: Vec<Resource>,
    /// Resources matching the filters, over all pages.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
}
