use embargo_matcher::{compare, Index, Query, ScreenOptions};
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let dir = embargo_testkit::lists_dir();
    let found = embargo_readers::detect::detect(&[dir]).unwrap();
    let mut entities = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for set in &found.lists {
        let Some(reader) = set.reader() else { continue };
        let mut es = Vec::new();
        match reader.read(&set.files, &mut |e| es.push(e)) {
            Ok(r) => {
                eprintln!("{} {:?} {}", r.list, set.format, es.len());
                for e in es {
                    if ids.insert(e.id.clone()) {
                        entities.push(e)
                    }
                }
            }
            Err(e) => eprintln!("{e}"),
        }
    }
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let index = Index::build(entities);
    eprintln!("built {:?}", t.elapsed());
    let opts = ScreenOptions { threshold: 0.5, limit: 5, ..Default::default() };
    for q in std::env::args().skip(1) {
        let t = Instant::now();
        let hits = index.screen(&Query::name(&q), &opts);
        println!("{q}  ({:?})", t.elapsed());
        for h in hits {
            println!("   {:.3} {} {} [{}]", h.score, h.entity.id, h.matched_name, h.entity.kind);
        }
    }
    let _ = compare("a", "b", None);
}
