//! The embargo HTTP screening service: a thin layer over [`embargo_engine`]. The engine knows
//! nothing of HTTP; this crate parses and limits requests, authenticates them, screens on the
//! blocking pool, and keeps the engine on the store's active list versions while it serves.
//!
//! | endpoint | what |
//! |---|---|
//! | `POST /match` | yente-compatible screening of query entities; every response has a `screening_id` |
//! | `GET /search?q=` | name search for analysts, prefix and fuzzy, paged |
//! | `GET /entities/{id}` | one entity with its provenance |
//! | `GET /lists` | lists and versions in force |
//! | `POST /screen/text`, `/screen/payment`, `/screen/shipment` | free text, payment messages, shipments (`screen_routes`) |
//! | `GET /healthz`, `GET /readyz` | alive; lists loaded and index built |
//! | `GET /metrics` | Prometheus text format |
//! | `GET /openapi.json` | the OpenAPI document |
//! | `/ui/` | the analysts' web page (see [`ui`]) |
//!
//! Start a server on an ephemeral port and stop it:
//!
//! ```no_run
//! use embargo_server::{serve, ServerConfig};
//!
//! # async fn demo() -> anyhow::Result<()> {
//! let mut config = ServerConfig::new("/var/lib/embargo");
//! config.require_auth = false;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("listening on {}", listener.local_addr()?);
//! serve(config, listener, async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(()) }
//! ```
//!
//! See docs/server.md for limits, error codes, reload and metrics.

pub mod api;
pub mod as_of;
pub mod case_routes;
pub mod error;
pub mod keys;
pub mod limits;
pub mod metrics;
pub mod rate_limit;
pub mod routes;
pub mod screen_routes;
pub mod state;
pub mod subject_routes;
pub mod ui;
pub mod users;
pub mod yente;

pub use error::ApiError;
pub use limits::Limits;
pub use state::{AppState, ServerConfig};

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// Serves on `listener` until `shutdown` completes, then lets in-flight requests finish.
/// Lists load in the background: `/readyz` answers 503 until they are in.
pub async fn serve(
    config: ServerConfig,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let state = Arc::new(AppState::new(config)?);
    if state.config.require_auth {
        let keys = keys::KeyStore::open(&state.config.data_dir)?.ring()?;
        if keys.is_empty() {
            tracing::warn!("no API keys exist: every request but health checks gets 401; create one with `embargo keys create NAME --role screen`");
        }
        state.keys.store(Some(Arc::new(keys)));
    } else {
        let banner = "AUTHENTICATION IS OFF (--no-auth): anyone who can reach this port can screen and read the lists. For local use only.";
        tracing::warn!("{banner}");
        eprintln!("\n  !!! {banner}\n");
    }
    let reloader = tokio::spawn(state::reload_loop(state.clone()));
    let app = routes::router(state.clone());
    let result = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    reloader.abort();
    tracing::info!("server stopped; in-flight requests finished");
    Ok(result?)
}

/// Runs the server on `addr` until SIGTERM or SIGINT: the entry point of `embargo serve`.
pub fn run(config: ServerConfig, addr: SocketAddr) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Screening is CPU work on the blocking pool: threads beyond a few per core add only
        // context switches and allocator arenas (memory), so the rest wait in the pool's queue.
        .max_blocking_threads(4 * cores)
        .thread_name("embargo-server")
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        tracing::info!(
            addr = %listener.local_addr()?,
            data_dir = %config.data_dir.display(),
            auth = config.require_auth,
            "embargo server listening"
        );
        serve(config, listener, shutdown_signal()).await
    })
}

/// Completes at SIGTERM or SIGINT.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutdown signal: finishing in-flight requests");
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Sets up `tracing` on stderr; the level comes from `RUST_LOG` (default `info`).
pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
