use std::io::Write;
use std::process::ExitCode;

use poolwatch::cli::{self, Command, Parsed};

/// mimalloc rather than glibc malloc: a poll cycle over a large fleet
/// allocates and frees millions of small values on every worker thread,
/// where glibc is slower and its per-thread arenas keep freed memory
/// (the fleet benchmark in docs/architecture.md measures both).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os()) {
        Parsed::Run(cli) => cli,
        Parsed::Exit {
            stdout,
            stderr,
            code,
        } => {
            let _ = std::io::stdout().write_all(stdout.as_bytes());
            let _ = std::io::stderr().write_all(stderr.as_bytes());
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Serve(args) => serve(&args),
    }
}

fn serve(args: &cli::ServeArgs) -> ExitCode {
    if let Err(message) = poolwatch::telemetry::init(&args.log, args.log_format) {
        eprintln!("poolwatch: error: {message}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("poolwatch: error: cannot start the async runtime: {err}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(poolwatch::run::run(args));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "poolwatch stopped");
            eprintln!("poolwatch: error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
