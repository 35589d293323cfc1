//! One connection's entry → its resources: system, pools, datasets, disks
//! and TrueNAS alerts, each with its damped status, its reasons, and the
//! freshness of the source.

use std::time::Duration;

use model::monitor::{Freshness, Resource, ResourceType, SourceStatus, SourceStatuses};
use model::resources::{AlertItem, Reason, ReasonCode, Status, SubjectKind};
use tokio::time::Instant;

use super::entry::NasEntry;
use super::rfc3339;
use crate::health::Storage;

pub fn resource_id(connection_id: &str, kind: ResourceType, name: &str) -> String {
    match kind {
        ResourceType::System => format!("truenas:{connection_id}/system"),
        other => format!("truenas:{connection_id}/{}:{name}", other.as_str()),
    }
}

/// TrueNAS alert levels: ERROR and WARNING call for attention, CRITICAL and
/// above are critical, INFO and NOTICE are informational.
pub fn alert_status(alert: &AlertItem) -> Status {
    if alert.dismissed {
        return Status::Online;
    }
    match alert.level.as_deref() {
        Some("CRITICAL" | "ALERT" | "EMERGENCY") => Status::Critical,
        Some("ERROR" | "WARNING") => Status::Warning,
        Some("INFO" | "NOTICE") => Status::Online,
        _ => Status::Unknown,
    }
}

/// The undamped status of the pools, disks and alerts in one poll's answer,
/// by type and name (datasets damp in their rows).
pub fn resource_statuses(s: &Storage) -> impl Iterator<Item = (ResourceType, &str, Status)> {
    let pools = s
        .pools
        .iter()
        .map(|p| (ResourceType::Pool, p.name.as_str(), p.status));
    let disks = s
        .disks
        .iter()
        .map(|d| (ResourceType::Disk, d.name.as_str(), d.status));
    let alerts = s
        .alerts
        .iter()
        .map(|a| (ResourceType::Alert, a.uuid.as_str(), alert_status(a)));
    pools.chain(disks).chain(alerts)
}

struct Ctx<'a> {
    entry: &'a NasEntry,
    source: SourceStatuses,
    stale_reason: Option<Reason>,
}

impl Ctx<'_> {
    fn resource(
        &self,
        kind: ResourceType,
        name: &str,
        parent: Option<String>,
        raw: Status,
        reasons: &[Reason],
    ) -> Resource {
        let damped = self.entry.dampers.shown_or(kind, name, raw);
        self.resource_shown(kind, name, parent, damped, reasons)
    }

    /// [`Self::resource`] for a status already damped.
    fn resource_shown(
        &self,
        kind: ResourceType,
        name: &str,
        parent: Option<String>,
        damped: Status,
        reasons: &[Reason],
    ) -> Resource {
        let c = &self.entry.connection;
        let id = resource_id(&c.id, kind, name);
        let mut reasons = if damped == Status::Online {
            Vec::new()
        } else {
            reasons.to_vec()
        };
        let mut status = damped;
        if let Some(stale) = &self.stale_reason {
            status = status.worst(stale.status);
            reasons.push(stale.clone());
        }
        Resource {
            id,
            kind,
            name: name.to_owned(),
            parent_id: parent,
            status,
            reasons,
            sources: vec!["truenas".to_owned()],
            source_status: self.source.clone(),
            platform: "truenas".to_owned(),
            connection_id: c.id.clone(),
            connection_name: c.name.clone(),
            system: None,
            pool: None,
            dataset: None,
            disk: None,
            alert: None,
        }
    }
}

