//! A token bucket per API key: `rate` tokens a second, up to `burst` saved up. A request takes
//! tokens for the work it asks for (one per name screened), not one per request: 100 queries
//! of five long names cost far more than one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Per-key token buckets.
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<Arc<str>, Bucket>>,
}

impl RateLimiter {
    /// `rate` requests a second on average, `burst` at once. A rate of 0 disables the limit.
    pub fn new(rate: f64, burst: f64) -> RateLimiter {
        RateLimiter { rate, burst: burst.max(1.0), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes `cost` tokens (at most the burst) for `key` at `now`; `Err(seconds)` to wait when
    /// the bucket holds fewer.
    pub fn check(&self, key: &Arc<str>, cost: f64, now: Instant) -> Result<(), u64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets.entry(key.clone()).or_insert(Bucket { tokens: self.burst, updated: now });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.rate).min(self.burst);
        bucket.updated = now;
        let cost = cost.clamp(0.0, self.burst);
        if bucket.tokens >= cost {
            bucket.tokens -= cost;
            Ok(())
        } else {
            Err(((cost - bucket.tokens) / self.rate).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_key_gets_its_burst_then_waits_for_refill() {
        let limiter = RateLimiter::new(2.0, 3.0);
        let (a, b): (Arc<str>, Arc<str>) = ("a".into(), "b".into());
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(&a, 1.0, t0), Ok(()));
        }
        assert_eq!(limiter.check(&a, 1.0, t0), Err(1));
        assert_eq!(limiter.check(&b, 1.0, t0), Ok(()), "keys have separate buckets");
        assert_eq!(limiter.check(&a, 1.0, t0 + Duration::from_millis(500)), Ok(()));
        assert!(limiter.check(&a, 1.0, t0 + Duration::from_millis(500)).is_err());
    }

    #[test]
    fn a_zero_rate_disables_the_limit() {
        let limiter = RateLimiter::new(0.0, 1.0);
        let k: Arc<str> = "k".into();
        for _ in 0..100 {
            assert_eq!(limiter.check(&k, 1.0, Instant::now()), Ok(()));
        }
    }

    #[test]
    fn costly_requests_take_more_tokens_but_never_more_than_the_burst() {
        let limiter = RateLimiter::new(10.0, 100.0);
        let k: Arc<str> = "k".into();
        let t0 = Instant::now();
        assert_eq!(limiter.check(&k, 60.0, t0), Ok(()));
        assert_eq!(limiter.check(&k, 60.0, t0), Err(2), "40 left, 20 more at 10 a second");
        assert_eq!(limiter.check(&k, 500.0, t0 + Duration::from_secs(10)), Ok(()), "capped at the burst");
    }
}
