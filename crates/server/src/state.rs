//! What the handlers share: the engine, the keys, the limits and metrics, and the reloader that
//! keeps the engine on the store's active list versions. Loading, checking and swapping are the
//! engine's; the server owns memory policy (giving a replaced snapshot's pages back).

use crate::keys::{KeyRing, KeyStore};
use crate::limits::Limits;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;
use arc_swap::ArcSwapOption;
use embargo_cases::{CaseError, CaseStore};
use embargo_engine::{Engine, EngineError, Reload, Selection, Snapshot};
use embargo_errors::ErrorCode;
use embargo_store::Store;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// How the server is configured.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The data directory: the store and `keys.sqlite`.
    pub data_dir: PathBuf,
    /// Whether requests need an API key. `false` only for local use (`--no-auth`).
    pub require_auth: bool,
    pub limits: Limits,
    /// How often the store's list versions (and the keys) are checked for changes.
    pub reload_interval: Duration,
    /// Whether the analysts' web page is served at `/ui/` (on by default).
    pub ui: bool,
    /// How long a web page session lasts without a request before it expires.
    pub session_ttl: Duration,
    /// Whether session cookies are `Secure` (behind TLS). They are also when a request comes
    /// with `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
}

impl ServerConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            data_dir: data_dir.into(),
            require_auth: true,
            limits: Limits::default(),
            reload_interval: Duration::from_secs(5),
            ui: true,
            session_ttl: Duration::from_secs(8 * 3600),
            secure_cookies: false,
        }
    }
}

/// The state of a running server.
pub struct AppState {
    pub config: ServerConfig,
    /// The lists in force; empty until the first successful load.
    engine: Engine,
    /// The active keys; `None` while the key database cannot be read, when every
    /// authenticated request is refused (fail closed: a revoked key must not keep working).
    pub keys: ArcSwapOption<KeyRing>,
    /// The case store (`cases.sqlite`): recorded screenings, alerts, decisions, the audit log.
    pub cases: CaseStore,
    pub rate_limiter: RateLimiter,
    pub metrics: Metrics,
    /// RFC 3339 time of the last snapshot swap.
    loaded_at: ArcSwapOption<String>,
    /// The OpenAPI document, generated once from the routes (`routes::router`).
    pub(crate) openapi: OnceLock<serde_json::Value>,
    /// Whether the "store has no lists" warning was logged (once, not at every poll).
    warned_empty: std::sync::atomic::AtomicBool,
    /// The text and shipment screeners of the snapshot in force (`/screen/*`).
    pub(crate) screeners: crate::screen_routes::Screeners,
}

impl AppState {
    /// The state of a server over `config.data_dir`; opens the case store (and its audit key).
    pub fn new(config: ServerConfig) -> Result<AppState, CaseError> {
        let cases = CaseStore::open(&config.data_dir)?;
        let rate_limiter = RateLimiter::new(config.limits.rate_per_second, config.limits.rate_burst);
        Ok(AppState {
            config,
            cases,
            engine: Engine::new(Selection::active()),
            keys: ArcSwapOption::empty(),
            rate_limiter,
            metrics: Metrics::default(),
            loaded_at: ArcSwapOption::empty(),
            openapi: OnceLock::new(),
            warned_empty: Default::default(),
            screeners: Default::default(),
        })
    }

