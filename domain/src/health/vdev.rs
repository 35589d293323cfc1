//! The pool topology: vdev trees with a status per node, the reasons they
//! give the pool, the layout summary, and which leaf each disk is.
//!
//! `pool.query` vdevs (`ZFSVdev.asdict` + `pool.transform_topology`): leaves
//! carry `disk` ("sda"); `stats` has the read/write/checksum counters.

use std::collections::BTreeMap;

use model::resources::{
    ErrorCounts, LayoutGroup, PoolHealth, Reason, ReasonCode, Status, TopologyGroup, VdevNode,
    VdevRole,
};
use truenas::types::{Topology, Vdev};

use super::reason;

/// Status of one device from its ZFS state. Spares report AVAIL or INUSE,
/// which are not faults; an administrator's OFFLINE is attention, not loss.
pub fn device_status(state: Option<&str>) -> Status {
    match state.map(str::to_ascii_uppercase).as_deref() {
        Some("ONLINE" | "AVAIL" | "INUSE") => Status::Online,
        Some("DEGRADED" | "OFFLINE") => Status::Warning,
        Some("FAULTED" | "UNAVAIL" | "REMOVED" | "SUSPENDED") => Status::Critical,
        _ => Status::Unknown,
    }
}

fn error_counts(vdev: &Vdev) -> ErrorCounts {
    let stats = vdev.stats.as_ref();
    ErrorCounts {
        read: stats.and_then(|s| s.read_errors),
        write: stats.and_then(|s| s.write_errors),
        checksum: stats.and_then(|s| s.checksum_errors),
    }
}

/// "3 read, 12 checksum errors", or None when every counter is zero or
/// missing.
pub(crate) fn describe_errors(errors: ErrorCounts) -> Option<String> {
    let parts: Vec<String> = [
        (errors.read, "read"),
        (errors.write, "write"),
        (errors.checksum, "checksum"),
    ]
    .into_iter()
    .filter_map(|(count, kind)| count.filter(|n| *n > 0).map(|n| format!("{n} {kind}")))
    .collect();
    (!parts.is_empty()).then(|| format!("{} errors", parts.join(", ")))
}

fn node(vdev: &Vdev) -> VdevNode {
    let errors = error_counts(vdev);
    let mut status = device_status(vdev.status.as_deref());
    if describe_errors(errors).is_some() {
        status = status.worst(Status::Warning);
    }
    VdevNode {
        name: vdev.name.clone(),
        vdev_type: vdev.vdev_type.clone(),
        state: vdev.status.clone(),
        status,
        read_errors: errors.read,
        write_errors: errors.write,
        checksum_errors: errors.checksum,
        disk: vdev.disk.clone(),
        children: vdev.children.iter().map(node).collect(),
    }
}

fn label(node: &VdevNode) -> Option<&str> {
    node.disk.as_deref().or(node.name.as_deref())
}

/// Reasons for one subtree; returns whether it explained a bad state, so
/// a DEGRADED raidz whose FAULTED disk is already named adds nothing.
fn collect(node: &VdevNode, pool: &str, reasons: &mut Vec<Reason>) -> bool {
    let mut explained = false;
    for child in &node.children {
        explained |= collect(child, pool, reasons);
    }
    let subject = label(node);
    let shown = subject.unwrap_or("an unnamed device");
    let state_status = device_status(node.state.as_deref());
    if !explained && matches!(state_status, Status::Warning | Status::Critical) {
        let state = node.state.as_deref().unwrap_or_default();
        reasons.push(reason(
            ReasonCode::DeviceState,
            Status::Warning,
            format!("{shown} in pool {pool} is {state}"),
            subject,
        ));
        explained = true;
    }
    let errors = ErrorCounts {
        read: node.read_errors,
        write: node.write_errors,
        checksum: node.checksum_errors,
    };
    if let Some(text) = describe_errors(errors) {
        reasons.push(reason(
            ReasonCode::DeviceErrors,
            Status::Warning,
            format!("{shown} in pool {pool} has {text}"),
            subject,
        ));
    }
    explained
}

