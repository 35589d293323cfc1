use super::*;

fn run(args: &[&str]) -> Parsed {
    parse(std::iter::once("poolwatch").chain(args.iter().copied()))
}

fn serve(args: &[&str]) -> ServeArgs {
    let mut full = vec!["serve"];
    full.extend_from_slice(args);
    match run(&full) {
        Parsed::Run(cli) => match *cli {
            Cli {
                command: Command::Serve(a),
            } => a,
        },
        other => panic!("expected serve args, got {other:?}"),
    }
}

fn exit_of(args: &[&str]) -> (String, String, u8) {
    match run(args) {
        Parsed::Exit {
            stdout,
            stderr,
            code,
        } => (stdout, stderr, code),
        Parsed::Run(cli) => panic!("expected an exit, got {cli:?}"),
    }
}

#[test]
fn listen_forms() {
    assert_eq!(parse_listen("127.0.0.1:7655").unwrap().port(), 7655);
    assert_eq!(parse_listen("[::1]:80").unwrap().to_string(), "[::1]:80");
    assert_eq!(
        parse_listen("localhost:9").unwrap().to_string(),
        "127.0.0.1:9"
    );
    assert_eq!(parse_listen("0.0.0.0:0").unwrap().port(), 0);
    assert!(
        parse_listen("127.0.0.1:70000")
            .unwrap_err()
            .contains("out of range")
    );
    assert!(
        parse_listen("127.0.0.1:http")
            .unwrap_err()
            .contains("not a number")
    );
    assert!(parse_listen("127.0.0.1").unwrap_err().contains("no port"));
    assert!(
        parse_listen("nas.example:80")
            .unwrap_err()
            .contains("not an IP")
    );
    assert!(parse_listen("::1:80").unwrap_err().contains("brackets"));
    assert!(parse_listen("[nas]:80").unwrap_err().contains("not an IP"));
}

#[test]
fn switch_values() {
    for yes in ["true", "TRUE", "1", "yes", "On", " on "] {
        assert_eq!(parse_switch(yes), Ok(true), "{yes}");
    }
    for no in ["false", "0", "No", "OFF"] {
        assert_eq!(parse_switch(no), Ok(false), "{no}");
    }
    for bad in ["", "2", "enable", "y"] {
        assert!(parse_switch(bad).is_err(), "{bad}");
    }
}

#[test]
fn serve_defaults_and_flags() {
    let args = serve(&[]);
    assert_eq!(args.listen.to_string(), DEFAULT_LISTEN);
    assert!(!args.demo);
    let args = serve(&["--demo", "--listen", "127.0.0.1:0", "--data-dir", "/tmp/x"]);
    assert!(args.demo);
    assert_eq!(args.listen.port(), 0);
    assert_eq!(args.data_dir(), PathBuf::from("/tmp/x"));
    assert!(!serve(&["--demo=false"]).demo);
}

#[test]
fn unknown_flag_is_one_line_and_code_2() {
    let (stdout, stderr, code) = exit_of(&["serve", "--frobnicate"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--frobnicate"), "{stderr}");
}

#[test]
fn bad_port_is_one_line_and_code_2() {
    let (_, stderr, code) = exit_of(&["serve", "--listen", "127.0.0.1:99999"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("out of range"), "{stderr}");
}

#[test]
fn bad_switch_is_one_line_and_code_2() {
    let (_, stderr, code) = exit_of(&["serve", "--demo=maybe"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a switch value"), "{stderr}");
}

#[test]
fn version_and_help_exit_zero() {
    let (stdout, _, code) = exit_of(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("poolwatch {}", env!("CARGO_PKG_VERSION"))
    );
    let (stdout, _, code) = exit_of(&["serve", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("POOLWATCH_LISTEN"), "{stdout}");
}

#[test]
fn truenas_switch_and_connection_limit() {
    let args = serve(&[]);
    assert!(args.enable_truenas);
    assert_eq!(args.max_connections, 256);
    for (raw, want) in [
        ("off", false),
        ("NO", false),
        ("0", false),
        ("Yes", true),
        ("on", true),
    ] {
        let flag = format!("--enable-truenas={raw}");
        assert_eq!(serve(&[flag.as_str()]).enable_truenas, want, "{raw}");
    }
    let (_, stderr, code) = exit_of(&["serve", "--enable-truenas=maybe"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a switch value"), "{stderr}");
    let (_, stderr, code) = exit_of(&["serve", "--max-connections", "0"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
