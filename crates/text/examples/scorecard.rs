//! The scorecard of text screening: the test set (`tests/testset/texts.json`) screened against
//! every list of `shared/data/lists`, at three thresholds, with its speed.
//!
//! ```sh
//! cargo run --release -p embargo-text --example scorecard
//! ```

#[path = "../tests/real_lists/common/lists.rs"]
mod lists;
#[path = "../tests/real_lists/common/testset.rs"]
mod testset;

use embargo_text::{TextOptions, TextScreener};
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let (index, gazetteer) = lists::every_list();
    let stats = index.stats();
    println!(
        "every list: {} entities, {} names, {} listed words; index and gazetteer built in {:.1} s",
        stats.entities,
        stats.names,
        gazetteer.len(),
        started.elapsed().as_secs_f64()
    );
    let screener = TextScreener::new(&index, &gazetteer);
    let texts: Vec<String> = std::env::args().skip(1).collect();
    if !texts.is_empty() {
        // Texts given on the command line: their mentions, explained.
        let options = TextOptions { explain: true, ..TextOptions::default() };
        for text in &texts {
            let found = screener.screen_text(text, &options).unwrap();
            for m in &found.mentions {
                println!("{}..{} '{}' linked to {:?}", m.start, m.end, m.text, m.linked_to);
                for h in &m.hits {
                    println!(
                        "  {} {} {:.3}\n{}",
                        h.entity_id,
                        h.caption,
                        h.score,
                        h.explanation.as_ref().unwrap()
                    );
                }
            }
            for j in &found.jurisdictions {
                println!("{}..{} '{}' {} {}", j.start, j.end, j.text, j.code, j.name);
            }
        }
        return;
    }
    let cases = testset::cases();
    for threshold in [0.75, embargo_matcher::DEFAULT_THRESHOLD, 0.85] {
        let outcome = testset::evaluate(&screener, &cases, threshold);
        println!("\n## threshold {threshold}\n\n{}", testset::report(&outcome));
    }
    // Speed: the whole set, screened text by text, best of five rounds.
    let words: usize = cases.iter().map(|c| c.text.split_whitespace().count()).sum();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for case in &cases {
            let _ = screener.screen_text(&case.text, &TextOptions::default()).unwrap();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("\nspeed: {words} words in {:.2} ms, {:.0} words/s", best * 1e3, words as f64 / best);
}
