//! ZFS property objects `{parsed, rawvalue, value, source, source_info}` as
//! `pool.dataset.query` builds them (`plugins/pool_/dataset_query_utils.py`
//! on 25.10, `plugins/pool_/dataset.py` on 24.10) and small helpers for the
//! identifiers TrueNAS hands out.

use serde_json::{Value, json};

/// 2025-11-18 10:00:00 UTC, a Tuesday: every simulated creation time, so
/// answers are reproducible.
pub(crate) const CREATION_SECS: i64 = 1_763_460_000;
pub(crate) const CREATION_TEXT: &str = "Tue Nov 18 10:00 2025";

/// `{"$date": ms}`, the middleware JSON encoding of datetimes
/// (`truenas/api_client` `ejson.py`).
pub(crate) fn date(ms: i64) -> Value {
    json!({ "$date": ms })
}

/// Human size: 25.10 uses humanfriendly binary units ("1.5 TiB"), 24.10
/// the ZFS short form ("1.5T").
pub(crate) fn human(bytes: u64, legacy: bool) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if legacy {
        let short = &UNITS[unit][..1];
        if unit == 0 {
            format!("{bytes}B")
        } else {
            format!("{value:.1}{short}")
        }
    } else if unit == 0 {
        format!("{bytes} bytes")
    } else {
        let text = format!("{value:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        format!("{text} {}", UNITS[unit])
    }
}

pub(crate) fn size(bytes: u64, legacy: bool) -> Value {
    json!({
        "parsed": bytes,
        "rawvalue": bytes.to_string(),
        "value": human(bytes, legacy),
        "source": "NONE",
        "source_info": null,
    })
}

/// quota/refquota/reservation/refreservation: raw "0" means none, and
/// 25.10 turns it into null `parsed` and `value`.
pub(crate) fn limit(bytes: u64, legacy: bool) -> Value {
    if bytes == 0 {
        json!({"parsed": null, "rawvalue": "0", "value": null, "source": "DEFAULT", "source_info": null})
    } else {
        json!({
            "parsed": bytes,
            "rawvalue": bytes.to_string(),
            "value": human(bytes, legacy),
            "source": "LOCAL",
            "source_info": null,
        })
    }
}

/// on/off properties: bool `parsed`, "ON"/"OFF" `value`.
pub(crate) fn on_off(on: bool, source: &str) -> Value {
    json!({
        "parsed": on,
        "rawvalue": if on { "on" } else { "off" },
        "value": if on { "ON" } else { "OFF" },
        "source": source,
        "source_info": null,
    })
}

/// Enumerated text properties: raw lower case, `value` upper case.
pub(crate) fn text(raw: &str, source: &str) -> Value {
    json!({
        "parsed": raw,
        "rawvalue": raw,
        "value": raw.to_ascii_uppercase(),
        "source": source,
        "source_info": null,
    })
}

pub(crate) fn ratio(ratio: f64) -> Value {
    json!({
        "parsed": format!("{ratio:.2}"),
        "rawvalue": format!("{ratio:.2}"),
        "value": format!("{ratio:.2}x"),
        "source": "NONE",
        "source_info": null,
    })
}

pub(crate) fn creation() -> Value {
    json!({
        "parsed": date(CREATION_SECS * 1000),
        "rawvalue": CREATION_SECS.to_string(),
        "value": CREATION_TEXT,
        "source": "NONE",
        "source_info": null,
    })
}

/// Deterministic 64-bit hash (FNV-1a) so GUIDs and serials are stable
/// across runs without a random source.
pub(crate) fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// ZFS GUIDs travel as decimal strings.
pub(crate) fn guid(text: &str) -> String {
    hash(text).to_string()
}

/// A partition UUID (leaf vdev names are these).
pub(crate) fn part_uuid(text: &str) -> String {
    let a = hash(text);
    let b = hash(&format!("{text}/b"));
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// Kernel disk names: sda … sdz, sdaa, sdab, …
pub(crate) fn disk_name(index: usize) -> String {
    let mut n = index;
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    format!("sd{}", String::from_utf8_lossy(&letters))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_follow_each_release() {
        assert_eq!(human(1_649_267_441_664, false), "1.5 TiB");
        assert_eq!(human(1_649_267_441_664, true), "1.5T");
        assert_eq!(human(512, false), "512 bytes");
    }

    #[test]
    fn disk_names_are_kernel_style() {
        assert_eq!(disk_name(0), "sda");
        assert_eq!(disk_name(25), "sdz");
        assert_eq!(disk_name(26), "sdaa");
        assert_eq!(disk_name(27), "sdab");
    }
}
