//! What readers of the registry get: every resource in the stable order,
//! as one shared, already sorted chunk per connection. A connection's chunk
//! is built once and reused until that connection changes or its data goes
//! stale, so a request over half a million resources filters shared data
//! instead of rebuilding and sorting all of it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use memchr::memmem::Finder;
use model::monitor::Resource;
use model::resources::Status;
use tokio::time::Instant;

use super::entry::NasEntry;
use super::resources::build;

/// Every resource, ordered by connection name, connection id, type and id.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    chunks: Vec<Arc<ResourceChunk>>,
    len: usize,
}

/// One connection's resources, sorted by type then id, with what lets a
/// query skip or search them without visiting each one: the statuses
/// present, and every id lower-cased in one contiguous text.
#[derive(Debug)]
pub struct ResourceChunk {
    resources: Vec<Resource>,
    statuses: u8,
    /// Each lower-cased id followed by a NUL.
    ids: String,
    starts: Vec<usize>,
}

fn status_bit(status: Status) -> u8 {
    1 << match status {
        Status::Online => 0,
        Status::Warning => 1,
        Status::Critical => 2,
        Status::Offline => 3,
        Status::Unknown => 4,
    }
}

impl ResourceChunk {
    fn new(resources: Vec<Resource>) -> Self {
        let mut ids = String::new();
        let mut starts = Vec::with_capacity(resources.len());
        let mut statuses = 0;
        for r in &resources {
            starts.push(ids.len());
            ids.push_str(&r.id.to_lowercase());
            ids.push('\0');
            statuses |= status_bit(r.status);
        }
        Self {
            resources,
            statuses,
            ids,
            starts,
        }
    }

    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    pub fn has_status(&self, status: Status) -> bool {
        self.statuses & status_bit(status) != 0
    }

    /// Indices, in order, of the resources whose lower-cased id contains
    /// `needle`; `None` when the needle holds a NUL (the separator).
    pub fn ids_containing(&self, needle: &Finder<'_>) -> Option<Vec<usize>> {
        if needle.needle().contains(&0) {
            return None;
        }
        let mut hits: Vec<usize> = Vec::new();
        for at in needle.find_iter(self.ids.as_bytes()) {
            let index = self.starts.partition_point(|&start| start <= at) - 1;
            if hits.last() != Some(&index) {
                hits.push(index);
            }
        }
        Some(hits)
    }
}

impl Resources {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Resource> {
        self.chunks.iter().flat_map(|c| c.resources.iter())
    }

    /// The per-connection chunks, in order.
    pub fn into_chunks(self) -> Vec<Arc<ResourceChunk>> {
        self.chunks
    }

    pub fn to_vec(&self) -> Vec<Resource> {
        self.iter().cloned().collect()
    }
}

/// One connection's built resources, valid while the entry is at the same
/// generation and, if it was fresh, until it would turn stale.
#[derive(Debug)]
struct Chunk {
    generation: u64,
    expires: Option<Instant>,
    resources: Arc<ResourceChunk>,
}

#[derive(Debug, Default)]
pub(super) struct ChunkCache {
    chunks: HashMap<String, Chunk>,
}

impl ChunkCache {
    /// The snapshot of `entries` at `now`, rebuilding only the chunks of
    /// connections that changed or went stale since the last call.
    pub(super) fn snapshot<'a>(
        &mut self,
        entries: impl Iterator<Item = &'a NasEntry>,
        now: Instant,
        stale_after: impl Fn(&NasEntry) -> Duration,
    ) -> Resources {
        let mut ordered: Vec<(&NasEntry, Arc<ResourceChunk>)> = entries
            .map(|e| {
                let id = &e.connection.id;
                let valid = self.chunks.get(id).filter(|c| {
                    c.generation == e.generation && c.expires.is_none_or(|at| now <= at)
                });
                let resources = match valid {
                    Some(chunk) => chunk.resources.clone(),
                    None => {
                        let chunk = Self::build(e, now, stale_after(e));
                        let resources = chunk.resources.clone();
                        self.chunks.insert(id.clone(), chunk);
                        resources
                    }
                };
                (e, resources)
            })
            .collect();
        let present: HashSet<&str> = ordered
            .iter()
            .map(|(e, _)| e.connection.id.as_str())
            .collect();
        self.chunks.retain(|id, _| present.contains(id.as_str()));
        ordered.sort_by(|(a, _), (b, _)| {
            (a.connection.name.as_str(), a.connection.id.as_str())
                .cmp(&(b.connection.name.as_str(), b.connection.id.as_str()))
        });
        let chunks: Vec<Arc<ResourceChunk>> = ordered.into_iter().map(|(_, c)| c).collect();
        let len = chunks.iter().map(|c| c.resources.len()).sum();
        Resources { chunks, len }
    }

    fn build(e: &NasEntry, now: Instant, stale_after: Duration) -> Chunk {
        let mut resources = build(e, now, stale_after);
        resources.sort_by(|a, b| (a.kind, a.id.as_str()).cmp(&(b.kind, b.id.as_str())));
        let fresh = e
            .fresh_at
            .filter(|at| now.saturating_duration_since(*at) <= stale_after);
        Chunk {
            generation: e.generation,
            expires: fresh.map(|at| at + stale_after),
            resources: Arc::new(ResourceChunk::new(resources)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

    use std::time::Duration;

    use model::monitor::Freshness;

    use super::super::Registry;
    use crate::connections::StoredConnection;

    #[test]
    fn chunks_are_reused_until_a_change_or_staleness() {
        let every = Duration::from_millis(20);
        let registry = Registry::new(every, Some(every));
        let (b, a) = (
            StoredConnection::example("1", "b"),
            StoredConnection::example("2", "a"),
        );
        registry.track(&b);
        registry.track(&a);
        let first = registry.resources();
        let names: Vec<&str> = first.iter().map(|r| r.connection_name.as_str()).collect();
        assert_eq!(names, ["a", "b"], "ordered by connection name");
        let again = registry.resources().into_chunks();
        assert!(std::sync::Arc::ptr_eq(
            &again[0],
            &first.clone().into_chunks()[0]
        ));

        registry.record_success(
            "1",
            Default::default(),
            Default::default(),
            None,
            Duration::ZERO,
        );
        let fresh = registry.resources();
        let system = fresh.iter().find(|r| r.connection_id == "1").unwrap();
        assert_eq!(system.source_status.truenas.status, Freshness::Online);

        std::thread::sleep(every * 3);
        let stale = registry.resources();
        let system = stale.iter().find(|r| r.connection_id == "1").unwrap();
        assert_eq!(
            system.source_status.truenas.status,
            Freshness::Stale,
            "no write needed"
        );
        registry.forget("2");
        assert_eq!(registry.resources().len(), 1);
    }
}
