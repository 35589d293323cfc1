//! The storage page's rows: each resource flattened once into what the table
//! shows and filters on, so a keystroke scans plain fields instead of
//! re-walking 10,000 nested resources. Plain Rust, unit-tested on the host.
//! Search folds ASCII case only (ZFS and device names are ASCII), which keeps
//! Unicode case tables out of the WASM.

use model::monitor::{Freshness, Resource, ResourceType, SourceStatus};
use model::resources::{
    DatasetHealth, DatasetKind, DiskHealth, ErrorCounts, PoolHealth, RawCapacity, ScanInfo,
    SmartStatus, Status, UsableCapacity, VdevNode,
};

use crate::format;

/// One pool, dataset or disk as the storage table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub kind: ResourceType,
    pub name: String,
    /// Name and NAS name in ASCII lower case, searched by the text filter.
    search: String,
    pub connection_id: String,
    pub connection_name: String,
    pub status: Status,
    /// "stale since …" when the NAS's data is not fresh.
    pub stale: Option<String>,
    /// Usable (pools, datasets) or device size (disks, as `(size, size)`).
    pub used: Option<(u64, u64)>,
    /// Raw vdev space of a pool: allocated of size.
    pub raw: Option<(u64, u64)>,
    /// ZFS facts: layout, scrub, errors, compression, encryption, …
    pub labels: Vec<String>,
    pub reason: Option<String>,
    /// The pool the row belongs to (itself for a pool), for the detail link.
    pub pool: Option<String>,
}

impl Row {
    pub fn from_resource(r: Resource) -> Row {
        let stale = stale_note(&r.source_status.truenas);
        let reason = r.reasons.into_iter().next().map(|x| x.message);
        let mut row = Row {
            search: format!("{}\n{}", r.name, r.connection_name).to_ascii_lowercase(),
            id: r.id,
            kind: r.kind,
            name: r.name,
            connection_id: r.connection_id,
            connection_name: r.connection_name,
            status: r.status,
            stale,
            used: None,
            raw: None,
            labels: Vec::new(),
            reason,
            pool: None,
        };
        if let Some(p) = r.pool {
            row.pool_facts(p);
        } else if let Some(d) = r.dataset {
            row.dataset_facts(d);
        } else if let Some(d) = r.disk {
            row.disk_facts(d);
        }
        row
    }

    fn pool_facts(&mut self, p: PoolHealth) {
        self.pool = Some(p.name);
        if let UsableCapacity::Known { used, total } = p.capacity.usable {
            self.used = Some((used, total));
        }
        if let RawCapacity::Known {
            size, allocated, ..
        } = p.capacity.raw
        {
            self.raw = Some((allocated, size));
        }
        self.labels.extend(p.state);
        self.labels.extend(p.layout.into_iter().map(|g| g.summary));
        self.labels.push(scan_label(p.scan.as_ref()));
        let mut totals = ErrorCounts::default();
        for group in &p.topology {
            for vdev in &group.vdevs {
                add_leaf_errors(vdev, &mut totals);
            }
        }
        self.labels.extend(errors_label(&totals));
        self.labels
            .extend(p.fragmentation.map(|f| format!("{f}% fragmented")));
    }

    fn dataset_facts(&mut self, d: DatasetHealth) {
        self.pool = d.pool;
        if let (Some(used), Some(available)) = (d.used, d.available) {
            self.used = Some((used, used.saturating_add(available)));
        }
        if d.kind == Some(DatasetKind::Volume) {
            self.labels.push(match d.volsize {
                Some(size) => format!("zvol {}", format::bytes(size)),
                None => "zvol, size unknown".to_owned(),
            });
        }
        self.labels.push(match d.compressratio {
            Some(ratio) => format!("{ratio:.2}× compression"),
            None => "compression unknown".to_owned(),
        });
        match (d.encrypted, d.locked) {
            (Some(true), Some(true)) => self.labels.push("encrypted, locked".to_owned()),
            (Some(true), _) => self.labels.push("encrypted".to_owned()),
            (None, _) => self.labels.push("encryption unknown".to_owned()),
            _ => {}
        }
        if d.readonly == Some(true) {
            self.labels.push("read-only".to_owned());
        }
    }

    fn disk_facts(&mut self, d: DiskHealth) {
        self.pool = d.pool;
        self.used = d.size.map(|s| (s, s));
        self.labels.extend(d.vdev_state);
        self.labels
            .extend(d.kind.map(|k| format!("{k:?}").to_uppercase()));
        self.labels.extend(d.model);
        self.labels.push(match d.temperature {
            Some(t) => format!("{t:.0} °C"),
            None => "temperature unknown".to_owned(),
        });
        self.labels.extend(errors_label(&d.errors));
        self.labels.push(
            match d.smart {
                SmartStatus::Passed => "SMART passed",
                SmartStatus::Failed => "SMART failed",
                SmartStatus::Unknown => "SMART unknown",
            }
            .to_owned(),
        );
    }

