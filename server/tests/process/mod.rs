//! Runs the real `poolwatch` binary and talks plain HTTP/1.1 to it.
#![allow(clippy::unwrap_used, dead_code)] // test helpers: a failed unwrap is a failed test

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_poolwatch");
pub const ADMIN_USER: &str = "admin";
pub const ADMIN_PASSWORD: &str = "process-test-password";

/// The admin session cookie of each running server, by address, so
/// [`request`] can stay a function of the address alone.
fn cookies() -> &'static std::sync::Mutex<std::collections::HashMap<String, String>> {
    static COOKIES: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<String, String>>,
    > = std::sync::OnceLock::new();
    COOKIES.get_or_init(Default::default)
}

pub struct Running {
    pub child: Child,
    pub addr: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `poolwatch serve` on a free port and waits for its URL line.
pub fn start(data_dir: &Path, extra_env: &[(&str, &str)]) -> Running {
    start_logging_to(data_dir, extra_env, None)
}

/// Like [`start`], with the server's log (stderr) written to `log`.
pub fn start_logging_to(
    data_dir: &Path,
    extra_env: &[(&str, &str)],
    log: Option<&Path>,
) -> Running {
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env_remove("POOLWATCH_DEMO")
        .env_remove("POOLWATCH_ENABLE_TRUENAS")
        .env_remove("POOLWATCH_MAX_CONNECTIONS")
        .env("POOLWATCH_ADMIN_USER", ADMIN_USER)
        .env("POOLWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .stdout(Stdio::piped())
        .stderr(match log {
            Some(path) => Stdio::from(std::fs::File::create(path).unwrap()),
            None => Stdio::null(),
        });
    for (k, v) in extra_env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in first stdout line: {line:?}"))
        .to_owned();
    log_in(&addr);
    Running { child, addr }
}

/// The admin session cookie (`name=value`) held for `addr`.
pub fn cookie_of(addr: &str) -> Option<String> {
    cookies().lock().unwrap().get(addr).cloned()
}

/// Logs in as the admin and keeps the cookie for later requests to `addr`.
pub fn log_in(addr: &str) {
    let body = format!(r#"{{"username":"{ADMIN_USER}","password":"{ADMIN_PASSWORD}"}}"#);
    let raw = request_anonymous_raw(addr, "POST", "/api/auth/login", Some(&body), &[])
        .expect("the server answers the login");
    let cookie = raw
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().split(';').next().unwrap_or("").to_owned())
        })
        .unwrap_or_else(|| panic!("login set no cookie: {raw}"));
    cookies().lock().unwrap().insert(addr.to_owned(), cookie);
}

/// One request on its own connection; `None` when the server is gone.
pub fn request(addr: &str, method: &str, path: &str, body: Option<&str>) -> Option<(u16, String)> {
    let raw = request_raw(addr, method, path, body)?;
    let status = raw.split(' ').nth(1)?.parse().ok()?;
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Some((status, body))
}

/// The whole response, status line and headers included; sent with the
/// admin's session cookie.
pub fn request_raw(addr: &str, method: &str, path: &str, body: Option<&str>) -> Option<String> {
    let cookie = cookies().lock().unwrap().get(addr).cloned();
    let extra: Vec<(&str, &str)> = cookie.iter().map(|c| ("Cookie", c.as_str())).collect();
    request_anonymous_raw(addr, method, path, body, &extra)
}

/// The whole response to exactly this request (plus `extra` headers).
pub fn request_anonymous_raw(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
    extra: &[(&str, &str)],
) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let body = body.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n{}\r\n",
        body.len(),
        extra
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect::<String>()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw).ok()?;
    Some(raw)
}

pub fn signal(child: &Child, name: &str) {
    let ok = Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name} failed");
}
