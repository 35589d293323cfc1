//! The real `poolwatch` binary as an operator runs it: flags, exit codes,
//! listening on a real socket, graceful shutdown on SIGTERM.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_poolwatch");

fn poolwatch(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("POOLWATCH_LISTEN")
        .env_remove("POOLWATCH_DATA_DIR")
        .env_remove("POOLWATCH_DEMO")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn version_flag() {
    let out = poolwatch(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("poolwatch {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flag_exits_2_with_one_line() {
    let out = poolwatch(&["serve", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--no-such-flag"), "{err}");
}

#[test]
fn port_out_of_range_exits_2() {
    let out = poolwatch(&["serve", "--listen", "127.0.0.1:65536"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("out of range"));
}

#[test]
fn bad_env_value_exits_2() {
    let out = Command::new(BIN)
        .args(["serve"])
        .env("POOLWATCH_LISTEN", "nowhere")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn unusable_data_dir_exits_2_with_one_line() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let dir = file.join("data");
    let out = poolwatch(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let last = err.lines().last().unwrap_or("");
    assert!(last.starts_with("poolwatch: error: data dir"), "{err}");
    assert!(last.contains("cannot create it"), "{err}");
}

struct Running {
    child: Child,
    addr: String,
}

fn start(data_dir: &std::path::Path) -> Running {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env_remove("POOLWATCH_DEMO")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in first stdout line: {line:?}"))
        .to_owned();
    Running { child, addr }
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serves_then_stops_cleanly_on_sigterm() {
    let root = tempfile::tempdir().unwrap();
    let data_dir = root.path().join("data");
    let mut running = start(&data_dir);

    let response = http_get(&running.addr, "/healthz");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with(r#"{"status":"ok"}"#), "{response}");
    let response = http_get(&running.addr, "/readyz");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&data_dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);

    let status = Command::new("kill")
        .args(["-TERM", &running.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = running.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "poolwatch did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "exit after SIGTERM: {exit:?}");
    assert!(
        TcpStream::connect(&running.addr).is_err(),
        "still listening after exit"
    );
}