    /// Used share of the usable space, for sorting; none when unknown.
    pub fn usage(&self) -> Option<f64> {
        match (self.kind, self.used) {
            (ResourceType::Disk, _) | (_, None) | (_, Some((_, 0))) => None,
            (_, Some((used, total))) => Some(used as f64 / total as f64),
        }
    }
}

/// "stale since …" for a NAS whose data is not fresh (stale or never read).
pub fn stale_note(source: &SourceStatus) -> Option<String> {
    if source.status == Freshness::Online {
        return None;
    }
    Some(match source.last_seen.as_deref() {
        Some(seen) => format!("stale since {}", format::timestamp(seen)),
        None => "stale: never read".to_owned(),
    })
}

fn add_leaf_errors(node: &VdevNode, totals: &mut ErrorCounts) {
    if node.children.is_empty() {
        let add = |sum: &mut Option<u64>, n: Option<u64>| {
            if let Some(n) = n {
                *sum = Some(sum.unwrap_or(0) + n);
            }
        };
        add(&mut totals.read, node.read_errors);
        add(&mut totals.write, node.write_errors);
        add(&mut totals.checksum, node.checksum_errors);
    }
    for child in &node.children {
        add_leaf_errors(child, totals);
    }
}

/// "3 read, 0 write, 12 checksum errors"; unknown counters read "?".
pub fn errors_label(e: &ErrorCounts) -> Option<String> {
    if e.read.is_none() && e.write.is_none() && e.checksum.is_none() {
        return None;
    }
    let n = |v: Option<u64>| v.map_or("?".to_owned(), |v| v.to_string());
    Some(format!(
        "{} read, {} write, {} checksum errors",
        n(e.read),
        n(e.write),
        n(e.checksum)
    ))
}

/// The running scan with its progress, or the last one's result.
pub fn scan_label(scan: Option<&ScanInfo>) -> String {
    let Some(scan) = scan else {
        return "scrub unknown".to_owned();
    };
    if scan.function.as_deref() == Some("NONE") || scan.state.as_deref() == Some("NONE") {
        return "never scrubbed".to_owned();
    }
    let what = scan
        .function
        .as_deref()
        .unwrap_or("scan")
        .to_ascii_lowercase();
    match scan.state.as_deref() {
        Some("SCANNING") => {
            let pct = scan
                .percentage
                .map_or("progress unknown".to_owned(), |p| format!("{p:.1}%"));
            let left = scan
                .seconds_left
                .map(|s| format!(", {} left", format::duration(s)))
                .unwrap_or_default();
            format!("{what} running {pct}{left}")
        }
        Some("FINISHED") => {
            let when = scan
                .ended_at
                .as_deref()
                .map_or("at an unknown time".to_owned(), format::timestamp);
            let errors = scan
                .errors
                .map_or("errors unknown".to_owned(), |e| format!("{e} errors"));
            format!("last {what} {when}, {errors}")
        }
        Some("CANCELED") => format!("last {what} canceled"),
        _ => "scrub state unknown".to_owned(),
    }
}

/// The UI's health words: healthy = online, attention = warning or
/// critical, offline = offline or unknown (no current verdict; shown as
/// "Unknown", never as failed, but it is not healthy either).
pub fn health_group(status: Status) -> &'static str {
    match status {
        Status::Online => "healthy",
        Status::Warning | Status::Critical => "attention",
        Status::Offline | Status::Unknown => "offline",
    }
}

/// What the storage page filters and sorts by, as read from the URL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub kind: Option<ResourceType>,
    /// "" or "all" for every source.
    pub source: String,
    pub connection: String,
    pub health: String,
    pub q: String,
    pub sort: String,
}

impl Filter {
    fn keeps(&self, row: &Row, q: &str) -> bool {
        self.kind.is_none_or(|k| row.kind == k)
            && matches!(self.source.as_str(), "" | "all" | "truenas")
            && (self.connection.is_empty() || row.connection_id == self.connection)
            && (matches!(self.health.as_str(), "" | "all")
                || health_group(row.status) == self.health)
            && (q.is_empty() || row.search.contains(q))
    }

    /// Indices of the matching rows in display order. `rows` must be sorted
    /// by name already (see [`sort_by_name`]), so the default order costs
    /// nothing per keystroke.
    pub fn select(&self, rows: &[Row]) -> Vec<u32> {
        let q = search_key(&self.q);
        let picked = (0..rows.len() as u32).filter(|&i| self.keeps(&rows[i as usize], &q));
        let rank: fn(&Row) -> u32 = match self.sort.as_str() {
            // Fullest first, unknown usage last.
            "usage" => |r| {
                r.usage()
                    .map_or(u32::MAX, |u| 1_000_000u32.saturating_sub((u * 1e6) as u32))
            },
            "health" => |r| u32::from(4 - r.status.severity().min(4)),
            _ => return picked.collect(),
        };
        order_by_rank(picked.map(|i| (rank(&rows[i as usize]), i)))
    }

