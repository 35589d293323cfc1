//! One pool from `pool.query` (facts §4) and its root dataset (§5) →
//! [`PoolHealth`]. Health follows `status` and `status_code`, never
//! `healthy` alone: py-libzfs reports `healthy=true` while a DEGRADED pool
//! resilvers.

use model::resources::{
    Capacity, PoolHealth, RawCapacity, Reason, ReasonCode, ScanInfo, Status, UsableCapacity,
};
use truenas::types::{Pool, Scan};

use super::dataset_row::DatasetRow;
use super::vdev::{device_reasons, layout, topology_groups};
use super::{combined, reason, rfc3339};

/// libzfs status codes that need no attention: an available feature
/// upgrade is a choice, not a fault. RESILVERING has its own reason.
const BENIGN_CODES: [&str; 4] = ["OK", "FEAT_DISABLED", "VERSION_OLDER", "RESILVERING"];

fn state_status(state: Option<&str>) -> Status {
    match state.map(str::to_ascii_uppercase).as_deref() {
        Some("ONLINE") => Status::Online,
        Some("DEGRADED") => Status::Warning,
        Some("FAULTED" | "OFFLINE" | "REMOVED" | "UNAVAIL" | "SUSPENDED") => Status::Critical,
        _ => Status::Unknown,
    }
}

fn state_reason(pool: &Pool, status: Status) -> Option<Reason> {
    let name = &pool.name;
    let message = match (pool.status.as_deref(), status) {
        (None, _) => format!("pool {name} did not report its state"),
        (Some(_), Status::Online) => return None,
        (Some(state), Status::Unknown) => format!("pool {name} reports an unknown state {state}"),
        (Some(state), _) if state.eq_ignore_ascii_case("OFFLINE") => {
            format!("pool {name} is OFFLINE (not imported)")
        }
        (Some(state), _) => match &pool.status_detail {
            Some(detail) => format!("pool {name} is {state}: {detail}"),
            None => format!("pool {name} is {state}"),
        },
    };
    let code = if pool.status.is_some() {
        ReasonCode::PoolState
    } else {
        ReasonCode::MissingData
    };
    Some(reason(code, status, message, None))
}

/// A problem libzfs reports while the state still reads ONLINE (for
/// example CORRUPT_DATA), or `healthy=false` with nothing else to explain it.
fn code_reason(pool: &Pool, status: Status) -> Option<Reason> {
    if status != Status::Online && status != Status::Unknown {
        return None;
    }
    let name = &pool.name;
    let detail = pool.status_detail.as_deref();
    match pool.status_code.as_deref() {
        Some(code) if !BENIGN_CODES.iter().any(|b| code.eq_ignore_ascii_case(b)) => {
            let message = match detail {
                Some(detail) => format!("pool {name}: {detail} ({code})"),
                None => format!("pool {name} reports {code}"),
            };
            Some(reason(
                ReasonCode::PoolStatusCode,
                Status::Warning,
                message,
                None,
            ))
        }
        _ if pool.healthy == Some(false) => Some(reason(
            ReasonCode::PoolStatusCode,
            Status::Warning,
            format!("TrueNAS reports pool {name} as unhealthy"),
            None,
        )),
        _ => None,
    }
}

fn is(value: Option<&str>, expected: &str) -> bool {
    value.is_some_and(|v| v.eq_ignore_ascii_case(expected))
}

