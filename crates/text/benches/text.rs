//! Speed of text and payment screening against every list of `shared/data/lists`.
//!
//! ```sh
//! cargo bench -p embargo-text --bench text
//! ```
//!
//! Criterion's throughput is in words per second (`elem/s`) for texts. Three workloads: the
//! 38 texts of the test set screened one by one (dense with names: some 8 candidate names per
//! 100 words, every text new to the screener); an article of 5,000 words made of the English
//! texts of the set, one after the other and again (names recur, as in a long article, and
//! the screener asks the index once per distinct name); and the real pain.001 sample.

#[path = "../tests/real_lists/common/lists.rs"]
mod lists;
// Only the texts of the set are used here, not its scoring.
#[allow(dead_code)]
#[path = "../tests/real_lists/common/testset.rs"]
mod testset;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use embargo_text::{Markup, TextOptions, TextScreener};

fn bench(c: &mut Criterion) {
    let (index, gazetteer) = lists::every_list();
    let screener = TextScreener::new(&index, &gazetteer);
    let options = TextOptions::default();
    let cases = testset::cases();

    let mut group = c.benchmark_group("screen_text");
    let set_words: usize = cases.iter().map(|c| c.text.split_whitespace().count()).sum();
    group.throughput(Throughput::Elements(set_words as u64));
    group.bench_function(format!("test set, {} texts, {set_words} words", cases.len()), |b| {
        b.iter(|| {
            for case in &cases {
                let options = TextOptions { markup: case.markup.unwrap_or(Markup::Auto), ..options.clone() };
                std::hint::black_box(screener.screen_text(&case.text, &options).unwrap());
            }
        })
    });

    let article = testset::article(&cases, 5_000);
    let words = article.split_whitespace().count();
    group.throughput(Throughput::Elements(words as u64));
    group.bench_function(format!("article of {words} words"), |b| {
        b.iter(|| std::hint::black_box(screener.screen_text(&article, &options).unwrap()))
    });
    group.finish();

    let sample =
        std::fs::read_to_string(embargo_testkit::shared_file("payments/musterfile_pain.001_Nov2020.xml"))
            .expect("the Swiss pain.001 sample");
    let mut payments = c.benchmark_group("screen_payment");
    payments.throughput(Throughput::Elements(1));
    payments.bench_function("pain.001 sample, 8 transactions", |b| {
        b.iter(|| std::hint::black_box(screener.screen_payment(&sample, &options).unwrap()))
    });
    payments.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