    /// What [`Filter::select`] answers, found from what `previous` selected
    /// (`before`) when this filter only lengthens its search, as typing does:
    /// a search containing the previous one keeps a subset of its rows, in
    /// the same order, so only those rows are searched again. Anything else
    /// selects afresh.
    pub fn select_after(&self, rows: &[Row], previous: &Filter, before: &[u32]) -> Vec<u32> {
        let q = search_key(&self.q);
        let same_but_search = self.kind == previous.kind
            && self.source == previous.source
            && self.connection == previous.connection
            && self.health == previous.health
            && self.sort == previous.sort;
        if !same_but_search || !q.contains(&search_key(&previous.q)) {
            return self.select(rows);
        }
        before
            .iter()
            .copied()
            .filter(|&i| rows[i as usize].search.contains(&q))
            .collect()
    }
}

/// The search text as rows are matched against it.
fn search_key(q: &str) -> String {
    q.trim().to_ascii_lowercase()
}

/// How many recent answers [`Selections`] keeps: a typed word and back.
const RECENT: usize = 32;

/// Recent answers of [`Filter::select`] over one set of rows: typing
/// narrows the last answer ([`Filter::select_after`]) and erasing finds the
/// answer it had a moment ago, so most keystrokes search few rows or none.
#[derive(Debug, Default)]
pub struct Selections {
    /// Newest last; the filters as selected, their search as matched.
    recent: Vec<(Filter, Vec<u32>)>,
}

impl Selections {
    /// What `filter.select(rows)` answers.
    pub fn select(&mut self, rows: &[Row], filter: &Filter) -> Vec<u32> {
        let key = Filter {
            q: search_key(&filter.q),
            ..filter.clone()
        };
        if let Some(at) = self.recent.iter().position(|(f, _)| *f == key) {
            let hit = self.recent.remove(at);
            let picked = hit.1.clone();
            self.recent.push(hit);
            return picked;
        }
        let picked = match self.recent.last() {
            Some((previous, before)) => key.select_after(rows, previous, before),
            None => key.select(rows),
        };
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push((key, picked.clone()));
        picked
    }
}

/// The pool detail page of `pool` on connection `connection_id`. Neither
/// needs escaping: ids are UUIDs and ZFS pool names allow only letters,
/// digits and `_ - . :`.
pub fn pool_href(connection_id: &str, pool: &str) -> String {
    format!("/storage/pools/{connection_id}/{pool}")
}

/// The indices ordered by rank, keeping their order within a rank. One
/// sort of plain integers serves every order the UI offers, so the WASM
/// carries one sort routine instead of one per key.
pub fn order_by_rank(ranked: impl Iterator<Item = (u32, u32)>) -> Vec<u32> {
    let mut keys: Vec<u64> = ranked
        .map(|(rank, index)| (u64::from(rank) << 32) | u64::from(index))
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k as u32).collect()
}

/// Bits of an index in [`newest_first`]'s keys; the time takes the rest.
const INDEX_BITS: u32 = 17;

/// A time's digits at seconds resolution (`YYYYMMDDhhmmss` of RFC 3339,
/// as the registry writes it), 0 when absent or unreadable.
fn time_key(time: Option<&str>) -> u64 {
    let Some(head) = time.and_then(|t| t.get(..19)) else {
        return 0;
    };
    let mut key = 0u64;
    for b in head.bytes().filter(u8::is_ascii_digit) {
        key = key * 10 + u64::from(b - b'0');
    }
    key
}

/// The indices of `times`, newest first and undated last (ties keep their
/// order). Like [`order_by_rank`], one sort of plain integers: the WASM
/// carries no other sort routine. Past 2^17 entries the order is kept.
pub fn newest_first(times: &[Option<&str>]) -> Vec<u32> {
    if times.len() >= 1 << INDEX_BITS {
        return (0..times.len() as u32).collect();
    }
    let newest = (1u64 << (64 - INDEX_BITS)) - 1;
    let mut keys: Vec<u64> = times
        .iter()
        .zip(0u64..)
        .map(|(t, i)| ((newest - time_key(*t).min(newest)) << INDEX_BITS) | i)
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| (k & ((1 << INDEX_BITS) - 1)) as u32)
        .collect()
}

/// Name order (then NAS name), the table's default.
pub fn sort_by_name(rows: &mut [Row]) {
    rows.sort_unstable_by(|a, b| {
        (a.name.as_str(), a.connection_name.as_str())
            .cmp(&(b.name.as_str(), b.connection_name.as_str()))
    });
}

#[cfg(test)]
#[path = "storage_rows_tests.rs"]
mod tests;
