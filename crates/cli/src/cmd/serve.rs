//! `embargo serve`: the HTTP screening service over the store in the data directory.

use embargo_server::{init_logging, Limits, LogFormat, ServerConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8000")]
    listen: SocketAddr,
    /// Serve without API keys. For local use only: anyone who reaches the port can screen.
    #[arg(long)]
    no_auth: bool,
    /// Log format on stderr.
    #[arg(long, value_enum, default_value = "text")]
    log_format: LogFormatArg,
    /// Seconds between checks of the store for new list versions (SIGHUP checks at once).
    #[arg(long, default_value_t = 5.0)]
    reload_interval: f64,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = Limits::default().max_body_bytes)]
    max_body_bytes: usize,
    /// Query entities in one /match request.
    #[arg(long, default_value_t = Limits::default().max_queries)]
    max_queries: usize,
    /// Characters in one name or other property value.
    #[arg(long, default_value_t = Limits::default().max_value_chars)]
    max_value_chars: usize,
    /// Seconds a request may take before it is answered 408.
    #[arg(long, default_value_t = 10.0)]
    request_timeout: f64,
    /// Requests a second per API key, on average (0: no limit).
    #[arg(long, default_value_t = Limits::default().rate_per_second)]
    rate_limit: f64,
    /// Requests a key may send at once before the rate applies.
    #[arg(long, default_value_t = Limits::default().rate_burst)]
    rate_burst: f64,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormatArg {
    Text,
    Json,
}

fn seconds(name: &str, value: f64) -> anyhow::Result<Duration> {
    if !(value.is_finite() && value > 0.0 && value < 86_400.0) {
        anyhow::bail!("--{name} must be a number of seconds above 0 and below 86400, not {value}");
    }
    Ok(Duration::from_secs_f64(value))
}

pub fn run(data_dir: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    init_logging(match args.log_format {
        LogFormatArg::Text => LogFormat::Text,
        LogFormatArg::Json => LogFormat::Json,
    });
    if !(args.rate_limit.is_finite() && args.rate_limit >= 0.0) {
        anyhow::bail!("--rate-limit must be 0 or more requests a second");
    }
    let limits = Limits {
        max_body_bytes: args.max_body_bytes,
        max_queries: args.max_queries.max(1),
        max_value_chars: args.max_value_chars.max(1),
        request_timeout: seconds("request-timeout", args.request_timeout)?,
        rate_per_second: args.rate_limit,
        rate_burst: args.rate_burst,
        ..Limits::default()
    };
    let mut config = ServerConfig::new(data_dir);
    config.require_auth = !args.no_auth;
    config.limits = limits;
    config.reload_interval = seconds("reload-interval", args.reload_interval)?;
    embargo_server::run(config, args.listen)?;
    Ok(ExitCode::SUCCESS)
}
