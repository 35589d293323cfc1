//! Start-up and the serve loop of `poolwatch serve`.

use std::net::SocketAddr;
use std::sync::Arc;

use domain::auth::{AdminSeed, AuthService, Bootstrap, ThrottleConfig};
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
    #[error("{0}")]
    Auth(String),
    #[error("server stopped with an error: {0}")]
    Serve(#[source] std::io::Error),
}

impl RunError {
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::Config(_) => 2,
            RunError::Bind { .. } | RunError::Store(_) | RunError::Auth(_) | RunError::Serve(_) => {
                1
            }
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
    pub tls: Option<axum_server::tls_rustls::RustlsConfig>,
    /// What the operator must be told once the URL is known (setup token, demo login).
    pub bootstrap: Bootstrap,
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
    let seed = admin_seed(args)?;
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(
            crate::tls::load(cert, key)
                .await
                .map_err(RunError::Config)?,
        ),
        _ => None,
    };
    let auth = AuthService::open(services.data_dir().path(), ThrottleConfig::default())
        .await
        .map_err(|e| RunError::Auth(e.to_string()))?;
    crate::auth::prepare_sessions(&auth)
        .await
        .map_err(|e| RunError::Auth(format!("cannot prepare the session table: {e}")))?;
    let bootstrap = auth
        .bootstrap(seed.as_ref(), args.demo)
        .await
        .map_err(|e| match e {
            domain::auth::AuthError::Invalid { .. } => {
                RunError::Config(format!("admin from the environment: {e}"))
            }
            other => RunError::Auth(other.to_string()),
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
    let csp = crate::auth::headers::content_security_policy(assets.shells());
    let security = crate::auth::Security {
        csp,
        tls: tls.is_some(),
        sessions: app::api::auth::session::SessionLimits {
            idle: std::time::Duration::from_secs(args.session_idle_seconds),
            lifetime: std::time::Duration::from_secs(args.session_lifetime_seconds),
        },
    };
    Ok(Prepared {
        state: AppState {
            services: Arc::new(services),
            auth: Arc::new(auth),
            assets: Arc::new(assets),
            metrics_token: args.metrics_token.as_ref().map(|t| Arc::from(t.expose())),
            security: Arc::new(security),
        },
        listener,
        tls,
        bootstrap,
    })
}

/// The admin from `POOLWATCH_ADMIN_USER` and `..._PASSWORD` or `..._PASSWORD_FILE`.
fn admin_seed(args: &ServeArgs) -> Result<Option<AdminSeed>, RunError> {
    let password = match (&args.admin_password, &args.admin_password_file) {
        (Some(secret), _) => Some(secret.expose().to_owned()),
        (None, Some(file)) => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                RunError::Config(format!(
                    "cannot read POOLWATCH_ADMIN_PASSWORD_FILE {}: {e}",
                    file.display()
                ))
            })?;
            Some(text.trim_end_matches(['\n', '\r']).to_owned())
        }
        (None, None) => None,
    };
    match (&args.admin_user, password) {
        (Some(username), Some(password)) => Ok(Some(AdminSeed {
            username: username.clone(),
            password,
        })),
        (None, None) => Ok(None),
        (Some(_), None) => Err(RunError::Config(
            "POOLWATCH_ADMIN_USER is set but neither POOLWATCH_ADMIN_PASSWORD nor POOLWATCH_ADMIN_PASSWORD_FILE".to_owned(),
        )),
        (None, Some(_)) => Err(RunError::Config(
            "an admin password is set but POOLWATCH_ADMIN_USER is not".to_owned(),
        )),
    }
}

/// Serves until SIGINT/SIGTERM, then lets in-flight requests finish.
pub async fn serve(prepared: Prepared) -> Result<(), RunError> {
    let Prepared {
        state,
        listener,
        tls,
        bootstrap,
    } = prepared;
    let addr = listener.local_addr().map_err(RunError::Serve)?;
    let monitor = state.services.start_monitoring();
    let sweeper = crate::auth::sweep_expired_sessions(&state);
    let fns = crate::routes::server_fn_paths();
    tracing::info!(
        server_functions = fns.len(),
        demo = state.services.demo(),
        "routes ready"
    );
    let scheme = if tls.is_some() { "https" } else { "http" };
    tracing::info!(url = %format!("{scheme}://{addr}/"), "poolwatch listening");
    println!("poolwatch is running at {scheme}://{addr}/ (Ctrl-C to stop)");
    announce(&bootstrap, &format!("{scheme}://{addr}/"));
    let app =
        crate::routes::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = match tls {
        Some(config) => crate::tls::serve(listener, config, app).await,
        None => {
            axum::serve(listener, app)
                .with_graceful_shutdown(crate::shutdown::signal_received())
                .await
        }
    };
    sweeper.abort();
    served.map_err(RunError::Serve)?;
    drop(monitor);
    tracing::info!("stopped");
    Ok(())
}

/// Printed on the console only, never logged: the setup token and the demo
/// password are secrets meant for the person who started the server.
fn announce(bootstrap: &Bootstrap, url: &str) {
    match bootstrap {
        Bootstrap::Ready => {}
        Bootstrap::SetupToken(token) => {
            tracing::warn!("no admin yet: the setup token is printed on the console");
            println!(
                "No admin account yet. Open {url}setup and enter this one-time setup token:\n\n    {token}\n\n\
                 (or set POOLWATCH_ADMIN_USER and POOLWATCH_ADMIN_PASSWORD and restart)"
            );
        }
        Bootstrap::DemoLogin { username, password } => {
            tracing::info!(user = %username, "demo login created; its password is printed on the console");
            println!("Demo login: user '{username}', password '{password}' (new at every start)");
        }
    }
}