    /// The snapshot in force, once lists are loaded.
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.engine.snapshot()
    }

    pub fn loaded_at(&self) -> Option<Arc<String>> {
        self.loaded_at.load_full()
    }

    /// Ready: a snapshot is in force and it has at least one list.
    pub fn is_ready(&self) -> bool {
        self.snapshot().is_some_and(|s| !s.lists().is_empty())
    }

    /// Re-reads the keys, then loads a new snapshot if the store's active versions differ
    /// from the one in force. Blocking: run it on the blocking pool.
    pub fn refresh(&self) -> anyhow::Result<bool> {
        if self.config.require_auth {
            self.refresh_keys();
        }
        let store = Store::open(&self.config.data_dir)?;
        let started = Instant::now();
        let previous = match self.engine.reload(&store) {
            Ok(Reload::Unchanged) => return Ok(false),
            Ok(Reload::Loaded { previous }) => previous,
            Err(EngineError::NoListsImported(_)) => {
                if self.snapshot().is_none() && !self.warned_empty.swap(true, Ordering::Relaxed) {
                    tracing::warn!("the store has no lists: /readyz stays 503 until one is imported");
                }
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        };
        let snapshot = self.snapshot().expect("a snapshot was just loaded");
        self.metrics.last_load_micros.store(started.elapsed().as_micros() as u64, Ordering::Relaxed);
        self.loaded_at.store(Some(Arc::new(format!("{:.0}", jiff::Timestamp::now()))));
        tracing::info!(
            lists = %snapshot.labels().join(" "),
            entities = snapshot.entity_count(),
            load_ms = started.elapsed().as_millis() as u64,
            "lists loaded"
        );
        crate::subject_routes::after_reload(self, &snapshot);
        drop(snapshot);
        release_when_unused(previous);
        Ok(true)
    }

    /// Re-reads the key database. When it cannot be read, the keys in force are dropped, not
    /// kept: a key revoked since the last read must not go on working while the database is
    /// unreadable, so authenticated requests get 503 `keys_unavailable` until it reads again.
    pub fn refresh_keys(&self) {
        match KeyStore::open(&self.config.data_dir).and_then(|store| store.ring()) {
            Ok(ring) => {
                if self.keys.load().is_none() {
                    tracing::info!(keys = ring.len(), "API keys read");
                }
                self.keys.store(Some(Arc::new(ring)));
            }
            Err(err) => {
                if self.keys.swap(None).is_some() {
                    tracing::error!(
                        error = %err,
                        code = %err.error_code(),
                        "the key database cannot be read: refusing authenticated requests until it can"
                    );
                }
            }
        }
    }

    /// Runs [`AppState::refresh`] on the blocking pool, counting and logging failures; the
    /// snapshot in force stays when a load fails.
    pub async fn refresh_in_background(self: &Arc<Self>) {
        let state = self.clone();
        let outcome = tokio::task::spawn_blocking(move || state.refresh()).await;
        match outcome {
            Ok(Ok(true)) => {
                self.metrics.reloads_ok.fetch_add(1, Ordering::Relaxed);
            }
            Ok(Ok(false)) => {}
            Ok(Err(err)) => {
                self.metrics.reloads_failed.fetch_add(1, Ordering::Relaxed);
                tracing::warn!(error = %format!("{err:#}"), "reload failed; the lists in force stay");
            }
            Err(join) => {
                self.metrics.reloads_failed.fetch_add(1, Ordering::Relaxed);
                tracing::error!(error = %join, "reload panicked; the lists in force stay");
            }
        }
    }
}

/// Drops the replaced snapshot (if any) here, once the requests still using it are done, and
/// gives the freed pages back to the system. Without this the allocator keeps the old index's
/// memory mapped, and the RSS of a server grows by about one index at the first reload
/// (measured: 300 MiB to 450-490 MiB over four reloads; with it, it returns to the size of one
/// snapshot). Memory policy is the server's: the engine and the matcher make no allocator calls.
fn release_when_unused(snapshot: Option<Arc<Snapshot>>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while snapshot.as_ref().is_some_and(|s| Arc::strong_count(s) > 1) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(snapshot);
    // Also run after the first load: reading the store leaves much freed temporary memory.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Checks the store every `reload_interval`, and at once on SIGHUP, until the process ends.
pub async fn reload_loop(state: Arc<AppState>) {
    #[cfg(unix)]
    let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    loop {
        state.refresh_in_background().await;
        let tick = tokio::time::sleep(state.config.reload_interval);
        #[cfg(unix)]
        {
            let hup = async {
                match hangup.as_mut() {
                    Some(signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = tick => {}
                _ = hup => tracing::info!("SIGHUP: checking the store for new list versions"),
            }
        }
        #[cfg(not(unix))]
        tick.await;
    }
}
