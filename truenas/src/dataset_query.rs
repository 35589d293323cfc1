//! `Client::datasets` and `Client::dataset_rows`: what they ask
//! `pool.dataset.query` for, in pages, and how the hierarchical answer that
//! REST returns is flattened.

use serde::de::DeserializeOwned;
use serde_json::json;

use crate::client::Client;
use crate::error::Error;
use crate::rest::RestCall;
use crate::rpc::{Scan, no_scan};
use crate::session::Transport;
use crate::types::dataset_scan::scan_answer;
use crate::types::{Dataset, DatasetList, FromDataset};

/// Datasets per request: about 0.35 KiB each with [`DATASET_FIELDS`] over
/// JSON-RPC (3.5 KiB with every property), so a page stays under a MiB.
const DATASET_PAGE: usize = 1_000;

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

impl Client {
    /// Every dataset, with only the properties poolwatch reads (see
    /// [`DATASET_PROPERTIES`]); the other fields are `None`.
    ///
    /// JSON-RPC asks for the flat list with `select`, which drops each
    /// entry's nested `children` tree, in pages so a NAS with thousands of
    /// datasets stays under the answer size limit. REST has no `select`, so
    /// it asks for the hierarchy (`extra.flat=false`: the pools' root
    /// datasets with their descendants nested, each dataset once) and
    /// flattens it. `extra.retrieve_children=false` is no way out: TrueNAS
    /// then does not descend below the root datasets at all.
    pub async fn datasets(&self) -> Result<Vec<Dataset>, Error> {
        let mut all = Vec::new();
        self.dataset_pages(no_scan, |page: Vec<Dataset>| {
            let listed = page.len();
            // A `Dataset` is large inline: the usual single flat page is
            // kept as it is rather than moved entry by entry.
            let flat = page.iter().all(|d| d.children.is_empty());
            if flat && all.is_empty() {
                all = page;
            } else if flat {
                all.extend(page);
            } else {
                for dataset in page {
                    flatten_into(dataset, &mut all);
                }
            }
            listed
        })
        .await?;
        Ok(all)
    }

    /// The same query as [`Self::datasets`], each entry turned into the
    /// caller's `R` while the answer is parsed, from a view that borrows
    /// the answer's text: what a poll uses, since it keeps a compact row
    /// per dataset and no owned [`Dataset`] is then built at all. A
    /// JSON-RPC page in the usual shape is read by `types::dataset_scan`,
    /// anything else by serde.
    pub async fn dataset_rows<R: FromDataset + Send>(&self) -> Result<Vec<R>, Error> {
        let mut rows = Vec::new();
        self.dataset_pages(scan_answer, |page: DatasetList<R>| {
            if rows.is_empty() {
                rows = page.rows;
            } else {
                rows.extend(page.rows);
            }
            page.listed
        })
        .await?;
        Ok(rows)
    }

    /// Pages through `pool.dataset.query` (see [`Self::datasets`]), handing
    /// each page to `take`, which says how many top-level entries it held.
    async fn dataset_pages<P: DeserializeOwned>(
        &self,
        scan: Scan<P>,
        mut take: impl FnMut(P) -> usize,
    ) -> Result<(), Error> {
        let quoted: Vec<String> = DATASET_PROPERTIES
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect();
        let properties = format!("[{}]", quoted.join(","));
        let mut offset = 0;
        loop {
            let query = [
                ("extra.flat", "false"),
                ("extra.properties", properties.as_str()),
                ("extra.retrieve_user_props", "false"),
            ];
            let rest = RestCall {
                query: &query,
                ..RestCall::get("/pool/dataset")
            };
            let options = json!({
                "extra": {"properties": DATASET_PROPERTIES, "retrieve_user_props": false},
                "select": DATASET_FIELDS,
                "limit": DATASET_PAGE,
                "offset": offset,
            });
            let page: P = self
                .call_with("pool.dataset.query", json!([[], options]), rest, scan)
                .await?;
            let listed = take(page);
            offset += listed;
            if listed < DATASET_PAGE || self.transport() == Some(Transport::Rest) {
                return Ok(());
            }
        }
    }
}
