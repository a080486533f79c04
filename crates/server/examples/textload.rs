//! Load on `POST /screen/text` with one news article of 5,000 words: C concurrent keep-alive
//! clients post the same article for a bounded time, then the requests per second, words per
//! second and latency percentiles are printed. The article is the one `embargo-text`'s
//! `article` example screens in process (the plain English texts of its test set one after the
//! other up to 5,000 words), so the two figures compare: in process, and over HTTP with JSON,
//! authentication and the blocking pool.
//!
//! ```text
//! cargo run --release -p embargo-server --example textload -- \
//!     --addr 127.0.0.1:8000 --key "$KEY" --connections 2 --duration 20
//! ```
//!
//! `scripts/bench-text.sh` imports the lists, starts the server and runs this.

use serde_json::Value;
use std::time::{Duration, Instant};

/// The plain English texts of the text test set, one after the other, up to `words` words.
fn article(words: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../text/tests/testset/texts.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the text test set")).expect("JSON");
    let paragraphs: Vec<&str> = cases
        .iter()
        .filter(|c| c["lang"] == "en" && c.get("markup").is_none_or(Value::is_null))
        .map(|c| c["text"].as_str().expect("a text"))
        .collect();
    let mut article = String::new();
    let mut count = 0;
    'fill: loop {
        for paragraph in &paragraphs {
            for word in paragraph.split(' ') {
                if count == words {
                    break 'fill;
                }
                article.push_str(word);
                article.push(' ');
                count += 1;
            }
            article.push_str("\n\n");
        }
    }
    article
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let mut addr = "127.0.0.1:8000".to_owned();
    let mut key = std::env::var("EMBARGO_API_KEY").unwrap_or_default();
    let (mut connections, mut duration, mut words) = (2usize, 20.0f64, 5_000usize);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => addr = value,
            "--key" => key = value,
            "--connections" => connections = value.parse().expect("--connections N"),
            "--duration" => duration = value.parse().expect("--duration SECONDS"),
            "--words" => words = value.parse().expect("--words N"),
            other => panic!("unknown flag {other}: --addr, --key, --connections, --duration, --words"),
        }
    }
    assert!(duration > 0.0 && duration <= 600.0, "--duration: 0 to 600 seconds");
    assert!((1..=64).contains(&connections), "--connections: 1 to 64");
    let article = article(words);
    let body = serde_json::to_vec(&serde_json::json!({ "text": article })).expect("JSON");
    let url = format!("http://{addr}/screen/text");
    let client = reqwest::Client::new();

    // One request first: the server builds the gazetteer of the lists at the first text request
    // after a load, which is not what is measured.
    let started = Instant::now();
    let first: Value = client
        .post(&url)
        .bearer_auth(&key)
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("a JSON answer");
    let mentions = first["mentions"].as_array().unwrap_or_else(|| panic!("no mentions in {first}")).len();
    println!(
        "article: {words} words, {} bytes of JSON, {mentions} mentions; first request (builds the gazetteer) {:.0} ms",
        body.len(),
        started.elapsed().as_secs_f64() * 1e3
    );

    let deadline = Instant::now() + Duration::from_secs_f64(duration);
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (client, url, key, body) = (client.clone(), url.clone(), key.clone(), body.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0u64;
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    let response = client
                        .post(&url)
                        .bearer_auth(&key)
                        .header("content-type", "application/json")
                        .body(body.clone())
                        .send()
                        .await;
                    match response {
                        Ok(r) if r.status().is_success() => {
                            let _ = r.bytes().await;
                            latencies.push(sent.elapsed());
                        }
                        _ => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let begun = Instant::now();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (l, e) = task.await.expect("a client task");
        latencies.extend(l);
        errors += e;
    }
    let elapsed = begun.elapsed().as_secs_f64();
    latencies.sort();
    if latencies.is_empty() {
        println!("no request succeeded ({errors} errors)");
        std::process::exit(1);
    }
    let rate = latencies.len() as f64 / elapsed;
    println!(
        "{connections} connections, {elapsed:.1} s: {} requests, {errors} errors, {rate:.1} requests/s ({:.0} words/s); \
         latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        rate * words as f64,
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.9).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
