//! Filters, order and pages of `GET /api/v2/resources`.

use model::monitor::{Resource, ResourcePage, ResourceType};
use model::resources::Status;

use std::ops::Range;

use memchr::memmem::Finder;

use super::{ResourceChunk, Resources};

pub const DEFAULT_LIMIT: usize = 200;
pub const MAX_LIMIT: usize = 5000;

/// A parsed query; every value already checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceQuery {
    pub source: Option<String>,
    pub types: Vec<ResourceType>,
    pub statuses: Vec<Status>,
    /// Connection id or name.
    pub connection: Option<String>,
    pub q: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

/// A query parameter with a value the API does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    pub field: &'static str,
    pub message: String,
}

fn status_of(text: &str) -> Option<Status> {
    [
        Status::Online,
        Status::Warning,
        Status::Critical,
        Status::Offline,
        Status::Unknown,
    ]
    .into_iter()
    .find(|s| s.as_str() == text)
}

impl ResourceQuery {
    /// From `(name, value)` pairs of the URL query. Lists are comma-separated
    /// (`type=pool,disk`); `health` is accepted for `status`, with the UI's
    /// words (`healthy`, `attention`).
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, QueryError> {
        let mut query = ResourceQuery {
            limit: DEFAULT_LIMIT,
            ..Default::default()
        };
        for (name, value) in pairs {
            let bad = |field: &'static str, what: &str| QueryError {
                field,
                message: format!("{field}: '{value}' is not {what}"),
            };
            let value = value.trim();
            match name {
                "source" if !value.is_empty() && value != "all" => {
                    query.source = Some(value.to_ascii_lowercase())
                }
                "type" => {
                    for t in value.split(',').filter(|t| !t.is_empty()) {
                        query.types.push(
                            ResourceType::parse(t).ok_or_else(|| {
                                bad("type", "system, pool, dataset, disk or alert")
                            })?,
                        );
                    }
                }
                "status" | "health" => {
                    for s in value.split(',').filter(|s| !s.is_empty() && *s != "all") {
                        let expanded: &[Status] = match s {
                            "healthy" => &[Status::Online],
                            "attention" => &[Status::Warning, Status::Critical],
                            other => match status_of(other) {
                                Some(_) => &[],
                                None => {
                                    return Err(bad(
                                        "status",
                                        "online, warning, critical, offline or unknown",
                                    ));
                                }
                            },
                        };
                        match status_of(s) {
                            Some(one) => query.statuses.push(one),
                            None => query.statuses.extend_from_slice(expanded),
                        }
                    }
                }
                "connection" if !value.is_empty() => query.connection = Some(value.to_owned()),
                "q" if !value.is_empty() => query.q = Some(value.to_lowercase()),
                "offset" => query.offset = value.parse().map_err(|_| bad("offset", "a number"))?,
                "limit" => {
                    query.limit = value.parse().map_err(|_| bad("limit", "a number"))?;
                    if query.limit == 0 || query.limit > MAX_LIMIT {
                        return Err(bad("limit", "between 1 and 5000"));
                    }
                }
                _ => {}
            }
        }
        Ok(query)
    }

    pub fn matches(&self, r: &Resource) -> bool {
        let finder = self.q.as_deref().map(Finder::new);
        self.matches_with(r, finder.as_ref())
    }

    fn connection_matches(&self, r: &Resource) -> bool {
        self.connection
            .as_deref()
            .is_none_or(|c| r.connection_id == c || r.connection_name == c)
    }

    fn matches_with(&self, r: &Resource, q: Option<&Finder<'_>>) -> bool {
        self.matches_except_text(r)
            && q.is_none_or(|q| {
                contains_lowercase(&r.name, q)
                    || contains_lowercase(&r.id, q)
                    || contains_lowercase(&r.connection_name, q)
            })
    }

    fn matches_except_text(&self, r: &Resource) -> bool {
        self.source
            .as_deref()
            .is_none_or(|s| r.sources.iter().any(|x| x == s))
            && (self.types.is_empty() || self.types.contains(&r.kind))
            && (self.statuses.is_empty() || self.statuses.contains(&r.status))
            && self.connection_matches(r)
    }

    /// The index ranges of a chunk (one connection's resources, sorted by
    /// type) that can match: none when the connection or the statuses
    /// cannot, only the runs of the wanted types otherwise.
    fn candidates(&self, chunk: &ResourceChunk) -> Vec<Range<usize>> {
        let all = chunk.resources();
        let possible = all.first().is_some_and(|r| self.connection_matches(r))
            && (self.statuses.is_empty() || self.statuses.iter().any(|s| chunk.has_status(*s)));
        if !possible {
            return Vec::new();
        }
        if self.types.is_empty() {
            return std::iter::once(0..all.len()).collect();
        }
        let mut kinds = self.types.clone();
        kinds.sort();
        kinds.dedup();
        kinds
            .into_iter()
            .map(|kind| {
                all.partition_point(|r| r.kind < kind)..all.partition_point(|r| r.kind <= kind)
            })
            .collect()
    }

    /// The indices of a chunk's resources that pass every filter, in order.
    fn chunk_matches(&self, chunk: &ResourceChunk, q: Option<&Finder<'_>>) -> Vec<usize> {
        let ranges = self.candidates(chunk);
        let all = chunk.resources();
        let passes = |i: &usize| self.matches_except_text(&all[*i]);
        // All of a chunk shares its connection name: when that holds the
        // text, the text filter passes everything in the chunk.
        let q = q.filter(|q| {
            all.first()
                .is_some_and(|r| !contains_lowercase(&r.connection_name, q))
        });
        let Some(q) = q else {
            return ranges.into_iter().flatten().filter(passes).collect();
        };
        let Some(mut hits) = chunk.ids_containing(q) else {
            let text = |i: &usize| self.matches_with(&all[*i], Some(q));
            return ranges.into_iter().flatten().filter(text).collect();
        };
        // Every id but a system's ends with the resource's name.
        let systems = all.partition_point(|r| r.kind == ResourceType::System);
        hits.extend((0..systems).filter(|&i| contains_lowercase(&all[i].name, q)));
        hits.sort_unstable();
        hits.dedup();
        hits.retain(|i| ranges.iter().any(|r| r.contains(i)) && passes(i));
        hits
    }

    /// Applies the filters to `all` (already in stable order) and cuts the
    /// page; only the page's resources are copied.
    pub fn page(&self, all: Resources) -> ResourcePage {
        let finder = self.q.as_deref().map(Finder::new);
        let mut total = 0;
        let mut data = Vec::new();
        for chunk in all.into_chunks() {
            for i in self.chunk_matches(&chunk, finder.as_ref()) {
                if total >= self.offset && data.len() < self.limit {
                    data.push(chunk.resources()[i].clone());
                }
                total += 1;
            }
        }
        ResourcePage {
            data,
            total,
            offset: self.offset,
            limit: self.limit,
        }
    }
}

/// `text.to_lowercase().contains(needle)` without the copy when `text` is
/// ASCII without capitals, as ids and most names are.
fn contains_lowercase(text: &str, needle: &Finder<'_>) -> bool {
    if text
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        needle.find(text.to_lowercase().as_bytes()).is_some()
    } else {
        needle.find(text.as_bytes()).is_some()
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
