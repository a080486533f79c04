//! Mentions in news-style text, against real lists.

mod common;

use embargo_text::TextOptions;

fn names(text: &str) -> Vec<(String, Vec<String>)> {
    let found = common::screening().screener().screen_text(text, &TextOptions::default()).unwrap();
    found
        .mentions
        .into_iter()
        .map(|m| (m.text, m.hits.into_iter().map(|h| format!("{} {:.3}", h.entity_id, h.score)).collect()))
        .collect()
}

#[test]
fn explore() {
    let t = std::time::Instant::now();
    common::screening();
    eprintln!("index {:?}", t.elapsed());
    for text in [
        "The EU sanctioned Mohammad Bagheri, Major General Seyyed Hojjatullah Qureshi and Brigadier General Saeed Aqa Jani, as well as the Shahed Aviation Industries.",
        "Satellite imagery shows the UAV plant in Russia's Alabuga Special Economic Zone. Putin's war relies on Iranian drones, said John Smith, a Reuters reporter.",
        "Qureshi later denied the report. Alabuga officials declined to comment.",
    ] {
        eprintln!("{text}\n  {:?}", names(text));
    }
}

#[test]
fn debug_words() {
    let g = &common::screening().gazetteer;
    for w in ["putin", "qureshi", "satellite", "shoigu", "alabuga", "bagheri", "reuters", "smith", "john"] {
        eprintln!("{w}: {:?}", g.word(w));
    }
    let s = common::screening().screener();
    let opts = embargo_text::TextOptions { threshold: 0.5, ..Default::default() };
    eprintln!("{:?}", s.screen_text("He met Putin in Moscow.", &opts).unwrap().mentions);
}
