//! The binary's ways to start: over HTTPS with `--tls-cert`/`--tls-key`, and
//! a first start without an admin, which prints a one-time setup token that
//! the setup call asks for. Driven with curl, as an operator would.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_poolwatch");

struct Server {
    child: Child,
    lines: Vec<String>,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary and reads stdout up to `wanted` lines.
fn start(data: &Path, args: &[&str], env: &[(&str, &str)], wanted: usize) -> Server {
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .args(args)
        .env_remove("POOLWATCH_ADMIN_USER")
        .env_remove("POOLWATCH_ADMIN_PASSWORD")
        .env_remove("POOLWATCH_ADMIN_PASSWORD_FILE")
        .env_remove("POOLWATCH_DEMO")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    while lines.len() < wanted {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_owned());
    }
    let url = lines[0]
        .split_whitespace()
        .find(|w| w.starts_with("http"))
        .unwrap()
        .to_owned();
    Server { child, lines, url }
}

fn curl(args: &[&str]) -> String {
    let out = Command::new("curl")
        .args(["-sS", "-k", "-i", "--max-time", "10"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "curl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn serves_https_with_secure_cookies() {
    let dir = tempfile::tempdir().unwrap();
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let password = "https-admin-password";
    let server = start(
        &dir.path().join("data"),
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
        &[
            ("POOLWATCH_ADMIN_USER", "admin"),
            ("POOLWATCH_ADMIN_PASSWORD", password),
        ],
        1,
    );
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    let health = curl(&[&format!("{}healthz", server.url)]);
    assert!(
        health.starts_with("HTTP/2 200") || health.starts_with("HTTP/1.1 200"),
        "{health}"
    );
    assert!(
        health
            .to_ascii_lowercase()
            .contains("strict-transport-security: max-age="),
        "{health}"
    );
    let body = format!(r#"{{"username":"admin","password":"{password}"}}"#);
    let login = curl(&[
        "-X",
        "POST",
        "-H",
        "Content-Type: application/json",
        "-d",
        &body,
        &format!("{}api/auth/login", server.url),
    ]);
    let cookie = login
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_else(|| panic!("no cookie: {login}"));
    assert!(cookie.contains("__Host-poolwatch_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let plain = Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "5",
            &server.url.replacen("https", "http", 1),
        ])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&plain.stdout).contains("poolwatch"),
        "plain HTTP must not be served"
    );
}

#[test]
fn first_start_prints_a_setup_token_that_creates_the_admin() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&dir.path().join("data"), &[], &[], 4);
    let token = server
        .lines
        .iter()
        .map(|l| l.trim())
        .find(|l| l.len() == 32 && l.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| panic!("no setup token printed: {:?}", server.lines))
        .to_owned();
    let status = curl(&[&format!("{}api/auth/status", server.url)]);
    assert!(status.contains(r#""setupRequired":true"#), "{status}");
    let page = curl(&[&format!("{}storage", server.url)]);
    assert!(page.starts_with("HTTP/1.1 303"), "{page}");
    let setup = |token: &str| {
        let body = format!(
            r#"{{"setupToken":"{token}","username":"owner","password":"a long setup password"}}"#
        );
        curl(&[
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-d",
            &body,
            &format!("{}api/auth/setup", server.url),
        ])
    };
    assert!(setup("not-the-token").contains(r#""field":"setupToken""#));
    let done = setup(&token);
    assert!(done.starts_with("HTTP/1.1 200"), "{done}");
    assert!(done.contains(r#""name":"owner""#), "{done}");
    assert!(
        setup(&token).starts_with("HTTP/1.1 409"),
        "the token works once"
    );
}
