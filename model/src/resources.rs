//! Storage resources as the UI and the REST API show them: pools, vdevs,
//! datasets, disks and TrueNAS's own alerts, each with a [`Status`] and the
//! [`Reason`]s behind it. JSON is camelCase. A value TrueNAS did not report
//! is `None` (or an explicit `unknown`), never a zero that looks like data.

use serde::{Deserialize, Serialize};

/// How a resource is doing. `Warning` means "needs attention".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    Online,
    Warning,
    Critical,
    /// The resource (or the NAS holding it) cannot be reached.
    Offline,
    /// Not enough data to judge; never shown as a failure.
    #[default]
    Unknown,
}

impl Status {
    /// Severity for combining: a resource shows the worst of its reasons.
    /// Unknown ranks just above online so that one missing field cannot
    /// mask a real problem reported elsewhere.
    pub fn severity(self) -> u8 {
        match self {
            Status::Online => 0,
            Status::Unknown => 1,
            Status::Warning => 2,
            Status::Offline => 3,
            Status::Critical => 4,
        }
    }

    pub fn worst(self, other: Status) -> Status {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Online => "online",
            Status::Warning => "warning",
            Status::Critical => "critical",
            Status::Offline => "offline",
            Status::Unknown => "unknown",
        }
    }
}

/// What a reason is about, stable for the UI to pick an icon or a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonCode {
    /// The pool's ZFS state (DEGRADED, FAULTED, …) or an unrecognised one.
    PoolState,
    /// libzfs status code other than OK while the state looks fine.
    PoolStatusCode,
    /// A vdev or disk that is not ONLINE.
    DeviceState,
    /// Read, write or checksum errors on a device.
    DeviceErrors,
    Resilvering,
    /// The last scrub or resilver found errors.
    ScanErrors,
    /// An encrypted dataset whose key is not loaded.
    DatasetLocked,
    /// A field needed to judge the resource was not reported.
    MissingData,
    /// A TrueNAS alert (not dismissed) naming this resource.
    TruenasAlert,
    /// The data shown is older than the staleness threshold.
    Stale,
    /// The NAS could not be read (the poll's error class and message).
    SourceUnreachable,
}

/// One reason behind a status, e.g. "sdc: 3 read, 12 checksum errors".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub code: ReasonCode,
    /// The status this reason alone calls for.
    pub status: Status,
    pub message: String,
    /// The device, dataset or disk the reason names, if not the resource itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// Where a vdev sits in the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum VdevRole {
    Data,
    Log,
    Cache,
    Spare,
    Special,
    Dedup,
}

impl VdevRole {
    pub fn as_str(self) -> &'static str {
        match self {
            VdevRole::Data => "data",
            VdevRole::Log => "log",
            VdevRole::Cache => "cache",
            VdevRole::Spare => "spare",
            VdevRole::Special => "special",
            VdevRole::Dedup => "dedup",
        }
    }
}

/// One line of the layout summary: vdevs of one kind in one role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutGroup {
    pub role: VdevRole,
    /// Lower-case vdev type: "raidz1", "mirror", "disk", …
    pub kind: String,
    pub vdevs: u32,
    /// Device slots in these vdevs (a disk being replaced counts once).
    pub disks: u32,
    /// e.g. "raidz1 ×1 (4 disks)"; other roles are prefixed, "cache: disk ×1 (1 disk)".
    pub summary: String,
}

/// A node of the pool topology.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VdevNode {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub vdev_type: Option<String>,
    /// The ZFS state as reported (ONLINE, FAULTED, …).
    pub state: Option<String>,
    pub status: Status,
    pub read_errors: Option<u64>,
    pub write_errors: Option<u64>,
    pub checksum_errors: Option<u64>,
    /// Kernel disk name ("sda") for leaves.
    pub disk: Option<String>,
    pub children: Vec<VdevNode>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopologyGroup {
    pub role: VdevRole,
    pub vdevs: Vec<VdevNode>,
}

/// The pool's current or last scrub/resilver.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanInfo {
    /// SCRUB, RESILVER or NONE.
    pub function: Option<String>,
    /// SCANNING, FINISHED, CANCELED or NONE.
    pub state: Option<String>,
    pub percentage: Option<f64>,
    /// RFC 3339 UTC.
    pub started_at: Option<String>,
    /// RFC 3339 UTC; none while scanning.
    pub ended_at: Option<String>,
    /// RFC 3339 UTC, set while a scrub is paused.
    pub paused_at: Option<String>,
    pub errors: Option<u64>,
    pub seconds_left: Option<u64>,
}

/// Usable space: the root dataset's `used` and `used + available`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum UsableCapacity {
    Known { used: u64, total: u64 },
    Unknown,
}