fn roles(topology: &Topology) -> [(VdevRole, &[Vdev]); 6] {
    [
        (VdevRole::Data, &topology.data),
        (VdevRole::Log, &topology.log),
        (VdevRole::Special, &topology.special),
        (VdevRole::Dedup, &topology.dedup),
        (VdevRole::Cache, &topology.cache),
        (VdevRole::Spare, &topology.spare),
    ]
}

/// The vdev trees by role, empty roles left out.
pub fn topology_groups(topology: &Topology) -> Vec<TopologyGroup> {
    roles(topology)
        .into_iter()
        .filter(|(_, vdevs)| !vdevs.is_empty())
        .map(|(role, vdevs)| TopologyGroup {
            role,
            vdevs: vdevs.iter().map(node).collect(),
        })
        .collect()
}

/// Device reasons for the whole topology, each naming its device.
pub fn device_reasons(pool: &str, groups: &[TopologyGroup]) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for node in groups.iter().flat_map(|g| &g.vdevs) {
        collect(node, pool, &mut reasons);
    }
    reasons
}

/// One line per (role, vdev type): "raidz1 ×1 (4 disks)". A top-level
/// disk is its own single-slot vdev; a REPLACING pair fills one slot.
pub fn layout(groups: &[TopologyGroup]) -> Vec<LayoutGroup> {
    let mut lines: Vec<LayoutGroup> = Vec::new();
    for group in groups {
        for vdev in &group.vdevs {
            let kind = vdev
                .vdev_type
                .as_deref()
                .unwrap_or("unknown")
                .to_ascii_lowercase();
            let slots = u32::try_from(vdev.children.len().max(1)).unwrap_or(u32::MAX);
            match lines
                .iter_mut()
                .find(|l| l.role == group.role && l.kind == kind)
            {
                Some(line) => {
                    line.vdevs = line.vdevs.saturating_add(1);
                    line.disks = line.disks.saturating_add(slots);
                }
                None => lines.push(LayoutGroup {
                    role: group.role,
                    kind,
                    vdevs: 1,
                    disks: slots,
                    summary: String::new(),
                }),
            }
        }
    }
    for line in &mut lines {
        let noun = if line.disks == 1 { "disk" } else { "disks" };
        let prefix = match line.role {
            VdevRole::Data => String::new(),
            other => format!("{}: ", other.as_str()),
        };
        line.summary = format!(
            "{prefix}{} ×{} ({} {noun})",
            line.kind, line.vdevs, line.disks
        );
    }
    lines
}

/// A disk's place in a pool, as the topology reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub pool: String,
    pub role: VdevRole,
    pub state: Option<String>,
    pub status: Status,
    pub errors: ErrorCounts,
}

/// Disk name ("sda") → every leaf it backs (normally one).
pub type LeafMap = BTreeMap<String, Vec<Leaf>>;

fn add_leaves(node: &VdevNode, pool: &str, role: VdevRole, map: &mut LeafMap) {
    if node.children.is_empty()
        && let Some(disk) = &node.disk
    {
        map.entry(disk.clone()).or_default().push(Leaf {
            pool: pool.to_owned(),
            role,
            state: node.state.clone(),
            status: node.status,
            errors: ErrorCounts {
                read: node.read_errors,
                write: node.write_errors,
                checksum: node.checksum_errors,
            },
        });
    }
    for child in &node.children {
        add_leaves(child, pool, role, map);
    }
}

/// The disk → leaf map over evaluated pools.
pub fn leaf_map(pools: &[PoolHealth]) -> LeafMap {
    let mut map = LeafMap::new();
    for pool in pools {
        for group in &pool.topology {
            for node in &group.vdevs {
                add_leaves(node, &pool.name, group.role, &mut map);
            }
        }
    }
    map
}

#[cfg(test)]
#[path = "vdev_tests.rs"]
mod tests;
