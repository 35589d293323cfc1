//! `alert.list` (`AlertSerializer` in `plugins/alert.py`, classes under
//! `alert/source/`), snapshots (`PoolSnapshotEntry` in
//! `api/v25_10_0/pool_snapshot.py`, py-libzfs `snapshots_serialized`) and
//! `replication.query` (`ReplicationEntry` in `api/v25_10_0/replication.py`).

use serde_json::{Value, json};

use super::layout::PoolSpec;
use super::props::{CREATION_SECS, CREATION_TEXT, date, human, part_uuid};

fn alert(
    klass: &str,
    level: &str,
    text: &str,
    args: &Value,
    formatted: &str,
    dismissed: bool,
) -> Value {
    let uuid = part_uuid(&format!("alert/{klass}/{args}"));
    let at = date((CREATION_SECS + 2 * 86_400) * 1000);
    json!({
        "uuid": uuid,
        "source": klass,
        "klass": klass,
        "args": args,
        "node": "Controller A",
        "key": args.to_string(),
        "datetime": at,
        "last_occurrence": at,
        "dismissed": dismissed,
        "mail": null,
        "text": text,
        "id": uuid,
        "level": level,
        "formatted": formatted,
        "one_shot": false,
    })
}

/// `VolumeStatus` fires when a pool is not healthy, or warns with a status
/// other than FEAT_DISABLED (so also while resilvering,
/// `alert/source/volume_status.py`). Sorted by level, highest first.
pub(crate) fn alerts(pools: &[PoolSpec]) -> Value {
    let mut list = Vec::new();
    for pool in pools {
        if !pool.healthy || (pool.warning && pool.status_code != "FEAT_DISABLED") {
            let detail = pool.status_detail.unwrap_or_default();
            let args =
                json!({"volume": pool.name, "state": pool.status, "status": detail, "devices": ""});
            let formatted = format!("Pool {} state is {}: {}", pool.name, pool.status, detail);
            list.push(alert(
                "VolumeStatus",
                "CRITICAL",
                "Pool %(volume)s state is %(state)s: %(status)s%(devices)s",
                &args,
                &formatted,
                false,
            ));
        }
    }
    list.push(alert(
        "ZpoolCapacityNotice",
        "INFO",
        "Space usage for pool \"%(volume)s\" is %(capacity)d%%. Optimal pool performance requires used space remain below 80%%.",
        &json!({"volume": "backup", "capacity": 86}),
        "Space usage for pool \"backup\" is 86%. Optimal pool performance requires used space remain below 80%.",
        true,
    ));
    Value::Array(list)
}

/// Snapshot property values use the ZFS short form ("37.0M").
pub(crate) fn snapshot(dataset: &str, name: &str, used: u64, txg: u64) -> Value {
    let full = format!("{dataset}@{name}");
    let pool = dataset.split('/').next().unwrap_or(dataset);
    let prop = |parsed: Value, raw: String, value: String| json!({"parsed": parsed, "rawvalue": raw, "value": value, "source": "NONE"});
    json!({
        "id": full,
        "name": full,
        "pool": pool,
        "type": "SNAPSHOT",
        "snapshot_name": name,
        "dataset": dataset,
        "createtxg": txg.to_string(),
        "properties": {
            "creation": prop(date(CREATION_SECS * 1000), CREATION_SECS.to_string(), CREATION_TEXT.to_owned()),
            "used": prop(json!(used), used.to_string(), human(used, true)),
            "referenced": prop(json!(used * 8), (used * 8).to_string(), human(used * 8, true)),
            "createtxg": prop(json!(txg.to_string()), txg.to_string(), txg.to_string()),
        },
    })
}

pub(crate) fn replication(failed: bool) -> Value {
    let state = if failed {
        json!({
            "state": "ERROR",
            "datetime": date((CREATION_SECS + 2 * 86_400) * 1000),
            "error": "cannot open 'tank/media': pool I/O is currently suspended",
            "last_snapshot": "tank/media@auto-2025-11-19_00-00",
        })
    } else {
        json!({
            "state": "FINISHED",
            "datetime": date((CREATION_SECS + 2 * 86_400) * 1000),
            "last_snapshot": "tank/media@auto-2025-11-20_00-00",
        })
    };
    json!([{
        "id": 1,
        "name": "tank/media - backup/replica",
        "direction": "PUSH",
        "transport": "LOCAL",
        "ssh_credentials": null,
        "netcat_active_side": null,
        "sudo": false,
        "source_datasets": ["tank/media"],
        "target_dataset": "backup/replica",
        "recursive": true,
        "exclude": [],
        "properties": true,
        "replicate": false,
        "encryption": false,
        "encryption_key": null,
        "periodic_snapshot_tasks": [],
        "naming_schema": [],
        "also_include_naming_schema": ["auto-%Y-%m-%d_%H-%M"],
        "name_regex": null,
        "auto": true,
        "schedule": {"minute": "00", "hour": "*", "dom": "*", "month": "*", "dow": "*", "begin": "00:00", "end": "23:59"},
        "restrict_schedule": null,
        "only_matching_schedule": false,
        "allow_from_scratch": false,
        "readonly": "SET",
        "hold_pending_snapshots": false,
        "retention_policy": "SOURCE",
        "lifetime_value": null,
        "lifetime_unit": null,
        "lifetimes": [],
        "compression": null,
        "speed_limit": null,
        "large_block": true,
        "embed": false,
        "compressed": true,
        "retries": 5,
        "logging_level": null,
        "enabled": true,
        "state": state,
        "job": null,
        "has_encrypted_dataset_keys": false,
    }])
}
