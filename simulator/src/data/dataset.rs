//! `pool.dataset.query` entries (`PoolDatasetEntry` in
//! `api/v25_10_0/pool_dataset.py`, built by
//! `plugins/pool_/dataset_query_utils.py`) with every property; the query
//! options are applied in `dataset_query.rs`.

use serde_json::{Map, Value, json};

use super::props::{creation, limit, on_off, ratio, size, text};

const GIB: u64 = 1 << 30;

#[derive(Debug, Clone)]
pub(crate) struct DatasetSpec {
    pub(crate) name: String,
    pub(crate) volume: bool,
    pub(crate) used: u64,
    pub(crate) available: u64,
    pub(crate) quota: u64,
    /// `Some(key_loaded)` for encrypted datasets.
    pub(crate) encrypted: Option<bool>,
    pub(crate) readonly: bool,
    pub(crate) comment: Option<&'static str>,
}

impl DatasetSpec {
    pub(crate) fn fs(name: &str, used_gib: u64, available_gib: u64) -> Self {
        Self {
            name: name.to_owned(),
            volume: false,
            used: used_gib * GIB,
            available: available_gib * GIB,
            quota: 0,
            encrypted: None,
            readonly: false,
            comment: None,
        }
    }

    pub(crate) fn pool(&self) -> &str {
        self.name.split('/').next().unwrap_or(&self.name)
    }
}

fn encryption_props(map: &mut Map<String, Value>, spec: &DatasetSpec) {
    let (algorithm, format) = if spec.encrypted.is_some() {
        ("aes-256-gcm", "hex")
    } else {
        ("off", "none")
    };
    map.insert("encryption_algorithm".into(), text(algorithm, "NONE"));
    map.insert("key_format".into(), text(format, "NONE"));
    map.insert(
        "pbkdf2iters".into(),
        json!({"parsed": "0", "rawvalue": "0", "value": "0", "source": "DEFAULT", "source_info": null}),
    );
}

pub(crate) fn entry(spec: &DatasetSpec, legacy: bool) -> Value {
    let is_root = !spec.name.contains('/');
    let inherited = if is_root { "LOCAL" } else { "INHERITED" };
    let locked = spec.encrypted == Some(false);
    let mut map = Map::new();
    map.insert("id".into(), json!(spec.name));
    map.insert(
        "type".into(),
        json!(if spec.volume { "VOLUME" } else { "FILESYSTEM" }),
    );
    map.insert("name".into(), json!(spec.name));
    map.insert("pool".into(), json!(spec.pool()));
    map.insert("encrypted".into(), json!(spec.encrypted.is_some()));
    map.insert(
        "encryption_root".into(),
        if spec.encrypted.is_some() {
            json!(spec.name)
        } else {
            Value::Null
        },
    );
    map.insert("key_loaded".into(), json!(spec.encrypted.unwrap_or(false)));
    map.insert("locked".into(), json!(locked));
    map.insert("children".into(), json!([]));
    let mut user = Map::new();
    if let Some(comment) = spec.comment {
        let prop = json!({"parsed": comment, "rawvalue": comment, "value": comment, "source": "LOCAL", "source_info": null});
        map.insert("comments".into(), prop.clone());
        user.insert("poolwatch:owner".into(), prop);
    }
    map.insert("user_properties".into(), Value::Object(user));
    map.insert(
        "mountpoint".into(),
        if spec.volume {
            Value::Null
        } else {
            json!(format!("/mnt/{}", spec.name))
        },
    );
    map.insert("available".into(), size(spec.available, legacy));
    map.insert("checksum".into(), text("on", "DEFAULT"));
    map.insert("compression".into(), text("lz4", inherited));
    map.insert(
        "compressratio".into(),
        ratio(1.0 + (spec.used % 97) as f64 / 100.0),
    );
    map.insert(
        "copies".into(),
        json!({"parsed": 1, "rawvalue": "1", "value": "1", "source": "DEFAULT", "source_info": null}),
    );
    map.insert("creation".into(), creation());
    map.insert("deduplication".into(), on_off(false, "DEFAULT"));
    encryption_props(&mut map, spec);
    map.insert(
        "origin".into(),
        json!({"parsed": "", "rawvalue": "", "value": "", "source": "NONE", "source_info": null}),
    );
    map.insert(
        "readonly".into(),
        on_off(
            spec.readonly,
            if spec.readonly { "LOCAL" } else { "DEFAULT" },
        ),
    );
    map.insert("refreservation".into(), limit(0, legacy));
    map.insert("reservation".into(), limit(0, legacy));
    map.insert("snapdev".into(), text("hidden", "DEFAULT"));
    map.insert("sync".into(), text("standard", "DEFAULT"));
    map.insert("used".into(), size(spec.used, legacy));
    map.insert("usedbychildren".into(), size(spec.used / 2, legacy));
    map.insert("usedbydataset".into(), size(spec.used / 3, legacy));
    map.insert("usedbyrefreservation".into(), size(0, legacy));
    map.insert(
        "usedbysnapshots".into(),
        size(spec.used - spec.used / 2 - spec.used / 3, legacy),
    );
    if spec.volume {
        map.insert(
            "volblocksize".into(),
            json!({"parsed": 16384, "rawvalue": "16384", "value": "16K", "source": "DEFAULT", "source_info": null}),
        );
        map.insert("volsize".into(), size(spec.used, legacy));
    } else {
        map.insert("aclmode".into(), text("discard", inherited));
        map.insert("acltype".into(), text("posix", inherited));
        map.insert("atime".into(), on_off(false, inherited));
        map.insert("casesensitivity".into(), text("sensitive", "NONE"));
        map.insert("exec".into(), on_off(true, "DEFAULT"));
        map.insert("quota".into(), limit(spec.quota, legacy));
        map.insert(
            "recordsize".into(),
            json!({"parsed": 131072, "rawvalue": "131072", "value": "128K", "source": "DEFAULT", "source_info": null}),
        );
        map.insert("refquota".into(), limit(0, legacy));
        map.insert("snapdir".into(), text("hidden", "DEFAULT"));
        map.insert(
            "special_small_block_size".into(),
            json!({"parsed": 0, "rawvalue": "0", "value": "0", "source": "DEFAULT", "source_info": null}),
        );
        map.insert("xattr".into(), text("sa", inherited));
    }
    Value::Object(map)
}
