//! Logging setup. Logs go to stderr; `POOLWATCH_LOG` sets the filter
//! (tracing's EnvFilter syntax) and `POOLWATCH_LOG_FORMAT` picks text or json.

use std::io::IsTerminal;

use clap::ValueEnum;
use tracing::{Level, Metadata};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Crates that log what crosses the wire (WebSocket frames, HTTP/2 frames,
/// TLS records) at DEBUG/TRACE. Those payloads include the TrueNAS login
/// with its API key, so no filter setting may enable them.
const WIRE_TARGETS: &[&str] = &[
    "tungstenite",
    "tokio_tungstenite",
    "hyper",
    "hyper_util",
    "h2",
    "reqwest",
    "rustls",
    "tokio_rustls",
];

/// Whether an event may be logged at all, whatever the filter says.
pub fn allowed(meta: &Metadata<'_>) -> bool {
    let target = meta.target();
    let wire = WIRE_TARGETS.iter().any(|t| {
        target
            .strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
    });
    !(wire && *meta.level() > Level::INFO)
}

pub fn init(filter: &str, format: LogFormat) -> Result<(), String> {
    let filter =
        EnvFilter::try_new(filter).map_err(|e| format!("invalid log filter '{filter}': {e}"))?;
    let ansi = std::io::stderr().is_terminal();
    let text = (format == LogFormat::Text).then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_ansi(ansi)
            .with_filter(filter_fn(allowed))
    });
    let json = (format == LogFormat::Json).then(|| {
        tracing_subscriber::fmt::layer()
            .json()
            .with_writer(std::io::stderr)
            .with_filter(filter_fn(allowed))
    });
    tracing_subscriber::registry()
        .with(filter)
        .with(text)
        .with(json)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))?;
    install_panic_hook();
    Ok(())
}

/// Panics are logged as errors (so log shippers and the e2e harness see them)
/// and then reported as usual.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(%location, "panic: a poolwatch thread panicked");
        default(info);
    }));
}
