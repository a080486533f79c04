//! `embargo serve`: the HTTP screening service over the store in the data directory.

use crate::args::{LogFormatArg, ServeArgs};
use embargo_server::{init_logging, Limits, LogFormat, ServerConfig};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

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
    config.ui = !args.no_ui;
    config.session_ttl = seconds("session-ttl", args.session_ttl)?;
    config.secure_cookies = args.secure_cookies;
    embargo_server::run(config, args.listen)?;
    Ok(ExitCode::SUCCESS)
}
