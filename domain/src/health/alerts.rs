//! TrueNAS's own alerts (`alert.list`, facts §7) → [`AlertItem`]s linked to
//! the pool or disk they name, and reasons on that pool or disk.
//!
//! `formatted` may hold HTML, so it is reduced to text. The subject comes
//! from the alert's `args` when the caller has them (`VolumeStatus` carries
//! `volume`), else from the names the text mentions, matched on whole words
//! so pool `tank` is not found in `tank2` nor disk `sda` in `sdab`.

use model::resources::{
    AlertItem, AlertSubject, DiskHealth, PoolHealth, Reason, ReasonCode, Status, SubjectKind,
};
use serde_json::Value;
use truenas::types::Alert;

use super::{reason, rfc3339};

/// Alerts at or above WARNING make their subject need attention; lower
/// levels are only listed. Never critical on their own: `VolumeStatus` is
/// CRITICAL during a mere resilver, and the pool's state already says how
/// bad things are.
const ATTENTION_RANK: u8 = 3;

const POOL_ARGS: [&str; 3] = ["volume", "pool", "pool_name"];
const DISK_ARGS: [&str; 3] = ["disk", "device", "devname"];

const BLOCK_TAGS: [&str; 13] = [
    "br", "p", "div", "li", "ul", "ol", "tr", "td", "h1", "h2", "h3", "h4", "hr",
];

/// Visible text of an HTML fragment: tags removed (block tags become a
/// space), the common entities decoded, whitespace collapsed. A `<` that
/// does not open a tag is kept.
pub fn strip_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let opens_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>').filter(|_| opens_tag) {
            Some(end) => {
                let name: String = after[..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if BLOCK_TAGS.contains(&name.as_str()) {
                    text.push(' ');
                }
                rest = &after[end + 1..];
            }
            None => {
                text.push('<');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether `text` names `name` as a whole word. For disks a partition
/// suffix is allowed: "sda1" for `sda`, "nvme0n1p1" for `nvme0n1`.
fn mentions(text: &str, name: &str, partition: bool) -> bool {
    if name.is_empty() {
        return false;
    }
    text.match_indices(name).any(|(at, _)| {
        let before_ok = text[..at].chars().next_back().is_none_or(|c| !is_word(c));
        let mut after = &text[at + name.len()..];
        if partition {
            if name.ends_with(|c: char| c.is_ascii_digit()) {
                if let Some(digits) = after.strip_prefix('p') {
                    let trimmed = digits.trim_start_matches(|c: char| c.is_ascii_digit());
                    if trimmed.len() < digits.len() {
                        after = trimmed;
                    }
                }
            } else {
                after = after.trim_start_matches(|c: char| c.is_ascii_digit());
            }
        }
        before_ok && after.chars().next().is_none_or(|c| !is_word(c))
    })
}

fn subject(kind: SubjectKind, name: &str) -> AlertSubject {
    AlertSubject {
        kind,
        name: name.to_owned(),
    }
}

fn from_args(args: &Value, pools: &[&str], disks: &[&str]) -> Option<AlertSubject> {
    let arg = |key: &str| args.get(key).and_then(Value::as_str);
    if let Some(pool) = POOL_ARGS
        .iter()
        .filter_map(|k| arg(k))
        .find(|v| pools.contains(v))
    {
        return Some(subject(SubjectKind::Pool, pool));
    }
    DISK_ARGS
        .iter()
        .filter_map(|k| arg(k))
        .map(|v| v.trim_start_matches("/dev/"))
        .find_map(|v| disks.iter().find(|d| mentions(v, d, true)))
        .map(|d| subject(SubjectKind::Disk, d))
}

/// Pools first: an alert about a pool often lists its devices too. The
/// longest name wins, so `tank-old` is not taken for `tank`.
fn from_text(text: &str, pools: &[&str], disks: &[&str]) -> Option<AlertSubject> {
    let longest = |names: &[&str], partition: bool| {
        names
            .iter()
            .filter(|n| mentions(text, n, partition))
            .max_by_key(|n| n.len())
            .map(|n| (*n).to_owned())
    };
    longest(pools, false)
        .map(|name| AlertSubject {
            kind: SubjectKind::Pool,
            name,
        })
        .or_else(|| {
            longest(disks, true).map(|name| AlertSubject {
                kind: SubjectKind::Disk,
                name,
            })
        })
}

/// One alert. `args` are the alert's `args` object when available;
/// `pools` and `disks` are the names known on the same NAS.
pub fn alert_item(
    alert: &Alert,
    args: Option<&Value>,
    pools: &[&str],
    disks: &[&str],
) -> AlertItem {
    let message = strip_html(alert.formatted.as_deref().unwrap_or_default());
    let subject = args
        .and_then(|a| from_args(a, pools, disks))
        .or_else(|| from_text(&message, pools, disks));
    AlertItem {
        uuid: alert.uuid.clone(),
        level: alert.level.clone(),
        klass: alert.klass.clone(),
        message,
        datetime: alert.datetime.and_then(rfc3339),
        dismissed: alert.dismissed.unwrap_or(false),
        subject,
    }
}

/// Every alert, subjects found from the text (`truenas::types::Alert`
/// does not carry `args`).
pub fn alert_items(alerts: &[Alert], pools: &[&str], disks: &[&str]) -> Vec<AlertItem> {
    alerts
        .iter()
        .map(|a| alert_item(a, None, pools, disks))
        .collect()
}

fn needs_attention(item: &AlertItem) -> bool {
    let probe = Alert {
        level: item.level.clone(),
        ..Alert::default()
    };
    !item.dismissed && probe.level_rank().is_some_and(|r| r >= ATTENTION_RANK)
}

fn attach(kind: SubjectKind, name: &str, items: &[AlertItem]) -> Vec<Reason> {
    items
        .iter()
        .filter(|i| {
            i.subject
                .as_ref()
                .is_some_and(|s| s.kind == kind && s.name == name)
        })
        .filter(|i| needs_attention(i))
        .map(|i| {
            let level = i.level.as_deref().unwrap_or_default();
            reason(
                ReasonCode::TruenasAlert,
                Status::Warning,
                format!("TrueNAS {level} alert: {}", i.message),
                None,
            )
        })
        .collect()
}

/// Adds a reason per active alert naming the pool; the pool then needs at
/// least attention.
pub fn attach_to_pool(pool: &mut PoolHealth, items: &[AlertItem]) {
    let reasons = attach(SubjectKind::Pool, &pool.name, items);
    for r in &reasons {
        pool.status = pool.status.worst(r.status);
    }
    pool.reasons.extend(reasons);
}

pub fn attach_to_disk(disk: &mut DiskHealth, items: &[AlertItem]) {
    let reasons = attach(SubjectKind::Disk, &disk.name, items);
    for r in &reasons {
        disk.status = disk.status.worst(r.status);
    }
    disk.reasons.extend(reasons);
}

#[cfg(test)]
#[path = "alerts_tests.rs"]
mod tests;
