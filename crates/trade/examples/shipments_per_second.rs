//! How many shipments per second one thread screens, over the real lists.
//!
//! ```sh
//! cargo run --release -p embargo-trade --example shipments_per_second [-- ROUNDS]
//! ```
//!
//! Indexes the 2024 OFAC SDN, the 2022 US CSL and the 2026 UN list (30,494 entities) with the
//! 2024 CHPL, builds 1,000 shipments of three parties and three items each (one consignee in
//! ten a listed name, the rest made-up companies; destinations from Germany to Russia and
//! Crimea; items by HS code in several written forms, by part number, by phrase), screens them
//! `ROUNDS` times (default 5) on one thread and prints shipments per second and the
//! time per shipment and per party.

use embargo_matcher::Index;
use embargo_model::Entity;
use embargo_readers::{reader_for, Format};
use embargo_trade::{party_list_labels, Decision, Rules, Screener, Shipment};
use std::time::Instant;

const SHIPMENTS: usize = 1_000;

fn read(format: Format, path: &str) -> Vec<Entity> {
    let data = embargo_testkit::shared_data();
    let mut entities = Vec::new();
    reader_for(format).unwrap().read(&[data.join(path)], &mut |e| entities.push(e)).unwrap();
    for e in &mut entities {
        e.provenance.list_version = "1".to_owned();
    }
    entities
}

/// Shipment `n` of the set: deterministic, so runs compare.
fn shipment(n: usize, listed: &[String]) -> Shipment {
    const DESTINATIONS: [&str; 10] = [
        "Germany",
        "KZ",
        "Russia",
        "China",
        "Türkiye",
        "France",
        "United States",
        "Armenia",
        "Crimea",
        "Brazil",
    ];
    const PREFIXES: [&str; 8] =
        ["Nordic", "Alpine", "Pacific", "Baltic", "Golden", "Summit", "Delta", "Orion"];
    const TRADES: [&str; 8] =
        ["Components", "Trading", "Logistics", "Instruments", "Systems", "Supply", "Works", "Tech"];
    const FORMS: [&str; 6] = ["GmbH", "LLC", "Ltd", "LLP", "S.A.", "Co., Ltd."];
    const ITEMS: [(&str, &str); 9] = [
        ("processors", "8542.31.00"),
        ("oak tables", "9403.60"),
        ("STM32F407VGT6 microcontrollers", ""),
        ("ball bearings", ""),
        ("cotton shirts", "6109 10 00"),
        ("u-blox NEO-M8N GNSS modules", ""),
        ("DRAM", "854232"),
        ("office chairs", ""),
        ("oscilloscope", "9030.20.0000"),
    ];
    let company = |k: usize| format!("{} {} {}", PREFIXES[k % 8], TRADES[(k / 8) % 8], FORMS[(k / 64) % 6]);
    let consignee =
        if n.is_multiple_of(10) { listed[(n * 7919) % listed.len()].clone() } else { company(n * 31 + 7) };
    let item = |k: usize| {
        let (description, code) = ITEMS[k % ITEMS.len()];
        let code = if code.is_empty() { String::new() } else { format!(r#", "hs_code": "{code}""#) };
        format!(r#"{{"description": "{description}"{code}, "quantity": {}}}"#, 10 + k % 90)
    };
    let json = format!(
        r#"{{"id": "S-{n}", "destination": "{}",
            "parties": [{{"role": "exporter", "name": "{}", "country": "DE"}},
                        {{"role": "consignee", "name": {}}},
                        {{"role": "freight_forwarder", "name": "{}"}}],
            "items": [{}, {}, {}]}}"#,
        DESTINATIONS[n % DESTINATIONS.len()],
        company(n),
        serde_json::to_string(&consignee).unwrap(),
        company(n * 13 + 3),
        item(n),
        item(n * 5 + 1),
        item(n * 11 + 2)
    );
    Shipment::from_json(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let started = Instant::now();
    let chpl = read(Format::ChplCsv, "export-control/chpl_hs6_2024-02-23.csv");
    let mut parties = read(Format::OfacCsv, "lists/ofac/sdn-csv-2024-07-02/SDN.CSV");
    parties.extend(read(Format::UsCsl, "export-control/us-csl-2022-04-21/consolidated.csv"));
    parties.extend(read(Format::UnXml, "lists/un/UN_consolidated-2026-02-27.xml"));
    let listed: Vec<String> = parties.iter().map(|e| e.caption().to_owned()).collect();
    let entities = parties.len();
    let index = Index::build(parties);
    let lists = party_list_labels(&index);
    let screener = Screener::new(Rules::builtin(), &chpl).unwrap();
    println!("lists loaded and indexed: {entities} entities, {:.1} s", started.elapsed().as_secs_f64());

    let shipments: Vec<Shipment> = (0..SHIPMENTS).map(|n| shipment(n, &listed)).collect();
    let parties_each: usize = shipments.iter().map(|s| s.parties.len()).sum();
    let mut decisions = [0usize; 3];
    let timer = Instant::now();
    for _ in 0..rounds {
        for shipment in &shipments {
            let screening = screener.screen(shipment, &index, &lists).unwrap();
            decisions[screening.decision as usize] += 1;
        }
    }
    let seconds = timer.elapsed().as_secs_f64();
    let screened = SHIPMENTS * rounds;
    println!(
        "{screened} shipments ({} parties, {} items) in {seconds:.2} s on one thread: {:.0} shipments/s, {:.0} µs per \
         shipment, {:.0} µs per party",
        parties_each * rounds,
        3 * screened,
        screened as f64 / seconds,
        seconds * 1e6 / screened as f64,
        seconds * 1e6 / (parties_each * rounds) as f64
    );
    println!(
        "decisions: {} clear, {} review, {} block",
        decisions[Decision::Clear as usize],
        decisions[Decision::Review as usize],
        decisions[Decision::Block as usize]
    );
}
