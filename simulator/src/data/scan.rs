//! The `scan` dict of `pool.query` (py-libzfs `ZPoolScrub.asdict`).
//! libzfs fills `bytes_to_process` and `bytes_processed` swapped; the
//! simulator reproduces that.

use serde_json::{Value, json};

use super::props::{CREATION_SECS, date};

const START_MS: i64 = (CREATION_SECS + 86_400) * 1000;

pub(crate) fn scrub_finished(errors: u64) -> Value {
    json!({
        "function": "SCRUB",
        "state": "FINISHED",
        "start_time": date(START_MS),
        "end_time": date(START_MS + 3 * 3_600_000),
        "percentage": 100.0,
        "bytes_to_process": 6_597_069_766_656_u64,
        "bytes_processed": 6_597_069_766_656_u64,
        "bytes_issued": 6_597_069_766_656_u64,
        "pause": null,
        "errors": errors,
        "total_secs_left": null,
    })
}

pub(crate) fn resilver_running(percentage: f64) -> Value {
    let total: u64 = 6_597_069_766_656;
    let done = (total as f64 * percentage / 100.0) as u64;
    json!({
        "function": "RESILVER",
        "state": "SCANNING",
        "start_time": date(START_MS),
        "end_time": null,
        "percentage": percentage,
        "bytes_to_process": done,
        "bytes_processed": total,
        "bytes_issued": done,
        "pause": null,
        "errors": 0,
        "total_secs_left": 3_812,
    })
}
