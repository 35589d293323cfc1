//! Start-up and the serve loop of `poolwatch serve`.

use std::net::SocketAddr;
use std::sync::Arc;

use domain::store::StoreError;
use domain::{DataDir, Services, ServicesConfig};
use tokio::net::TcpListener;

use crate::assets::Assets;
use crate::cli::ServeArgs;
use crate::state::AppState;

/// Why `serve` stopped. `Config` errors are the operator's input (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Config(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(StoreError),
    #[error("server stopped with an error: {0}")]
    Serve(#[source] std::io::Error),
}

impl RunError {
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::Config(_) => 2,
            RunError::Bind { .. } | RunError::Store(_) | RunError::Serve(_) => 1,
        }
    }
}

/// The whole life of `poolwatch serve`: prepare, start the demo simulators
/// when asked (before listening, so the first page already lists them),
/// serve, then stop the simulators.
pub async fn run(args: &ServeArgs) -> Result<(), RunError> {
    let prepared = prepare(args).await?;
    let demo = crate::demo::start_if_asked(&prepared.state.services).await;
    let served = serve(prepared).await;
    if let Some(demo) = demo {
        demo.stop();
    }
    served
}

/// Everything `serve` needs, prepared but not yet listening.
pub struct Prepared {
    pub state: AppState,
    pub listener: TcpListener,
}

pub async fn prepare(args: &ServeArgs) -> Result<Prepared, RunError> {
    let data_dir_path = args.data_dir();
    let data_dir = tokio::task::spawn_blocking(move || DataDir::prepare(data_dir_path))
        .await
        .map_err(|e| RunError::Config(format!("data dir check did not finish: {e}")))?
        .map_err(|e| RunError::Config(e.to_string()))?;
    if !data_dir.is_private() {
        tracing::warn!(
            path = %data_dir.path().display(),
            "data dir is readable by group or others; run: chmod 700 <data dir>"
        );
    }
    tracing::info!(path = %data_dir.path().display(), "data dir ready");

    let assets = tokio::task::spawn_blocking(Assets::embedded)
        .await
        .map_err(|e| RunError::Config(format!("loading the front end did not finish: {e}")))?;
    if assets.index().is_none() {
        tracing::warn!("no front end in this build: pages answer 503 (run `make run` to build it)");
    }
    tracing::info!(files = assets.len(), "front end loaded");

    let config = ServicesConfig {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        demo: args.demo,
        truenas_enabled: args.enable_truenas,
        max_connections: args.max_connections as usize,
        stale_after: std::time::Duration::from_secs(args.stale_after_seconds),
        poll_every: args.poll_every_ms.map(std::time::Duration::from_millis),
    };
    let services = tokio::task::spawn_blocking(move || Services::open(config, data_dir))
        .await
        .map_err(|e| RunError::Config(format!("opening the credential store did not finish: {e}")))?
        .map_err(|e| match e {
            StoreError::KeyFile(message) => RunError::Config(message),
            other => RunError::Store(other),
        })?;
    if !args.enable_truenas {
        tracing::warn!("TrueNAS integration is off (POOLWATCH_ENABLE_TRUENAS): nothing is polled");
    }
    let listener = TcpListener::bind(args.listen)
        .await
        .map_err(|source| RunError::Bind {
            addr: args.listen,
            source,
        })?;
    Ok(Prepared {
        state: AppState {
            services: Arc::new(services),
            assets: Arc::new(assets),
            metrics_token: args.metrics_token.as_deref().map(Arc::from),
        },
        listener,
    })
}

/// Serves until SIGINT/SIGTERM, then lets in-flight requests finish.
pub async fn serve(prepared: Prepared) -> Result<(), RunError> {
    let Prepared { state, listener } = prepared;
    let addr = listener.local_addr().map_err(RunError::Serve)?;
    let monitor = state.services.start_monitoring();
    let fns = crate::routes::server_fn_paths();
    tracing::info!(
        server_functions = fns.len(),
        demo = state.services.demo(),
        "routes ready"
    );
    tracing::info!(url = %format!("http://{addr}/"), "poolwatch listening");
    println!("poolwatch is running at http://{addr}/ (Ctrl-C to stop)");
    let app =
        crate::routes::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(crate::shutdown::signal_received())
        .await
        .map_err(RunError::Serve)?;
    drop(monitor);
    tracing::info!("stopped");
    Ok(())
}
