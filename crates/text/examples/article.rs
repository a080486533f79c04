//! Speed of text screening on one article of 5,000 words, against every list: words per
//! second, best of ten. Deterministic enough for `valgrind --tool=callgrind
//! --toggle-collect='*TextScreener*screen_text*'`, which counts the instructions of the ten
//! screenings alone.
//!
//! ```sh
//! cargo run --release -p embargo-text --example article
//! ```

#[path = "../tests/real_lists/common/lists.rs"]
mod lists;
// Only the texts of the set are used here, not its scoring.
#[allow(dead_code)]
#[path = "../tests/real_lists/common/testset.rs"]
mod testset;

use embargo_text::{TextOptions, TextScreener};
use std::time::Instant;

fn main() {
    let (index, gazetteer) = lists::every_list();
    let screener = TextScreener::new(&index, &gazetteer);
    let article = testset::article(&testset::cases(), 5_000);
    let words = article.split_whitespace().count();
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..10 {
        let started = Instant::now();
        let found = screener.screen_text(&article, &TextOptions::default()).expect("the article screens");
        best = best.min(started.elapsed().as_secs_f64());
        mentions = found.mentions.len();
    }
    println!(
        "{words} words, {mentions} mentions: {:.2} ms per article, {:.0} words/s",
        best * 1e3,
        words as f64 / best
    );
}