fn duration(seconds: u64) -> String {
    let (hours, minutes) = (seconds / 3600, (seconds % 3600) / 60);
    match (hours, minutes) {
        (0, 0) => "under a minute".to_owned(),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn scan_reasons(pool: &Pool, scan: Option<&Scan>) -> Vec<Reason> {
    let name = &pool.name;
    let mut reasons = Vec::new();
    let function = scan.and_then(|s| s.function.as_deref());
    let scanning = scan.is_some_and(|s| is(s.state.as_deref(), "SCANNING"));
    if (is(function, "RESILVER") && scanning) || is(pool.status_code.as_deref(), "RESILVERING") {
        let mut message = format!("pool {name} is resilvering");
        if let Some(pct) = scan.and_then(|s| s.percentage).filter(|p| p.is_finite()) {
            message.push_str(&format!(", {pct:.1} % done"));
        }
        if let Some(left) = scan.and_then(|s| s.total_secs_left).filter(|_| scanning) {
            message.push_str(&format!(", about {} left", duration(left)));
        }
        reasons.push(reason(
            ReasonCode::Resilvering,
            Status::Warning,
            message,
            None,
        ));
    }
    if let Some(errors) = scan.and_then(|s| s.errors).filter(|n| *n > 0) {
        let what = if is(function, "RESILVER") {
            "resilver"
        } else {
            "scrub"
        };
        let when = if scanning { "running" } else { "last" };
        reasons.push(reason(
            ReasonCode::ScanErrors,
            Status::Warning,
            format!("{when} {what} of pool {name} found {errors} errors"),
            None,
        ));
    }
    reasons
}

fn scan_info(scan: &Scan) -> ScanInfo {
    ScanInfo {
        function: scan.function.clone(),
        state: scan.state.clone(),
        percentage: scan.percentage.filter(|p| p.is_finite()),
        started_at: scan.start_time.and_then(rfc3339),
        ended_at: scan.end_time.and_then(rfc3339),
        paused_at: scan.pause.and_then(rfc3339),
        errors: scan.errors,
        seconds_left: scan.total_secs_left,
    }
}

/// The pool's top-level dataset (same name as the pool), if listed.
pub fn root_dataset<'a>(pool: &str, datasets: &'a [DatasetRow]) -> Option<&'a DatasetRow> {
    datasets.iter().find(|d| d.name() == pool)
}

/// Usable is `used + available` of the root dataset; raw is `pool.query`'s
/// vdev figures. A zero or missing size means not imported: unknown.
fn capacity(pool: &Pool, root: Option<&DatasetRow>) -> Capacity {
    let usable = root
        .filter(|d| d.name() == pool.name)
        .and_then(|d| {
            let used = d.used()?;
            let total = used.checked_add(d.available()?)?;
            (total > 0).then_some(UsableCapacity::Known { used, total })
        })
        .unwrap_or(UsableCapacity::Unknown);
    let raw = match (pool.size.filter(|s| *s > 0), pool.allocated) {
        (Some(size), Some(allocated)) => RawCapacity::Known {
            size,
            allocated,
            free: pool.free,
        },
        _ => RawCapacity::Unknown,
    };
    Capacity { usable, raw }
}

fn fragmentation(pool: &Pool) -> Option<u32> {
    let text = pool.fragmentation.as_deref()?.trim().trim_end_matches('%');
    text.parse::<u32>().ok().or_else(|| {
        text.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && *f >= 0.0 && *f <= f64::from(u32::MAX))
            .map(|f| f.round() as u32)
    })
}

/// Evaluates one pool. `root` is its root dataset (see [`root_dataset`]);
/// without it usable capacity is unknown.
pub fn evaluate_pool(pool: &Pool, root: Option<&DatasetRow>) -> PoolHealth {
    let base = state_status(pool.status.as_deref());
    let topology = pool
        .topology
        .as_ref()
        .map(topology_groups)
        .unwrap_or_default();
    let mut reasons: Vec<Reason> = state_reason(pool, base).into_iter().collect();
    reasons.extend(code_reason(pool, base));
    reasons.extend(scan_reasons(pool, pool.scan.as_ref()));
    reasons.extend(device_reasons(&pool.name, &topology));
    PoolHealth {
        name: pool.name.clone(),
        guid: pool.guid.clone(),
        status: combined(base, &reasons),
        state: pool.status.clone(),
        status_code: pool.status_code.clone(),
        status_detail: pool.status_detail.clone(),
        layout: layout(&topology),
        topology,
        scan: pool.scan.as_ref().map(scan_info),
        capacity: capacity(pool, root),
        fragmentation: fragmentation(pool),
        reasons,
    }
}

#[cfg(test)]
#[path = "pool_tests.rs"]
mod tests;
