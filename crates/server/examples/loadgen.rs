//! A load generator for `embargo serve` on loopback: N concurrent keep-alive connections send
//! single-name `/match` requests (half listed names harvested through `/search`, some with a
//! typo, half unlisted everyday names) for a bounded time, then prints requests/s, latency
//! percentiles, errors, and the server's RSS over time (read from /proc/<pid>/status).
//!
//! ```text
//! cargo run --release -p embargo-server --example loadgen -- \
//!     --addr 127.0.0.1:8000 --key "$KEY" --connections 64 --duration 30 --pid "$SERVER_PID"
//! ```
//!
//! The HTTP/1.1 client is a few lines over a TCP stream, so the generator costs the shared CPU
//! as little as possible; each response's status line and Content-Length are checked.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Args {
    addr: SocketAddr,
    key: Option<String>,
    connections: usize,
    duration: Duration,
    pid: Option<u32>,
    threads: usize,
    sample_every: Duration,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: "127.0.0.1:8000".parse().unwrap(),
        key: std::env::var("EMBARGO_API_KEY").ok(),
        connections: 64,
        duration: Duration::from_secs(30),
        pid: None,
        threads: 1,
        sample_every: Duration::from_secs(5),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => args.addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--key" => args.key = Some(value()?),
            "--connections" => {
                args.connections = value()?.parse().map_err(|e| format!("--connections: {e}"))?
            }
            "--duration" => {
                let secs: f64 = value()?.parse().map_err(|e| format!("--duration: {e}"))?;
                if !(secs > 0.0 && secs <= 3600.0) {
                    return Err("--duration: 0 to 3600 seconds".into());
                }
                args.duration = Duration::from_secs_f64(secs);
            }
            "--pid" => args.pid = Some(value()?.parse().map_err(|e| format!("--pid: {e}"))?),
            "--threads" => args.threads = value()?.parse().map_err(|e| format!("--threads: {e}"))?,
            "--sample-every" => {
                args.sample_every =
                    Duration::from_secs_f64(value()?.parse().map_err(|e| format!("--sample-every: {e}"))?)
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.connections == 0 || args.connections > 10_000 {
        return Err("--connections: 1 to 10000".into());
    }
    Ok(args)
}

/// One HTTP/1.1 keep-alive connection.
struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
}

struct Response {
    status: u16,
    body: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection { stream, buf: Vec::with_capacity(16 * 1024) })
    }

    async fn send(&mut self, request: &[u8]) -> std::io::Result<Response> {
        self.stream.write_all(request).await?;
        self.buf.clear();
        let mut chunk = [0u8; 16 * 1024];
        let head_end = loop {
            if let Some(p) = find(&self.buf, b"\r\n\r\n") {
                break p + 4;
            }
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
            }
            self.buf.extend_from_slice(&chunk[..n]);
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).map_err(|_| bad("non-UTF-8 head"))?;
        let status: u16 = head.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| bad("no status"))?;
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
            })
            .ok_or_else(|| bad("no Content-Length"))?;
        while self.buf.len() < head_end + length {
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed mid-body"));
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
        Ok(Response { status, body: self.buf[head_end..head_end + length].to_vec() })
    }
}

