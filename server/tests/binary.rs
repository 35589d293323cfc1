//! The real `poolwatch` binary as an operator runs it: flags, exit codes,
//! listening on a real socket, graceful shutdown on SIGTERM.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod process;

use std::net::TcpStream;
use std::process::{Command, Output};

use process::{request, signal, start};
use std::time::{Duration, Instant};

use process::BIN;

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

#[test]
fn serves_then_stops_cleanly_on_sigterm() {
    let root = tempfile::tempdir().unwrap();
    let data_dir = root.path().join("data");
    let mut running = start(&data_dir, &[]);

    let (status, body) = request(&running.addr, "GET", "/healthz", None).unwrap();
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
    let (status, _) = request(&running.addr, "GET", "/readyz", None).unwrap();
    assert_eq!(status, 200);

    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&data_dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);

    signal(&running.child, "TERM");
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
