//! `cargo run -p embargo-quality --example explain -- "NAME A" "NAME B" [kind]`: the analysis of
//! both names and their comparison, to look into one case of the harness.

use embargo_model::EntityKind;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: explain NAME_A NAME_B [person|organization|vessel|aircraft]");
        std::process::exit(2);
    }
    let kind = args.get(2).and_then(|k| EntityKind::parse(k));
    for name in &args[..2] {
        let analysed = embargo_names::analyze(name, kind);
        println!("{name:?} script {} titles {:?}", analysed.script, analysed.titles);
        for t in &analysed.tokens {
            println!(
                "  {:<14} {:<12} {:?} w{:.2} skel {} phon {} variants {:?}",
                t.original, t.text, t.role, t.weight, t.skeleton, t.phonetic, t.variants
            );
        }
    }
    let c = embargo_matcher::compare(&args[0], &args[1], kind);
    println!("score {:.3}\n{}", c.score, serde_json::to_string_pretty(&c.explanation).unwrap_or_default());
}
