//! `pool.query` entries (`PoolEntry` in `api/v25_10_0/pool.py`; vdevs from
//! py-libzfs `ZFSVdev.asdict` reshaped by `pool.transform_topology` in
//! `plugins/pool_/topology.py`).

use serde_json::{Value, json};

use super::disk::disk_entry;
use super::layout::{DiskSpec, Layout, Member, PoolSpec, VdevSpec};
use super::props::{guid, part_uuid};

fn stats(size: u64, errors: (u64, u64, u64)) -> Value {
    json!({
        "timestamp": 1_763_550_000_000_000_000_u64,
        "read_errors": errors.0,
        "write_errors": errors.1,
        "checksum_errors": errors.2,
        "ops": [0, 1520, 930, 0, 0, 0],
        "bytes": [0, 62_275_584, 41_476_096, 0, 0, 0],
        "size": size,
        "allocated": size * 2 / 5,
        "fragmentation": 7,
        "self_healed": 0,
        "configured_ashift": 12,
        "logical_ashift": 9,
        "physical_ashift": 12,
    })
}

/// A leaf: named by partition UUID, with `device`/`disk`, and the disk's
/// `disk.query` entry as `unavail_disk` when it is not ONLINE.
fn leaf(disk: &DiskSpec, legacy: bool) -> Value {
    let uuid = part_uuid(&disk.name);
    let partition = if disk.name.starts_with("nvme") {
        format!("{}p1", disk.name)
    } else {
        format!("{}1", disk.name)
    };
    let unavail = if disk.status == "ONLINE" {
        Value::Null
    } else {
        disk_entry(disk, 0, true, legacy)
    };
    json!({
        "name": uuid,
        "type": "DISK",
        "path": format!("/dev/disk/by-partuuid/{uuid}"),
        "guid": guid(&format!("vdev/{}", disk.name)),
        "status": disk.status,
        "stats": stats(disk.size, disk.errors),
        "children": [],
        "unavail_disk": unavail,
        "device": partition,
        "disk": disk.name,
    })
}

fn inner(name: &str, kind: &str, status: &str, size: u64, children: &[Value]) -> Value {
    json!({
        "name": name,
        "type": kind,
        "path": null,
        "guid": guid(&format!("vdev/{name}/{size}")),
        "status": status,
        "stats": stats(size, (0, 0, 0)),
        "children": children,
        "unavail_disk": null,
    })
}

fn vdev(spec: &VdevSpec, disks: &[DiskSpec], legacy: bool) -> Value {
    let mut size = 0;
    let children = spec
        .members
        .iter()
        .map(|member| match member {
            Member::Disk(d) => {
                size += disks[*d].size;
                leaf(&disks[*d], legacy)
            }
            Member::Replacing(old, new) => {
                size += disks[*new].size;
                let pair = vec![leaf(&disks[*old], legacy), leaf(&disks[*new], legacy)];
                inner(
                    &format!("replacing-{old}"),
                    "REPLACING",
                    "DEGRADED",
                    disks[*new].size,
                    &pair,
                )
            }
        })
        .collect::<Vec<_>>();
    let name = format!("{}-{}", spec.kind.to_ascii_lowercase(), spec.index);
    inner(&name, spec.kind, spec.status, size, &children)
}

fn pool_entry(spec: &PoolSpec, disks: &[DiskSpec], legacy: bool) -> Value {
    let data: Vec<Value> = spec.data.iter().map(|v| vdev(v, disks, legacy)).collect();
    let cache: Vec<Value> = spec
        .cache
        .iter()
        .map(|d| leaf(&disks[*d], legacy))
        .collect();
    let size: u64 = spec
        .data
        .iter()
        .flat_map(|v| &v.members)
        .map(|m| match m {
            Member::Disk(d) | Member::Replacing(_, d) => disks[*d].size,
        })
        .sum();
    let allocated = size * 2 / 5;
    let free = size - allocated;
    json!({
        "id": spec.id,
        "name": spec.name,
        "guid": guid(&format!("pool/{}", spec.name)),
        "status": spec.status,
        "path": format!("/mnt/{}", spec.name),
        "scan": spec.scan,
        "expand": null,
        "is_upgraded": true,
        "healthy": spec.healthy,
        "warning": spec.warning,
        "status_code": spec.status_code,
        "status_detail": spec.status_detail,
        "size": size,
        "allocated": allocated,
        "free": free,
        "freeing": 0,
        "dedup_table_size": 0,
        "dedup_table_quota": "auto",
        "fragmentation": "7",
        "size_str": size.to_string(),
        "allocated_str": allocated.to_string(),
        "free_str": free.to_string(),
        "freeing_str": "0",
        "autotrim": {"parsed": false, "rawvalue": "off", "value": "off", "source": "DEFAULT"},
        "topology": {
            "data": data,
            "log": [],
            "cache": cache,
            "spare": [],
            "special": [],
            "dedup": [],
        },
    })
}

/// Every pool except the boot pool, which `pool.query` never lists.
pub(crate) fn pools(layout: &Layout, legacy: bool) -> Vec<Value> {
    layout
        .pools
        .iter()
        .map(|p| pool_entry(p, &layout.disks, legacy))
        .collect()
}