/// Raw vdev space from `pool.query` (parity included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum RawCapacity {
    Known {
        size: u64,
        allocated: u64,
        free: Option<u64>,
    },
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    pub usable: UsableCapacity,
    pub raw: RawCapacity,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolHealth {
    pub name: String,
    pub guid: Option<String>,
    pub status: Status,
    /// The ZFS state as reported (ONLINE, DEGRADED, …).
    pub state: Option<String>,
    pub status_code: Option<String>,
    pub status_detail: Option<String>,
    pub layout: Vec<LayoutGroup>,
    pub topology: Vec<TopologyGroup>,
    pub scan: Option<ScanInfo>,
    pub capacity: Capacity,
    /// Percent.
    pub fragmentation: Option<u32>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DatasetKind {
    Filesystem,
    Volume,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetHealth {
    pub name: String,
    pub pool: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<DatasetKind>,
    pub mountpoint: Option<String>,
    pub used: Option<u64>,
    pub available: Option<u64>,
    pub quota: Option<u64>,
    pub volsize: Option<u64>,
    pub compressratio: Option<f64>,
    pub encrypted: Option<bool>,
    pub encryption_root: Option<String>,
    pub locked: Option<bool>,
    pub readonly: Option<bool>,
    pub status: Status,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DiskKind {
    Hdd,
    Ssd,
}

/// SMART verdict. TrueNAS 25.10 removed SMART from `disk.query` and a VM
/// has none, so the usual answer is `unknown`, which is not a failure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SmartStatus {
    Passed,
    Failed,
    #[default]
    Unknown,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCounts {
    pub read: Option<u64>,
    pub write: Option<u64>,
    pub checksum: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiskHealth {
    pub name: String,
    pub serial: Option<String>,
    pub model: Option<String>,
    pub size: Option<u64>,
    #[serde(rename = "type")]
    pub kind: Option<DiskKind>,
    pub pool: Option<String>,
    /// Degrees Celsius; none when TrueNAS could not read it.
    pub temperature: Option<f64>,
    /// The state of the disk's leaf vdev (ONLINE, FAULTED, …).
    pub vdev_state: Option<String>,
    pub status: Status,
    pub errors: ErrorCounts,
    pub smart: SmartStatus,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SubjectKind {
    Pool,
    Disk,
}

/// The resource an alert names, for a link in the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertSubject {
    pub kind: SubjectKind,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertItem {
    pub uuid: String,
    /// INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT or EMERGENCY.
    pub level: Option<String>,
    pub klass: Option<String>,
    /// The formatted text with HTML removed.
    pub message: String,
    /// RFC 3339 UTC.
    pub datetime: Option<String>,
    pub dismissed: bool,
    pub subject: Option<AlertSubject>,
}

/// TrueNAS's alert levels, most severe first.
pub const ALERT_LEVELS: [&str; 7] = [
    "EMERGENCY",
    "ALERT",
    "CRITICAL",
    "ERROR",
    "WARNING",
    "NOTICE",
    "INFO",
];

impl AlertItem {
    /// The level's place in [`ALERT_LEVELS`] (0 is the most severe); an
    /// unknown or missing level sorts after every known one.
    pub fn level_rank(&self) -> usize {
        self.level
            .as_deref()
            .and_then(|level| {
                ALERT_LEVELS
                    .iter()
                    .position(|l| l.eq_ignore_ascii_case(level))
            })
            .unwrap_or(ALERT_LEVELS.len())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn alert_levels_rank_by_severity_and_unknown_last() {
        let alert = |level: Option<&str>| AlertItem {
            uuid: "u".into(),
            level: level.map(str::to_owned),
            klass: None,
            message: String::new(),
            datetime: None,
            dismissed: false,
            subject: None,
        };
        assert!(alert(Some("CRITICAL")).level_rank() < alert(Some("warning")).level_rank());
        assert_eq!(alert(Some("EMERGENCY")).level_rank(), 0);
        assert_eq!(alert(Some("odd")).level_rank(), ALERT_LEVELS.len());
        assert_eq!(alert(None).level_rank(), ALERT_LEVELS.len());
    }

    use super::*;

    #[test]
    fn worst_prefers_critical_and_ranks_unknown_below_warning() {
        assert_eq!(Status::Online.worst(Status::Unknown), Status::Unknown);
        assert_eq!(Status::Unknown.worst(Status::Warning), Status::Warning);
        assert_eq!(Status::Critical.worst(Status::Warning), Status::Critical);
        assert_eq!(Status::Warning.worst(Status::Online), Status::Warning);
    }

    #[test]
    fn unknown_capacity_is_explicit_not_zero() {
        let capacity = Capacity {
            usable: UsableCapacity::Unknown,
            raw: RawCapacity::Known {
                size: 16,
                allocated: 6,
                free: None,
            },
        };
        let json = serde_json::to_value(capacity).unwrap();
        assert_eq!(json["usable"], serde_json::json!({"state": "unknown"}));
        assert_eq!(json["raw"]["state"], "known");
        assert_eq!(json["raw"]["allocated"], 6);
        let back: Capacity = serde_json::from_value(json).unwrap();
        assert_eq!(back, capacity);
    }

    #[test]
    fn disk_serializes_camel_case_with_unknown_smart() {
        let disk = DiskHealth {
            name: "sda".into(),
            serial: Some("WD-1".into()),
            model: None,
            size: Some(4),
            kind: Some(DiskKind::Hdd),
            pool: Some("tank".into()),
            temperature: None,
            vdev_state: Some("ONLINE".into()),
            status: Status::Online,
            errors: ErrorCounts::default(),
            smart: SmartStatus::default(),
            reasons: vec![Reason {
                code: ReasonCode::DeviceErrors,
                status: Status::Warning,
                message: "m".into(),
                subject: None,
            }],
        };
        let json = serde_json::to_value(&disk).unwrap();
        assert_eq!(json["smart"], "unknown");
        assert_eq!(json["type"], "HDD");
        assert_eq!(json["vdevState"], "ONLINE");
        assert_eq!(json["temperature"], serde_json::Value::Null);
        assert_eq!(json["reasons"][0]["code"], "deviceErrors");
        assert!(json["reasons"][0].get("subject").is_none());
        let back: DiskHealth = serde_json::from_value(json).unwrap();
        assert_eq!(back, disk);
    }
}
