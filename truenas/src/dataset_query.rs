//! What `Client::datasets` asks `pool.dataset.query` for, and how it
//! flattens the hierarchical answer that REST returns.

use crate::types::Dataset;

/// The ZFS properties (libzfs names) `datasets()` asks for: the ones the
/// health model and the metrics read. `encryption`, `encryptionroot` and
/// `keystatus` make TrueNAS report `encrypted`, `encryption_root`,
/// `key_loaded` and `locked` (24.10 computes them from these properties,
/// 25.10 adds them when any crypto property is asked for).
pub const DATASET_PROPERTIES: &[&str] = &[
    "used",
    "available",
    "quota",
    "volsize",
    "compressratio",
    "readonly",
    "mountpoint",
    "encryption",
    "encryptionroot",
    "keystatus",
];

/// The fields `datasets()` keeps over JSON-RPC (`select`), leaving out the
/// nested `children` trees. `name` and `pool` are left out because they
/// repeat `id` and its first component. Of each property only `parsed` is kept (a dotted
/// name selects one member: `utils/filter_list.py` `do_select`), which cuts
/// a dataset from about 720 to about 330 bytes; `rawvalue` is kept where
/// `parsed` has been text on some releases (the ratio, the on/off flag).
pub const DATASET_FIELDS: &[&str] = &[
    "id",
    "type",
    "mountpoint",
    "encrypted",
    "encryption_root",
    "key_loaded",
    "locked",
    "used.parsed",
    "available.parsed",
    "quota.parsed",
    "volsize.parsed",
    "compressratio.parsed",
    "compressratio.rawvalue",
    "readonly.parsed",
    "readonly.rawvalue",
];

/// Moves `dataset` and its nested descendants into `out`, parents first.
pub(crate) fn flatten_into(mut dataset: Dataset, out: &mut Vec<Dataset>) {
    let children = std::mem::take(&mut dataset.children);
    out.push(dataset);
    for child in children {
        flatten_into(child, out);
    }
}
