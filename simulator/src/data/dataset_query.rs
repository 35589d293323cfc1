//! The `pool.dataset.query` options the way TrueNAS applies them
//! (`plugins/pool_/dataset_query_utils.py` `generic_query` on 25.10,
//! `plugins/pool_/dataset.py` `query` with `zfs.dataset.query` on 24.10):
//!
//! * `extra.retrieve_children` (default true): false does not descend below
//!   the pools' root datasets, so without filters only the roots come back.
//! * `extra.flat` (default true): every dataset in one list, each still
//!   carrying its descendants under `children`; false returns the roots only,
//!   with their trees.
//! * `extra.properties`: the ZFS properties (libzfs names, such as
//!   `encryption` for `encryption_algorithm`) to read; null reads all.
//!   25.10 always adds the top-level `mountpoint` and reports the
//!   encryption state only when a crypto property is asked for; 24.10 has a
//!   top-level `mountpoint` only when asked and derives `encrypted` and
//!   `key_loaded` from the `encryption` and `keystatus` properties.
//! * `extra.retrieve_user_props` (default true): false drops
//!   `user_properties` and the user properties shown at the top (`comments`).
//! * `select` (JSON-RPC only; REST has no such parameter): the fields kept,
//!   `a.b` for a sub-field, `[field, new_name]` to rename, missing ones
//!   skipped (`utils/filter_list.py` `do_select`), applied before paging.

use serde_json::{Map, Value};

/// API field → the libzfs property it comes from, where they differ.
const RENAMED: [(&str, &str); 5] = [
    ("deduplication", "dedup"),
    ("encryption_algorithm", "encryption"),
    ("encryption_root", "encryptionroot"),
    ("key_format", "keyformat"),
    ("special_small_block_size", "special_small_blocks"),
];
/// Fields that are not ZFS properties.
const METADATA: [&str; 5] = ["id", "type", "name", "pool", "children"];
const CRYPTO_STATE: [&str; 4] = ["encrypted", "encryption_root", "key_loaded", "locked"];
const CRYPTO_PROPS: [&str; 5] = [
    "encryption",
    "encryptionroot",
    "keyformat",
    "keylocation",
    "keystatus",
];
const USER_PROPS: [&str; 2] = ["user_properties", "comments"];

fn zfs_name(field: &str) -> &str {
    RENAMED
        .iter()
        .find(|(api, _)| *api == field)
        .map_or(field, |(_, zfs)| zfs)
}

/// One entry with only what `extra` asks for.
fn project(entry: &Value, extra: &Value, legacy: bool) -> Value {
    let Value::Object(all) = entry else {
        return entry.clone();
    };
    let user_props = extra["retrieve_user_props"].as_bool().unwrap_or(true);
    let wanted: Option<Vec<&str>> = extra["properties"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).collect());
    let asked = |name: &str| wanted.as_ref().is_none_or(|w| w.contains(&name));
    let crypto = wanted
        .as_ref()
        .is_none_or(|w| w.iter().any(|p| CRYPTO_PROPS.contains(p)));
    let mut out = Map::new();
    for (key, value) in all {
        let keep = match key.as_str() {
            k if METADATA.contains(&k) => true,
            k if USER_PROPS.contains(&k) => user_props,
            "mountpoint" => !legacy || asked("mountpoint") || all["type"] == "VOLUME",
            k if CRYPTO_STATE.contains(&k) => legacy || crypto,
            k => asked(zfs_name(k)),
        };
        if keep {
            out.insert(key.clone(), value.clone());
        }
    }
    if legacy && wanted.is_some() {
        legacy_crypto_state(&mut out, all, &asked);
    }
    if asked("keystatus") && wanted.is_some() {
        out.insert("keystatus".into(), keystatus(all));
    }
    Value::Object(out)
}

/// 24.10 computes the state from whichever crypto properties it read.
fn legacy_crypto_state(
    out: &mut Map<String, Value>,
    all: &Map<String, Value>,
    asked: &dyn Fn(&str) -> bool,
) {
    let encrypted = asked("encryption") && all["encrypted"] == true;
    let key_loaded = asked("keystatus") && all["key_loaded"] == true;
    out.insert("encrypted".into(), Value::Bool(encrypted));
    let root = if asked("encryptionroot") {
        all["encryption_root"].clone()
    } else {
        Value::Null
    };
    out.insert("encryption_root".into(), root);
    out.insert("key_loaded".into(), Value::Bool(key_loaded));
    out.insert("locked".into(), Value::Bool(encrypted && !key_loaded));
}

