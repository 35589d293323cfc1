//! Shapes from other releases (CORE 13.0, SCALE 24.10, offline pools) parse,
//! with what they lack reported as unknown rather than as an error.

#![allow(
    clippy::unwrap_used,
    reason = "helpers shared by tests panic on failure by design"
)]

use truenas::decode::json as decode;
use truenas::types::{Dataset, Disk, Pool, SystemInfo};

#[test]
fn core_system_info_lacks_physical_cores() {
    let text = br#"{"version": "TrueNAS-13.0-U6.1", "hostname": "core", "cores": 8,
        "birthday": {"$date": 1600000000000}, "uptime_seconds": 100.5, "loadavg": [0.1, 0.2, 0.3],
        "boottime": {"$date": 1700000000000}}"#;
    let info: SystemInfo = decode(text, "system.info").unwrap();
    assert_eq!(info.version.as_deref(), Some("TrueNAS-13.0-U6.1"));
    assert_eq!(info.physical_cores, None);
    assert_eq!(
        info.boottime.map(|d| d.unix_millis()),
        Some(1_700_000_000_000)
    );
    assert_eq!(info.ecc_memory, None);
}

#[test]
fn offline_pool_has_no_sizes_and_numeric_fragmentation_is_read() {
    let text = br#"[{"id": 3, "name": "cold", "status": "OFFLINE", "healthy": false, "size": null,
        "allocated": null, "free": null, "scan": null, "topology": null, "fragmentation": null},
        {"id": 4, "name": "old", "status": "ONLINE", "fragmentation": 7, "size": "1000",
        "topology": {"data": null, "log": []}}]"#;
    let pools: Vec<Pool> = decode(text, "pool.query").unwrap();
    assert_eq!(pools[0].size, None);
    assert_eq!(pools[0].topology, None);
    assert_eq!(pools[1].fragmentation.as_deref(), Some("7"));
    assert_eq!(pools[1].size, Some(1000));
    assert!(pools[1].topology.as_ref().unwrap().data.is_empty());
}

#[test]
fn scale_24_10_dataset_properties_are_read_from_raw_text() {
    let text = br#"[{"id": "tank/a", "type": "FILESYSTEM", "pool": "tank", "encrypted": true,
        "key_loaded": false, "mountpoint": "/mnt/tank/a",
        "used": {"parsed": "123456", "rawvalue": "123456", "value": "121K", "source": "NONE"},
        "readonly": {"parsed": "off", "rawvalue": "off", "value": "OFF", "source": "DEFAULT"},
        "quota": {"parsed": null, "rawvalue": "0", "value": null, "source": "DEFAULT"}}]"#;
    let datasets: Vec<Dataset> = decode(text, "pool.dataset.query").unwrap();
    let a = &datasets[0];
    assert_eq!(a.used.as_ref().and_then(|p| p.as_u64()), Some(123_456));
    assert_eq!(a.readonly.as_ref().and_then(|p| p.as_bool()), Some(false));
    assert_eq!(a.quota.as_ref().and_then(|p| p.as_limit()), None);
    assert_eq!(a.locked, None);
    assert_eq!(a.is_locked(), Some(true));
    assert_eq!(a.compressratio, None);
}

#[test]
fn scale_24_10_disk_with_smart_fields_and_numeric_standby() {
    let text =
        br#"[{"identifier": "{serial}X1", "name": "sda", "hddstandby": 10, "togglesmart": true,
        "supports_smart": true, "rotationrate": 5400, "type": "HDD", "pool": null,
        "enclosure": {"number": 0, "slot": 3}}]"#;
    let disks: Vec<Disk> = decode(text, "disk.query").unwrap();
    assert_eq!(disks[0].hddstandby.as_deref(), Some("10"));
    assert_eq!(disks[0].pool, None);
    assert_eq!(disks[0].enclosure.as_ref().and_then(|e| e.slot), Some(3));
    assert_eq!(disks[0].temperature, None);
}

#[test]
fn wrong_top_level_shape_is_malformed() {
    let err = decode::<Vec<Pool>>(br#"{"message": "not a list"}"#, "pool.query").unwrap_err();
    assert_eq!(err.category(), truenas::Category::Malformed);
}
