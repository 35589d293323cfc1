//! Command line and environment. Every flag of `serve` can also come from a
//! `POOLWATCH_*` variable; a flag wins over its variable.
//!
//! Bad input ends the process with one line on stderr and exit code 2, so
//! service managers and scripts see a clear reason.

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand};

use crate::telemetry::LogFormat;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:7655";

/// poolwatch: one dashboard for every TrueNAS box you own.
#[derive(Debug, Parser)]
#[command(name = "poolwatch", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the dashboard and its API.
    Serve(ServeArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (IP:PORT; port 0 picks a free port).
    #[arg(long, env = "POOLWATCH_LISTEN", default_value = DEFAULT_LISTEN, value_name = "ADDR",
          value_parser = parse_listen)]
    pub listen: SocketAddr,

    /// Where poolwatch keeps its state; created with mode 0700 if missing.
    /// Default: $XDG_DATA_HOME/poolwatch, else ~/.local/share/poolwatch.
    #[arg(long, env = "POOLWATCH_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Start with built-in simulated NAS boxes so the dashboard has data.
    #[arg(long, env = "POOLWATCH_DEMO", value_name = "BOOL", value_parser = parse_switch,
          num_args = 0..=1, default_value = "false", default_missing_value = "true")]
    pub demo: bool,

    /// Turn the TrueNAS integration on or off. Off: nothing polls and the
    /// connection API answers 404 `truenas_disabled`.
    #[arg(long, env = "POOLWATCH_ENABLE_TRUENAS", value_name = "BOOL", value_parser = parse_switch,
          num_args = 0..=1, default_value = "true", default_missing_value = "true")]
    pub enable_truenas: bool,

    /// Most connections that can be stored.
    #[arg(long, env = "POOLWATCH_MAX_CONNECTIONS", default_value = "256", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_connections: u32,

    /// Data older than this is marked stale (never less than two poll intervals).
    #[arg(long, env = "POOLWATCH_STALE_AFTER_SECONDS", default_value = "120", value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub stale_after_seconds: u64,

    /// A bearer token good for `GET /metrics` only (an API token with `read` scope works too).
    #[arg(
        long,
        env = "POOLWATCH_METRICS_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN",
        value_parser = parse_secret
    )]
    pub metrics_token: Option<Secret>,

    /// The admin's user name; created (or its password reset) at start.
    #[arg(long, env = "POOLWATCH_ADMIN_USER", value_name = "NAME")]
    pub admin_user: Option<String>,

    /// The admin's password (prefer POOLWATCH_ADMIN_PASSWORD_FILE: command lines are visible to other users).
    #[arg(long, env = "POOLWATCH_ADMIN_PASSWORD", hide_env_values = true, value_name = "PASSWORD",
          value_parser = parse_secret)]
    pub admin_password: Option<Secret>,

    /// A file holding the admin's password (one line).
    #[arg(
        long,
        env = "POOLWATCH_ADMIN_PASSWORD_FILE",
        value_name = "FILE",
        conflicts_with = "admin_password"
    )]
    pub admin_password_file: Option<PathBuf>,

    /// A login session ends after this long without a request.
    #[arg(long, env = "POOLWATCH_SESSION_IDLE_SECONDS", default_value = "3600", value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=2_592_000))]
    pub session_idle_seconds: u64,

    /// A login session ends this long after login, active or not.
    #[arg(long, env = "POOLWATCH_SESSION_LIFETIME_SECONDS", default_value = "43200", value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=2_592_000))]
    pub session_lifetime_seconds: u64,

    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(
        long,
        env = "POOLWATCH_TLS_CERT",
        value_name = "FILE",
        requires = "tls_key"
    )]
    pub tls_cert: Option<PathBuf>,

    /// The private key (PEM) of --tls-cert.
    #[arg(
        long,
        env = "POOLWATCH_TLS_KEY",
        value_name = "FILE",
        requires = "tls_cert"
    )]
    pub tls_key: Option<PathBuf>,

    /// Test and benchmark knob: poll every connection every N ms instead of
    /// at its own interval.
    #[arg(long, env = "POOLWATCH_POLL_EVERY_MS", hide = true, value_name = "MS",
          value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
    pub poll_every_ms: Option<u64>,

    /// Log filter, e.g. "info" or "poolwatch=debug,info".
    #[arg(
        long,
        env = "POOLWATCH_LOG",
        default_value = "info",
        value_name = "FILTER"
    )]
    pub log: String,

    /// Log line format.
    #[arg(long, env = "POOLWATCH_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

