//! Reads OFAC files with the reader for their format and prints what was read and how long it
//! took: the benchmark of the OFAC readers (run it in release mode).
//!
//! ```text
//! cargo run --release -p embargo-readers --example ofac_read -- [--rounds N] [--unparsed] FILE...
//! ```
//!
//! `.CSV` files go to the legacy CSV reader, `sdn_advanced.xml` to the advanced reader, other
//! `.xml` files to the `sdn.xml` reader. `--unparsed` lists the most frequent remark segments
//! kept verbatim, to see which labels the remark rules miss.

use embargo_readers::{
    ofac_advanced::OfacAdvancedReader, ofac_csv::OfacCsvReader, ofac_xml::OfacXmlReader, ListReader,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut rounds = 5usize;
    let mut unparsed = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).expect("--rounds N"),
            "--unparsed" => unparsed = true,
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let name = files.first().map(|f| f.to_string_lossy().to_lowercase()).expect("give OFAC files");
    let reader: Box<dyn ListReader> = if name.ends_with(".csv") {
        Box::new(OfacCsvReader)
    } else if name.contains("advanced") {
        Box::new(OfacAdvancedReader)
    } else {
        Box::new(OfacXmlReader)
    };
    let mut best = f64::MAX;
    let mut verbatim: HashMap<String, usize> = HashMap::new();
    let mut report = None;
    for round in 0..rounds.max(1) {
        let start = Instant::now();
        let mut n = 0usize;
        let r = reader
            .read(&files, &mut |e| {
                n += 1;
                if unparsed && round == 0 {
                    for remark in &e.remarks {
                        let label: String = remark.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                        *verbatim.entry(label).or_default() += 1;
                    }
                }
            })
            .unwrap_or_else(|e| panic!("{e}"));
        best = best.min(start.elapsed().as_secs_f64());
        report = Some(r);
    }
    let report = report.expect("one round");
    println!("list {} entities {} kinds {:?}", report.list, report.entities, report.kinds);
    for warning in &report.warnings {
        println!("warning: {warning}");
    }
    println!("best of {rounds} rounds: {:.1} ms", best * 1000.0);
    if unparsed {
        let mut top: Vec<_> = verbatim.into_iter().collect();
        top.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        for (label, count) in top.into_iter().take(60) {
            println!("{count:6}  {label}");
        }
    }
}
