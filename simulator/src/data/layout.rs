//! The physical layout of the simulated NAS for each scenario: which disks
//! exist, how they form vdevs and pools, and what state each is in. Pools
//! and disks are rendered from this one description so the two queries
//! always agree.

use serde_json::Value;

use super::props::disk_name;
use super::scan;
use crate::config::LargeSize;
use crate::scenario::Scenario;

const TB: u64 = 1_000_000_000_000;

#[derive(Debug, Clone)]
pub(crate) struct DiskSpec {
    pub(crate) name: String,
    pub(crate) size: u64,
    pub(crate) ssd: bool,
    pub(crate) pool: Option<String>,
    pub(crate) status: &'static str,
    /// read, write, checksum
    pub(crate) errors: (u64, u64, u64),
}

#[derive(Debug, Clone)]
pub(crate) enum Member {
    Disk(usize),
    /// A disk being replaced: old, new (`REPLACING` vdev).
    Replacing(usize, usize),
}

#[derive(Debug, Clone)]
pub(crate) struct VdevSpec {
    /// RAIDZ1, RAIDZ2, MIRROR
    pub(crate) kind: &'static str,
    pub(crate) index: usize,
    pub(crate) status: &'static str,
    pub(crate) members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub(crate) struct PoolSpec {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) status: &'static str,
    pub(crate) status_code: &'static str,
    pub(crate) status_detail: Option<&'static str>,
    pub(crate) healthy: bool,
    pub(crate) warning: bool,
    pub(crate) data: Vec<VdevSpec>,
    pub(crate) cache: Vec<usize>,
    pub(crate) scan: Value,
}

#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(crate) disks: Vec<DiskSpec>,
    pub(crate) pools: Vec<PoolSpec>,
}

/// Texts libzfs maps each PoolStatus to (`py-libzfs` `libzfs.pyx`).
const FAULTED_DEV_R: &str = "One or more devices are faulted in response to persistent errors. Sufficient replicas exist for the pool to continue functioning in a degraded state.";
const FAULTED_DEV_NR: &str = "One or more devices are faulted in response to persistent errors. There are insufficient replicas for the pool to continue functioning.";
const RESILVERING: &str = "One or more devices is currently being resilvered. The pool will continue to function, possibly in a degraded state.";

fn disk(name: &str, size: u64, ssd: bool, pool: Option<&str>) -> DiskSpec {
    DiskSpec {
        name: name.to_owned(),
        size,
        ssd,
        pool: pool.map(str::to_owned),
        status: "ONLINE",
        errors: (0, 0, 0),
    }
}

fn online_pool(id: u64, name: &str, data: Vec<VdevSpec>, cache: Vec<usize>) -> PoolSpec {
    PoolSpec {
        id,
        name: name.to_owned(),
        status: "ONLINE",
        status_code: "OK",
        status_detail: None,
        healthy: true,
        warning: false,
        data,
        cache,
        scan: scan::scrub_finished(0),
    }
}

pub(crate) fn layout(scenario: Scenario, large: LargeSize) -> Layout {
    if scenario == Scenario::Large {
        return large_layout(large);
    }
    let mut disks: Vec<DiskSpec> = ["sda", "sdb", "sdc", "sdd"]
        .iter()
        .map(|n| disk(n, 4 * TB, false, Some("tank")))
        .collect();
    disks.push(disk("sde", TB, true, Some("tank")));
    disks.push(disk("sdf", 8 * TB, false, Some("backup")));
    disks.push(disk("sdg", 8 * TB, false, Some("backup")));
    disks.push(disk("nvme0n1", TB / 4, true, Some("boot-pool")));
    let raidz = |status, members| VdevSpec {
        kind: "RAIDZ1",
        index: 0,
        status,
        members,
    };
    let all_four = (0..4).map(Member::Disk).collect::<Vec<_>>();
    let mirror = VdevSpec {
        kind: "MIRROR",
        index: 0,
        status: "ONLINE",
        members: vec![Member::Disk(5), Member::Disk(6)],
    };
    let mut tank = online_pool(1, "tank", vec![raidz("ONLINE", all_four.clone())], vec![4]);
    match scenario {
        Scenario::Degraded => {
            disks[2].status = "FAULTED";
            disks[2].errors = (3, 0, 12);
            tank.data = vec![raidz("DEGRADED", all_four)];
            tank.status = "DEGRADED";
            tank.status_code = "FAULTED_DEV_R";
            tank.status_detail = Some(FAULTED_DEV_R);
            tank.healthy = false;
            tank.scan = scan::scrub_finished(12);
        }
        Scenario::Resilvering => {
            disks[2].status = "REMOVED";
            disks[2].pool = None;
            disks.push(disk("sdh", 4 * TB, false, Some("tank")));
            let members = vec![
                Member::Disk(0),
                Member::Disk(1),
                Member::Replacing(2, 8),
                Member::Disk(3),
            ];
            tank.data = vec![raidz("DEGRADED", members)];
            tank.status = "DEGRADED";
            tank.status_code = "RESILVERING";
            tank.status_detail = Some(RESILVERING);
            tank.warning = true;
            tank.scan = scan::resilver_running(42.7);
        }
        Scenario::Faulted => {
            for index in [1, 2] {
                disks[index].status = "FAULTED";
                disks[index].errors = (0, 18, 240);
            }
            tank.data = vec![raidz("UNAVAIL", all_four)];
            tank.status = "FAULTED";
            tank.status_code = "FAULTED_DEV_NR";
            tank.status_detail = Some(FAULTED_DEV_NR);
            tank.healthy = false;
            tank.scan = scan::scrub_finished(0);
        }
        _ => {}
    }
    let backup = online_pool(2, "backup", vec![mirror], vec![]);
    Layout {
        disks,
        pools: vec![tank, backup],
    }
}

/// `pools` pools sharing `disks` disks in RAIDZ2 groups of six (a short
/// last group becomes a mirror), plus the boot disk.
fn large_layout(size: LargeSize) -> Layout {
    let pools = size.pools.max(1);
    let per_pool = (size.disks / pools).max(2);
    let mut disks = Vec::new();
    let mut specs = Vec::new();
    for p in 0..pools {
        let name = format!("pool{p}");
        let first = disks.len();
        for _ in 0..per_pool {
            let index = disks.len();
            disks.push(disk(&disk_name(index), 12 * TB, false, Some(&name)));
        }
        let members: Vec<usize> = (first..disks.len()).collect();
        let data = members
            .chunks(6)
            .enumerate()
            .map(|(index, chunk)| VdevSpec {
                kind: if chunk.len() >= 4 { "RAIDZ2" } else { "MIRROR" },
                index,
                status: "ONLINE",
                members: chunk.iter().copied().map(Member::Disk).collect(),
            })
            .collect();
        specs.push(online_pool(p as u64 + 1, &name, data, vec![]));
    }
    disks.push(disk("nvme0n1", TB / 4, true, Some("boot-pool")));
    Layout {
        disks,
        pools: specs,
    }
}