fn bad(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn request(method: &str, path: &str, key: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: loadgen\r\nContent-Length: {}\r\n", body.len());
    if let Some(key) = key {
        r.push_str(&format!("Authorization: Bearer {key}\r\n"));
    }
    if !body.is_empty() {
        r.push_str("Content-Type: application/json\r\n");
    }
    r.push_str("\r\n");
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Listed names, harvested through `/search` with common name words.
async fn listed_names(addr: SocketAddr, key: Option<&str>) -> Result<Vec<String>, String> {
    let mut conn = Connection::open(addr).await.map_err(|e| format!("connect {addr}: {e}"))?;
    let mut names = Vec::new();
    for word in [
        "mohammad", "ali", "bank", "ahmed", "ivan", "company", "al", "trading", "abdul", "limited", "sergei",
        "hassan",
    ] {
        for offset in [0, 100, 200] {
            let path = format!("/search?q={word}&limit=100&offset={offset}");
            let r = conn.send(&request("GET", &path, key, b"")).await.map_err(|e| format!("search: {e}"))?;
            if r.status != 200 {
                return Err(format!("GET {path}: status {} {}", r.status, String::from_utf8_lossy(&r.body)));
            }
            let page: serde_json::Value = serde_json::from_slice(&r.body).map_err(|e| e.to_string())?;
            for result in page["results"].as_array().into_iter().flatten() {
                if let Some(name) = result["matched_name"].as_str() {
                    names.push(name.to_owned());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// Everyday names that should not be listed.
fn unlisted_names() -> Vec<String> {
    let first = [
        "John", "Maria", "Wei", "Fatima", "Lars", "Aisha", "Carlos", "Yuki", "Olga", "Pierre", "Amara",
        "Liam", "Sofia", "Raj", "Emma", "Kofi",
    ];
    let last = [
        "Smith",
        "Garcia",
        "Chen",
        "Okafor",
        "Johansson",
        "Tanaka",
        "Dubois",
        "Novak",
        "Kowalski",
        "Silva",
        "Murphy",
        "Patel",
        "Rossi",
        "Nguyen",
        "Mensah",
        "Schmidt",
    ];
    first.iter().flat_map(|f| last.iter().map(move |l| format!("{f} {l}"))).collect()
}

/// A cheap deterministic generator (xorshift), one per connection.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Drops or swaps one letter, the way names are mistyped.
fn typo(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() > 6 {
        let i = 1 + (rng.next() as usize % (chars.len() - 2));
        if rng.next() & 1 == 0 {
            chars.remove(i);
        } else {
            chars.swap(i, i + 1);
        }
    }
    chars.into_iter().collect()
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")?.trim().strip_suffix("kB")?.trim().parse().ok())
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads.max(1))
        .enable_all()
        .build()
        .unwrap();
    std::process::exit(runtime.block_on(run(args)));
}

async fn run(args: Args) -> i32 {
    let key = args.key.as_deref();
    let listed = match listed_names(args.addr, key).await {
        Ok(n) if !n.is_empty() => n,
        Ok(_) => {
            eprintln!("loadgen: /search found no listed names; are lists loaded?");
            return 2;
        }
        Err(e) => {
            eprintln!("loadgen: {e}");
            return 2;
        }
    };
    let unlisted = unlisted_names();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Half listed (a quarter of those mistyped), half unlisted.
    let mut bodies = Vec::new();
    for i in 0..4096 {
        let name = if i % 2 == 0 {
            let n = &listed[rng.next() as usize % listed.len()];
            if i % 8 == 0 {
                typo(n, &mut rng)
            } else {
                n.clone()
            }
        } else {
            unlisted[rng.next() as usize % unlisted.len()].clone()
        };
        let body =
            serde_json::json!({"queries": {"q1": {"schema": "Person", "properties": {"name": [name]}}}});
        bodies.push(request("POST", "/match", key, &serde_json::to_vec(&body).unwrap()));
    }
    let bodies = Arc::new(bodies);
    println!(
        "loadgen: {} listed names harvested, {} unlisted; {} connections for {:.0} s against {}",
        listed.len(),
        unlisted.len(),
        args.connections,
        args.duration.as_secs_f64(),
        args.addr
    );

    let running = Arc::new(AtomicBool::new(true));
    let completed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + args.duration;
    let mut tasks = Vec::new();
    for c in 0..args.connections {
        let (bodies, running, completed) = (bodies.clone(), running.clone(), completed.clone());
        let addr = args.addr;
        tasks.push(tokio::spawn(async move {
            let mut latencies: Vec<u32> = Vec::with_capacity(1 << 16);
            let mut errors: BTreeMap<String, u64> = BTreeMap::new();
            let mut hits = 0u64;
            let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ (c as u64 + 1).wrapping_mul(0x9E37_79B9));
            let mut conn = None;
            while running.load(Ordering::Relaxed) && Instant::now() < deadline {
                if conn.is_none() {
                    match Connection::open(addr).await {
                        Ok(c) => conn = Some(c),
                        Err(e) => {
                            *errors.entry(format!("connect: {e}")).or_default() += 1;
                            tokio::time::sleep(Duration::from_millis(10)).await;
                            continue;
                        }
                    }
                }
                let body = &bodies[rng.next() as usize % bodies.len()];
                let t0 = Instant::now();
                let outcome = conn.as_mut().unwrap().send(body).await;
                let micros = t0.elapsed().as_micros().min(u32::MAX as u128) as u32;
                match outcome {
                    Ok(r) if r.status == 200 => {
                        latencies.push(micros);
                        completed.fetch_add(1, Ordering::Relaxed);
                        if find(&r.body, b"\"match\":true").is_some() {
                            hits += 1;
                        }
                    }
                    Ok(r) => {
                        latencies.push(micros);
                        *errors.entry(format!("status {}", r.status)).or_default() += 1;
                    }
                    Err(e) => {
                        *errors.entry(format!("io: {e}")).or_default() += 1;
                        conn = None;
                    }
                }
            }
            (latencies, errors, hits)
        }));
    }

    // RSS and throughput over time.
    let mut rss_samples: Vec<u64> = Vec::new();
    let mut last_count = 0;
    let mut last_t = Instant::now();
    if let Some(pid) = args.pid {
        if let Some(rss) = rss_kib(pid) {
            println!("t=   0s  rss={:>7.1} MiB", rss as f64 / 1024.0);
            rss_samples.push(rss);
        }
    }
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now());
        tokio::time::sleep(args.sample_every.min(left)).await;
        let count = completed.load(Ordering::Relaxed);
        let now = Instant::now();
        let window_rps = (count - last_count) as f64 / now.duration_since(last_t).as_secs_f64().max(1e-9);
        let rss = args.pid.and_then(rss_kib);
        if let Some(rss) = rss {
            rss_samples.push(rss);
        }
        println!(
            "t={:>4.0}s  rss={}  rps={:>8.0}",
            started.elapsed().as_secs_f64(),
            rss.map(|r| format!("{:>7.1} MiB", r as f64 / 1024.0)).unwrap_or_else(|| "n/a".into()),
            window_rps
        );
        last_count = count;
        last_t = now;
    }
    running.store(false, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies = Vec::new();
    let mut errors: BTreeMap<String, u64> = BTreeMap::new();
    let mut hits = 0;
    for t in tasks {
        let (l, e, h) = t.await.unwrap();
        latencies.extend(l);
        for (k, v) in e {
            *errors.entry(k).or_default() += v;
        }
        hits += h;
    }
    latencies.sort_unstable();
    let ok = completed.load(Ordering::Relaxed);
    let error_count: u64 = errors.values().sum();
    println!("---");
    println!("requests ok     {ok} in {elapsed:.1} s = {:.0} requests/s", ok as f64 / elapsed);
    println!("responses with a match  {hits} ({:.1}%)", 100.0 * hits as f64 / ok.max(1) as f64);
    println!(
        "latency ms      p50 {:.2}  p90 {:.2}  p99 {:.2}  p99.9 {:.2}  max {:.2}",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 0.999),
        latencies.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    println!("errors          {error_count}");
    for (kind, n) in &errors {
        println!("  {kind}: {n}");
    }
    if let (Some(first), Some(last), Some(max)) =
        (rss_samples.first(), rss_samples.last(), rss_samples.iter().max())
    {
        println!(
            "server RSS MiB  first {:.1}  last {:.1}  max {:.1}",
            *first as f64 / 1024.0,
            *last as f64 / 1024.0,
            *max as f64 / 1024.0
        );
    }
    i32::from(error_count > 0)
}