pub fn build(entry: &NasEntry, now: Instant, stale_after: Duration) -> Vec<Resource> {
    let c = &entry.connection;
    let freshness = match entry.fresh_at {
        None => Freshness::Offline,
        Some(at) if now.saturating_duration_since(at) > stale_after => Freshness::Stale,
        Some(_) => Freshness::Online,
    };
    let last_seen = entry.last_success.map(rfc3339);
    let error = entry
        .last_error
        .as_ref()
        .map(|e| format!("{}: {}", e.category, e.message));
    let stale_reason = match freshness {
        Freshness::Online => None,
        Freshness::Stale => Some(Reason {
            code: ReasonCode::Stale,
            status: Status::Warning,
            message: format!(
                "no fresh data since {}{}",
                last_seen.as_deref().unwrap_or("start"),
                error
                    .as_deref()
                    .map(|e| format!(" ({e})"))
                    .unwrap_or_default()
            ),
            subject: None,
        }),
        Freshness::Offline => Some(Reason {
            code: ReasonCode::SourceUnreachable,
            status: Status::Offline,
            message: error.clone().unwrap_or_else(|| "not read yet".to_owned()),
            subject: None,
        }),
    };
    let ctx = Ctx {
        entry,
        source: SourceStatuses {
            truenas: SourceStatus {
                status: freshness,
                last_seen,
                error,
            },
        },
        stale_reason,
    };
    let system_id = resource_id(&c.id, ResourceType::System, "");
    let Some(data) = &entry.data else {
        let mut system = ctx.resource(ResourceType::System, &c.name, None, Status::Offline, &[]);
        system.status = Status::Offline;
        return vec![system];
    };
    let s = &data.storage;
    let mut out =
        Vec::with_capacity(1 + s.pools.len() + s.datasets.len() + s.disks.len() + s.alerts.len());
    let mut pool_reasons = Vec::new();
    let mut worst = Status::Online;
    for p in &s.pools {
        let mut r = ctx.resource(
            ResourceType::Pool,
            &p.name,
            Some(system_id.clone()),
            p.status,
            &p.reasons,
        );
        r.pool = Some(p.clone());
        let damped = ctx
            .entry
            .dampers
            .shown_or(ResourceType::Pool, &p.name, p.status);
        worst = worst.worst(damped);
        if damped != Status::Online {
            let first = p
                .reasons
                .first()
                .map(|x| x.message.clone())
                .unwrap_or_default();
            pool_reasons.push(Reason {
                code: ReasonCode::PoolState,
                status: damped,
                message: format!("pool {}: {first}", p.name),
                subject: Some(p.name.clone()),
            });
        }
        out.push(r);
    }
    let pool_id = |pool: Option<&str>| match pool {
        Some(name) if s.pools.iter().any(|p| p.name == name) => {
            resource_id(&c.id, ResourceType::Pool, name)
        }
        _ => system_id.clone(),
    };
    for row in &s.datasets {
        let d = row.health();
        let mut r = ctx.resource_shown(
            ResourceType::Dataset,
            &d.name,
            Some(pool_id(row.pool())),
            row.shown(),
            &d.reasons,
        );
        r.dataset = Some(d);
        out.push(r);
    }
    for d in &s.disks {
        let mut r = ctx.resource(
            ResourceType::Disk,
            &d.name,
            Some(pool_id(d.pool.as_deref())),
            d.status,
            &d.reasons,
        );
        r.disk = Some(d.clone());
        out.push(r);
    }
    for a in &s.alerts {
        let parent = match &a.subject {
            Some(sub) if sub.kind == SubjectKind::Pool => {
                resource_id(&c.id, ResourceType::Pool, &sub.name)
            }
            Some(sub) if sub.kind == SubjectKind::Disk => {
                resource_id(&c.id, ResourceType::Disk, &sub.name)
            }
            _ => system_id.clone(),
        };
        let unattached = parent == system_id;
        let mut r = ctx.resource(
            ResourceType::Alert,
            &a.uuid,
            Some(parent),
            alert_status(a),
            &[],
        );
        if r.status != Status::Online && !a.dismissed {
            r.reasons.insert(
                0,
                Reason {
                    code: ReasonCode::TruenasAlert,
                    status: alert_status(a),
                    message: a.message.clone(),
                    subject: None,
                },
            );
        }
        if unattached {
            worst = worst.worst(ctx.entry.dampers.shown_or(
                ResourceType::Alert,
                &a.uuid,
                alert_status(a),
            ));
        }
        r.alert = Some(a.clone());
        out.push(r);
    }
    let name = data
        .system
        .hostname
        .clone()
        .unwrap_or_else(|| c.name.clone());
    let mut system = ctx.resource(ResourceType::System, &name, None, worst, &[]);
    system.status = ctx
        .stale_reason
        .as_ref()
        .map_or(worst, |stale| worst.worst(stale.status));
    pool_reasons.extend(ctx.stale_reason.iter().cloned());
    system.reasons = pool_reasons;
    system.system = Some(data.system.clone());
    out.insert(0, system);
    out
}
