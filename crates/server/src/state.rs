//! What the handlers share: the engine, the search index, the keys, the limits and metrics,
//! and the reloader that keeps the engine on the store's active list versions.

use crate::keys::{KeyRing, KeyStore};
use crate::limits::Limits;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;
use crate::search::SearchIndex;
use arc_swap::{ArcSwap, ArcSwapOption};
use embargo_engine::{Engine, Snapshot};
use embargo_matcher::Index;
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
}

impl ServerConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            data_dir: data_dir.into(),
            require_auth: true,
            limits: Limits::default(),
            reload_interval: Duration::from_secs(5),
        }
    }
}

/// The state of a running server.
pub struct AppState {
    pub config: ServerConfig,
    /// Set at the first successful load; swapped on each reload.
    engine: OnceLock<Engine>,
    /// The search index of the snapshot in force.
    search: ArcSwapOption<SearchIndex>,
    pub keys: ArcSwap<KeyRing>,
    pub rate_limiter: RateLimiter,
    pub metrics: Metrics,
    /// RFC 3339 time of the last snapshot swap.
    loaded_at: ArcSwapOption<String>,
}

/// The list versions a snapshot was built from, to notice new imports.
type Fingerprint = Vec<(String, u32, String)>;

impl AppState {
    pub fn new(config: ServerConfig) -> AppState {
        let rate_limiter = RateLimiter::new(config.limits.rate_per_second, config.limits.rate_burst);
        AppState {
            config,
            engine: OnceLock::new(),
            search: ArcSwapOption::empty(),
            keys: ArcSwap::from_pointee(KeyRing::default()),
            rate_limiter,
            metrics: Metrics::default(),
            loaded_at: ArcSwapOption::empty(),
        }
    }

    /// The snapshot in force, once lists are loaded.
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.engine.get().map(Engine::snapshot)
    }

    pub fn search_index(&self) -> Option<Arc<SearchIndex>> {
        self.search.load_full()
    }

    pub fn loaded_at(&self) -> Option<Arc<String>> {
        self.loaded_at.load_full()
    }

    /// Ready: a snapshot is in force and it has at least one list.
    pub fn is_ready(&self) -> bool {
        self.snapshot().is_some_and(|s| !s.lists.is_empty())
    }

    /// Re-reads the keys, then loads a new snapshot if the store's active versions differ
    /// from the one in force. Blocking: run it on the blocking pool.
    pub fn refresh(&self) -> anyhow::Result<bool> {
        if self.config.require_auth {
            let ring = KeyStore::open(&self.config.data_dir)?.ring()?;
            self.keys.store(Arc::new(ring));
        }
        let store = Store::open(&self.config.data_dir)?;
        let versions = store.lists()?;
        let fingerprint: Fingerprint =
            versions.iter().map(|v| (v.list.clone(), v.version, v.sha256.clone())).collect();
        if let Some(current) = self.snapshot() {
            let in_force: Fingerprint =
                current.lists.iter().map(|v| (v.list.clone(), v.version, v.sha256.clone())).collect();
            if in_force == fingerprint {
                return Ok(false);
            }
        }
        let started = Instant::now();
        let entities = store.load_entities(None)?;
        // The search index is built from the same entities as the matcher's index, so both
        // always describe the same versions.
        let search = SearchIndex::build(&entities);
        let index = Index::build(entities);
        let snapshot = Snapshot { index, lists: versions, load_time: started.elapsed() };
        let summary: Vec<String> =
            snapshot.lists.iter().map(|v| format!("{}@{}", v.list, v.version)).collect();
        let entities = snapshot.index.len();
        self.metrics.last_load_micros.store(started.elapsed().as_micros() as u64, Ordering::Relaxed);
        // The engine swap comes last: a /match that sees the new versions can find the
        // entities in the new search index too.
        let previous_search = self.search.swap(Some(Arc::new(search)));
        let previous = match self.engine.get() {
            Some(engine) => {
                let previous = engine.snapshot();
                engine.swap(snapshot);
                Some(previous)
            }
            None => {
                let _ = self.engine.set(Engine::new(snapshot));
                None
            }
        };
        self.loaded_at.store(Some(Arc::new(crate::clock::rfc3339(crate::clock::unix_now()))));
        if summary.is_empty() {
            tracing::warn!("the store has no lists: /readyz stays 503 until one is imported");
        }
        tracing::info!(
            lists = %summary.join(" "),
            entities,
            load_ms = started.elapsed().as_millis() as u64,
            "lists loaded"
        );
        release_when_unused(previous, previous_search);
        Ok(true)
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

/// Drops the replaced snapshot (if any) here, once the requests still using it are done, and gives the
/// freed pages back to the system. Without this the allocator keeps the old index's memory
/// mapped, and the RSS of a server grows by about one index at the first reload (measured:
/// 300 MiB to 450-490 MiB over four reloads; with it, it returns to the size of one snapshot).
fn release_when_unused(snapshot: Option<Arc<Snapshot>>, search: Option<Arc<SearchIndex>>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let in_use = |s: &Option<Arc<Snapshot>>, i: &Option<Arc<SearchIndex>>| {
        s.as_ref().is_some_and(|s| Arc::strong_count(s) > 1)
            || i.as_ref().is_some_and(|i| Arc::strong_count(i) > 1)
    };
    while in_use(&snapshot, &search) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(snapshot);
    drop(search);
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
