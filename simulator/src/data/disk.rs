//! `disk.query` entries (`DiskEntry` in `api/v25_10_0/disk.py`,
//! `plugins/disk.py`) and `disk.temperatures` (`plugins/disk_/temperature.py`).

use serde_json::{Map, Value, json};

use super::layout::{DiskSpec, Layout};
use super::props::{guid, hash};

/// `with_pool` mirrors `extra.pools`: without it `pool` is null. 24.10 still
/// carries the SMART fields 25.10 removed ("NAS-134927 / 25.10 / Remove SMART").
pub(crate) fn disk_entry(disk: &DiskSpec, number: usize, with_pool: bool, legacy: bool) -> Value {
    let serial = format!("ZL{:08X}", hash(&disk.name) as u32);
    let lunid = format!("5000c500{:08x}", hash(&format!("lun/{}", disk.name)) as u32);
    let (model, rotation, kind, bus) = if disk.ssd {
        ("Samsung SSD 870 EVO 1TB", Value::Null, "SSD", "ATA")
    } else {
        ("ST12000VN0008-2YS101", json!(7200), "HDD", "ATA")
    };
    let mut entry = json!({
        "identifier": format!("{{serial_lunid}}{serial}_{lunid}"),
        "name": disk.name,
        "subsystem": "scsi",
        "number": 2048 + number * 16,
        "serial": serial,
        "lunid": lunid,
        "size": disk.size,
        "description": "",
        "transfermode": "Auto",
        "hddstandby": "ALWAYS ON",
        "advpowermgmt": "DISABLED",
        "expiretime": null,
        "model": model,
        "rotationrate": rotation,
        "type": kind,
        "zfs_guid": guid(&format!("vdev/{}", disk.name)),
        "bus": bus,
        "devname": disk.name,
        "enclosure": null,
        "pool": if with_pool { json!(disk.pool) } else { Value::Null },
    });
    if legacy && let Value::Object(map) = &mut entry {
        let smart: Map<String, Value> = [
            ("togglesmart", json!(true)),
            ("smartoptions", json!("")),
            ("critical", Value::Null),
            ("difference", Value::Null),
            ("informational", Value::Null),
            ("supports_smart", json!(true)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        map.extend(smart);
    }
    entry
}

/// Removed disks (not attached any more) are filtered out of `disk.query`.
pub(crate) fn disks(layout: &Layout, with_pool: bool, legacy: bool) -> Vec<Value> {
    layout
        .disks
        .iter()
        .enumerate()
        .filter(|(_, d)| d.status != "REMOVED")
        .map(|(i, d)| disk_entry(d, i, with_pool, legacy))
        .collect()
}

/// Name → °C; the boot NVMe reports null (unknown), as disks without a
/// readable sensor do.
pub(crate) fn temperatures(layout: &Layout) -> Value {
    let map: Map<String, Value> = layout
        .disks
        .iter()
        .filter(|d| d.status != "REMOVED")
        .map(|d| {
            let value = if d.name.starts_with("nvme") {
                Value::Null
            } else {
                json!(30 + hash(&d.name) % 12)
            };
            (d.name.clone(), value)
        })
        .collect();
    Value::Object(map)
}