fn keystatus(all: &Map<String, Value>) -> Value {
    let raw = match (all["encrypted"].as_bool(), all["key_loaded"].as_bool()) {
        (Some(true), Some(true)) => "available",
        (Some(true), _) => "unavailable",
        _ => "none",
    };
    serde_json::json!({"parsed": raw, "rawvalue": raw, "value": raw.to_ascii_uppercase(), "source": "NONE", "source_info": null})
}

/// Each dataset's direct children, by index into the flat list.
fn child_index(flat: &[Value]) -> Vec<Vec<usize>> {
    let position: std::collections::HashMap<&str, usize> = flat
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((d["name"].as_str()?, i)))
        .collect();
    let mut children = vec![Vec::new(); flat.len()];
    for (i, d) in flat.iter().enumerate() {
        let parent = d["name"].as_str().and_then(|n| n.rsplit_once('/'));
        if let Some(&p) = parent.and_then(|(parent, _)| position.get(parent)) {
            children[p].push(i);
        }
    }
    children
}

fn with_children(i: usize, flat: &[Value], index: &[Vec<usize>]) -> Value {
    let mut out = flat[i].clone();
    let children = index[i]
        .iter()
        .map(|&c| with_children(c, flat, index))
        .collect();
    out["children"] = Value::Array(children);
    out
}

fn is_root(dataset: &Value) -> bool {
    dataset["name"].as_str().is_some_and(|n| !n.contains('/'))
}

/// The answer to `pool.dataset.query` with `options` (the second positional
/// argument) over every dataset in `flat`, before `offset`/`limit`.
pub(crate) fn answer(flat: &[Value], options: &Value, legacy: bool) -> Value {
    let extra = &options["extra"];
    let projected: Vec<Value> = flat.iter().map(|d| project(d, extra, legacy)).collect();
    let children = extra["retrieve_children"].as_bool().unwrap_or(true);
    let flat_list = extra["flat"].as_bool().unwrap_or(true);
    let select = options["select"].as_array().filter(|s| !s.is_empty());
    // Trees that `select` would drop again are not built (same answer, faster).
    let trees = select.is_none_or(|s| s.iter().any(|f| f.to_string().contains("children")));
    let index = child_index(&projected);
    let tree = |i: usize| {
        if trees {
            with_children(i, &projected, &index)
        } else {
            projected[i].clone()
        }
    };
    let all = 0..projected.len();
    let list: Vec<Value> = if !children {
        projected.iter().filter(|d| is_root(d)).cloned().collect()
    } else if flat_list {
        all.map(tree).collect()
    } else {
        all.filter(|&i| is_root(&projected[i])).map(tree).collect()
    };
    match select {
        Some(select) => list.iter().map(|d| pick(d, select)).collect(),
        _ => Value::Array(list),
    }
}

/// `do_select` for one entry.
fn pick(entry: &Value, select: &[Value]) -> Value {
    let mut out = Value::Object(Map::new());
    for field in select {
        let (path, rename) = match field {
            Value::String(path) => (path.as_str(), None),
            Value::Array(pair) => match (
                pair.first().and_then(Value::as_str),
                pair.get(1).and_then(Value::as_str),
            ) {
                (Some(path), Some(name)) => (path, Some(name)),
                _ => continue,
            },
            _ => continue,
        };
        let keys: Vec<&str> = path.split('.').collect();
        let Some(value) = keys.iter().try_fold(entry, |v, k| v.as_object()?.get(*k)) else {
            continue;
        };
        if let Some(name) = rename {
            out[name] = value.clone();
            continue;
        }
        let mut slot = &mut out;
        for key in &keys[..keys.len() - 1] {
            if slot.get(*key).is_none() {
                slot[*key] = Value::Object(Map::new());
            }
            slot = &mut slot[*key];
        }
        slot[keys[keys.len() - 1]] = value.clone();
    }
    out
}

#[cfg(test)]
#[path = "dataset_query_tests.rs"]
mod tests;