/// A secret from the command line or environment: `Debug` never shows it,
/// so printing the parsed arguments cannot leak it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(********)")
    }
}

fn parse_secret(raw: &str) -> Result<Secret, String> {
    if raw.is_empty() {
        return Err("must not be empty".to_owned());
    }
    Ok(Secret(raw.to_owned()))
}

impl ServeArgs {
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(default_data_dir)
    }
}

fn default_data_dir() -> PathBuf {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(xdg) = non_empty("XDG_DATA_HOME") {
        return PathBuf::from(xdg).join("poolwatch");
    }
    if let Some(home) = non_empty("HOME") {
        return PathBuf::from(home).join(".local/share/poolwatch");
    }
    PathBuf::from("poolwatch-data")
}

/// What parsing decided: run, or stop now with this output and exit code.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Cli>),
    Exit {
        stdout: String,
        stderr: String,
        code: u8,
    },
}

/// Parses arguments (and the environment). Help and version go to stdout with
/// code 0; every error is reduced to one line with code 2.
pub fn parse<I, T>(args: I) -> Parsed
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => Parsed::Run(Box::new(cli)),
        Err(err) => match err.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Parsed::Exit {
                stdout: err.to_string(),
                stderr: String::new(),
                code: 0,
            },
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Parsed::Exit {
                stdout: String::new(),
                stderr: err.to_string(),
                code: 2,
            },
            _ => Parsed::Exit {
                stdout: String::new(),
                stderr: one_line_error(&err.to_string()),
                code: 2,
            },
        },
    }
}

/// Keeps clap's first line (what is wrong) and drops tips and usage blocks.
fn one_line_error(rendered: &str) -> String {
    let first = rendered
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("error: invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    format!("poolwatch: error: {first} (see 'poolwatch serve --help')\n")
}

/// Accepts `IP:PORT`, `[IPv6]:PORT` and `localhost:PORT`, with a precise
/// reason when it is not one of those.
pub fn parse_listen(raw: &str) -> Result<SocketAddr, String> {
    let raw = raw.trim();
    if let Ok(addr) = raw.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let (host, port) = raw
        .rsplit_once(':')
        .ok_or_else(|| format!("'{raw}' has no port; use IP:PORT, e.g. {DEFAULT_LISTEN}"))?;
    let port: u16 = match port.parse::<u64>() {
        Ok(p) if p <= u64::from(u16::MAX) => p as u16,
        Ok(p) => return Err(format!("port {p} is out of range (0-65535)")),
        Err(_) => return Err(format!("port '{port}' is not a number")),
    };
    let host = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(inner) => inner,
        None if host.contains(':') => {
            return Err(format!(
                "'{raw}' is ambiguous: put an IPv6 address in brackets, e.g. [::1]:7655"
            ));
        }
        None => host,
    };
    let ip: IpAddr = if host.eq_ignore_ascii_case("localhost") {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        host.parse().map_err(|_| {
            format!("'{host}' is not an IP address (IPv6 goes in brackets: [::1]:7655)")
        })?
    };
    Ok(SocketAddr::new(ip, port))
}

/// A strict on/off switch: true/false, 1/0, yes/no, on/off in any case.
/// Anything else is an error rather than a silent default.
pub fn parse_switch(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(format!(
            "'{raw}' is not a switch value; use one of true/false, 1/0, yes/no, on/off"
        )),
    }
}

#[cfg(test)]
#[path = "cli_tests.rs"]
mod tests;
