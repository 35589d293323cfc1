//! `system.info` (`SystemInfoResult` in `api/v25_10_0/system.py`, built by
//! `plugins/system/info.py`).

use serde_json::{Value, json};

use super::props::{CREATION_SECS, date, hash};
use crate::config::SimConfig;

pub(crate) fn system_info(config: &SimConfig, now_ms: i64) -> Value {
    let boot_ms = (CREATION_SECS + 3 * 86_400) * 1000;
    let uptime = (now_ms - boot_ms).max(0) as f64 / 1000.0;
    let whole = uptime as u64;
    let uptime_text = format!(
        "{} days, {}:{:02}:{:02}.{:02}",
        whole / 86_400,
        whole % 86_400 / 3600,
        whole % 3600 / 60,
        whole % 60,
        ((uptime.fract()) * 100.0) as u64
    );
    json!({
        "version": config.version(),
        "buildtime": date(CREATION_SECS * 1000 - 86_400_000),
        "hostname": config.hostname,
        "physmem": 68_719_476_736_u64,
        "model": "Intel(R) Xeon(R) E-2236 CPU @ 3.40GHz",
        "cores": 12,
        "physical_cores": 6,
        "loadavg": [0.42, 0.37, 0.31],
        "uptime": uptime_text,
        "uptime_seconds": uptime,
        "system_serial": format!("SIM{:010}", hash(&config.hostname) % 10_000_000_000),
        "system_product": "SIMULATED-NAS",
        "system_product_version": "1.0",
        "license": null,
        "boottime": date(boot_ms),
        "datetime": date(now_ms),
        "timezone": "Etc/UTC",
        "system_manufacturer": "poolwatch",
        "ecc_memory": true,
    })
}
