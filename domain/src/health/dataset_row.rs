//! The registry's form of a dataset. A large fleet keeps hundreds of
//! thousands of datasets between polls (the fleet benchmark: half a
//! million), so a row keeps only what [`DatasetHealth`] is derived from,
//! in fixed-size fields, and carries its own flap damper instead of an
//! entry in a map keyed by name. The API's [`DatasetHealth`] is built from
//! it when a reader asks ([`DatasetRow::health`]).

use std::collections::HashMap;

use model::resources::{DatasetHealth, DatasetKind, Status};
use truenas::types::{DatasetRef, FromDataset, PropertyRef, Text};

use super::damping::Damper;
use super::dataset::{Lock, kind, lock_reason};

/// A size TrueNAS did not report.
const UNKNOWN_SIZE: u64 = u64::MAX;

fn size(value: Option<u64>) -> u64 {
    value.unwrap_or(UNKNOWN_SIZE)
}

fn known(value: u64) -> Option<u64> {
    (value != UNKNOWN_SIZE).then_some(value)
}

#[derive(Clone, Debug, PartialEq)]
pub struct DatasetRow {
    name: Box<str>,
    /// A mountpoint other than `/mnt/<name>`; see `mount_under_mnt`.
    mountpoint: Option<Box<str>>,
    encryption_root: Option<Box<str>>,
    used: u64,
    available: u64,
    quota: u64,
    volsize: u64,
    /// NaN when not reported.
    compressratio: f64,
    kind: Option<DatasetKind>,
    encrypted: Option<bool>,
    locked: Option<bool>,
    readonly: Option<bool>,
    /// Mounted at `/mnt/<name>`, where TrueNAS mounts every filesystem
    /// unless told otherwise: the row then keeps no copy of the path.
    mount_under_mnt: bool,
    damper: Damper<Status>,
}

impl DatasetRow {
    /// Built from the view of the answer's text while it is parsed
    /// ([`truenas::Client::dataset_rows`]), or of an owned
    /// [`truenas::types::Dataset`] (`Dataset::view`). It copies what it
    /// keeps into allocations of its own: strings moved out of a parsed
    /// answer stay scattered among its freed temporaries and pin their
    /// allocator pages (the fleet benchmark's RSS grew by 270 MB when the
    /// health model took datasets by value).
    pub fn new(dataset: &DatasetRef<'_>) -> Self {
        let name = dataset.full_name();
        let mountpoint = dataset.mountpoint.as_ref().map(Text::as_str);
        let mount_under_mnt = mountpoint
            .and_then(|m| m.strip_prefix("/mnt/"))
            .is_some_and(|rest| rest == name);
        let bytes = |p: &Option<PropertyRef<'_>>| size(p.as_ref().and_then(PropertyRef::as_u64));
        Self {
            name: name.into(),
            mountpoint: mountpoint.filter(|_| !mount_under_mnt).map(Into::into),
            encryption_root: dataset
                .encryption_root
                .as_ref()
                .map(|root| root.as_str().into()),
            used: bytes(&dataset.used),
            available: bytes(&dataset.available),
            quota: size(dataset.quota.as_ref().and_then(PropertyRef::as_limit)),
            volsize: bytes(&dataset.volsize),
            compressratio: dataset
                .compressratio
                .as_ref()
                .and_then(PropertyRef::as_ratio)
                .unwrap_or(f64::NAN),
            kind: kind(dataset.dataset_type.as_ref().map(Text::as_str)),
            encrypted: dataset.encrypted,
            locked: dataset.is_locked(),
            readonly: dataset.readonly.as_ref().and_then(PropertyRef::as_bool),
            mount_under_mnt,
            damper: Damper::new(Status::Unknown),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The first component of the name, which is how ZFS names pools.
    pub fn pool(&self) -> Option<&str> {
        self.name.split('/').next().filter(|p| !p.is_empty())
    }

    pub fn used(&self) -> Option<u64> {
        known(self.used)
    }

    pub fn available(&self) -> Option<u64> {
        known(self.available)
    }

    fn lock(&self) -> Lock {
        Lock::of(self.locked, self.encrypted)
    }

    /// This poll's status, before flap damping.
    pub fn status(&self) -> Status {
        self.lock().status()
    }

    /// What flap damping lets the API show.
    pub fn shown(&self) -> Status {
        *self.damper.shown()
    }

    /// The API's view, with this poll's (undamped) status and reasons.
    pub fn health(&self) -> DatasetHealth {
        let reasons: Vec<_> = lock_reason(self.lock(), &self.name, self.encryption_root.as_deref())
            .into_iter()
            .collect();
        DatasetHealth {
            name: self.name.to_string(),
            pool: self.pool().map(str::to_owned),
            kind: self.kind,
            mountpoint: if self.mount_under_mnt {
                Some(format!("/mnt/{}", self.name))
            } else {
                self.mountpoint.as_deref().map(str::to_owned)
            },
            used: known(self.used),
            available: known(self.available),
            quota: known(self.quota),
            volsize: known(self.volsize),
            compressratio: Some(self.compressratio).filter(|r| !r.is_nan()),
            encrypted: self.encrypted,
            encryption_root: self.encryption_root.as_deref().map(str::to_owned),
            locked: self.locked,
            readonly: self.readonly,
            status: self.status(),
            reasons,
        }
    }
}

impl FromDataset for DatasetRow {
    fn from_dataset(dataset: &DatasetRef<'_>) -> Self {
        Self::new(dataset)
    }
}

/// Feeds one successful poll's statuses to the dampers, each row taking
/// the damper of the row of the same name in the previous poll (a new
/// dataset starts from unknown; one the poll no longer lists is forgotten
/// with the old rows). TrueNAS lists datasets in the same order each time,
/// so rows are matched by position first and by name only when that fails.
pub fn observe_datasets(rows: &mut [DatasetRow], previous: &[DatasetRow]) {
    let mut by_name: Option<HashMap<&str, &Damper<Status>, foldhash::fast::RandomState>> = None;
    for (at, row) in rows.iter_mut().enumerate() {
        let carried = match previous.get(at) {
            Some(old) if old.name == row.name => Some(&old.damper),
            _ => by_name
                .get_or_insert_with(|| previous.iter().map(|r| (&*r.name, &r.damper)).collect())
                .get(&*row.name)
                .copied(),
        };
        if let Some(damper) = carried {
            row.damper = damper.clone();
        }
        let status = row.status();
        row.damper.observe(Some(status));
    }
}

#[cfg(test)]
#[path = "dataset_row_tests.rs"]
mod tests;
