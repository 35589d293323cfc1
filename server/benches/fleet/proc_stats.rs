//! What the kernel says about a process: CPU seconds from
//! `/proc/<pid>/stat` (utime + stime, in clock ticks) and resident memory
//! from `/proc/<pid>/status`. Read from files so no `unsafe` is needed.

use std::process::Command;

/// Clock ticks per second (`getconf CLK_TCK`, 100 on every Linux we know).
pub fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|ticks| *ticks > 0.0)
        .unwrap_or(100.0)
}

/// CPU seconds (user + system) used so far by `pid` ("self" for this
/// process, "thread-self" for the calling thread).
pub fn cpu_seconds(pid: &str, ticks: f64) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name (field 2) may contain spaces; fields after it are plain.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15; `after` starts at field 3.
    (field(11) + field(12)) / ticks
}

/// A `/proc/<pid>/status` line such as `VmHWM`, in MB.
pub fn status_mb(pid: &str, key: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Resets this process's peak RSS (`VmHWM`) to the current RSS, so a later
/// phase's peak can be told apart (`clear_refs` value 5, Linux ≥ 4.0).
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Bytes `pid` has written through `write`-like calls (sockets included):
/// for the simulator child, what poolwatch had to receive.
pub fn written_bytes(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/io"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("wchar:"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .unwrap_or(0.0)
}
