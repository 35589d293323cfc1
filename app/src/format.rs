//! Plain-Rust formatting for the UI, kept out of components so it is unit-tested
//! on the host and adds no date library to the WASM.

/// "3d 4h", "2h 5m", "42s": the two largest units are enough to read at a glance.
pub fn duration(total_seconds: u64) -> String {
    let days = total_seconds / 86_400;
    let hours = (total_seconds % 86_400) / 3_600;
    let minutes = (total_seconds % 3_600) / 60;
    let seconds = total_seconds % 60;
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds}s"),
        (0, 0, m) => format!("{m}m {seconds}s"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// "2026-11-22T02:07:18.123Z" → "2026-11-22 02:07:18 UTC". Anything that does
/// not look like RFC 3339 is shown as it came, never hidden.
pub fn timestamp(rfc3339: &str) -> String {
    let bytes = rfc3339.as_bytes();
    let looks_right = rfc3339.is_ascii()
        && bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !looks_right {
        return rfc3339.to_owned();
    }
    let zone = if rfc3339.ends_with('Z') {
        "UTC"
    } else {
        &rfc3339[19..]
    };
    let zone = zone.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    format!("{} {} {}", &rfc3339[..10], &rfc3339[11..19], zone)
}

/// Binary units as TrueNAS shows them: "1.5 TiB", "512 MiB", "0 B".
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// `text` as one value of a URL query: unreserved characters stay, every
/// other byte of its UTF-8 is percent-encoded (as `encodeURIComponent`,
/// but also `!'()*`).
pub fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// How poolwatch reaches a NAS, from a connection's `transport.mode`.
pub fn transport(mode: Option<&str>) -> &'static str {
    match mode {
        Some("jsonrpc") => "JSON-RPC over WebSocket",
        Some("rest") => "REST (TrueNAS before 25.04)",
        _ => "not connected yet",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(59), "59s");
        assert_eq!(duration(61), "1m 1s");
        assert_eq!(duration(3_600 * 2 + 300), "2h 5m");
        assert_eq!(duration(86_400 * 3 + 3_600 * 4 + 59), "3d 4h");
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(16 * (1 << 40)), "16 TiB");
        assert_eq!(bytes(u64::MAX), "16384 PiB");
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(query_escape("tank"), "tank");
        assert_eq!(query_escape("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn timestamps() {
        assert_eq!(
            timestamp("2026-11-22T02:07:18.123Z"),
            "2026-11-22 02:07:18 UTC"
        );
        assert_eq!(timestamp("2026-11-22T02:07:18Z"), "2026-11-22 02:07:18 UTC");
        assert_eq!(
            timestamp("2026-11-22T02:07:18+01:00"),
            "2026-11-22 02:07:18 +01:00"
        );
        assert_eq!(timestamp("garbage"), "garbage");
        assert_eq!(timestamp("unknown"), "unknown");
        assert_eq!(
            timestamp("2026-11-22T02:07:1é+01:00"),
            "2026-11-22T02:07:1é+01:00"
        );
    }
}
