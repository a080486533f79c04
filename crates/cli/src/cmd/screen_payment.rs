//! `embargo screen-payment FILE`: every field of a payment message (MT103, pacs.008, pain.001,
//! pain.008, detected), what was screened and what was found. With `--subject ID` each party
//! field is recorded in the case store as subject `ID/FIELD`.
//!
//! Exit codes: 0 screened (with or without hits), 2 error (a malformed message names the field
//! or line, with the code `invalid_payment_message`).

use crate::args::{InputSource, PaymentRun, SingleFormat};
use crate::output::{outln, write_stdout};
use embargo_cases::{from_screeners, Recorded};
use embargo_text::{
    FieldScreening, Gazetteer, PaymentScreening, ScreenedAs, TextHit, TextOptions, TextScreener,
};
use std::path::Path;
use std::process::ExitCode;

/// Screens the message of `run.input` and prints each field.
pub fn run(data_dir: &Path, run: PaymentRun) -> anyhow::Result<ExitCode> {
    let message = crate::load::read_input(match &run.input {
        InputSource::File(path) => Some(path.as_path()),
        InputSource::Stdin => None,
    })?;
    // A malformed message is refused before the lists are loaded.
    embargo_text::payment::parse(&message)?;
    let snapshot = crate::load::snapshot(data_dir, run.options.lists.as_deref())?;
    let options = TextOptions {
        lists: crate::load::party_lists(&snapshot, run.options.lists.as_deref()),
        ..run.options
    };
    let gazetteer = Gazetteer::build(snapshot.index());
    let screener = TextScreener::new(snapshot.index(), &gazetteer);
    let screening = screener.screen_payment(&message, &options)?;
    let recorded = match &run.record {
        Some(recording) => {
            let subject = recording.subject.as_deref().expect("a payment is recorded under --subject");
            let cases = crate::load::open_cases(data_dir)?;
            let context = from_screeners::payment_context(&snapshot, &options);
            let inputs =
                from_screeners::payment_screenings(&snapshot, subject, &screening, &recording.by, None);
            let recorded = cases.record_screenings(&context, &inputs)?;
            inputs.into_iter().map(|i| i.subject.id).zip(recorded).collect()
        }
        None => Vec::new(),
    };
    let out = match run.format {
        SingleFormat::Json => {
            let mut doc = serde_json::to_value(&screening)?;
            if run.record.is_some() {
                doc["recorded"] = recorded_json(&recorded);
            }
            format!("{}\n", serde_json::to_string_pretty(&doc)?)
        }
        SingleFormat::Table => table(&screening, &recorded),
    };
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `[{"subject", "screening_id", "alerts", "dispositions"}]`, one per party recorded.
fn recorded_json(recorded: &[(String, Recorded)]) -> serde_json::Value {
    recorded
        .iter()
        .map(|(subject, r)| {
            serde_json::json!({ "subject": subject, "screening_id": r.id, "alerts": r.new_alerts(), "dispositions": r.hits })
        })
        .collect()
}

fn hit_line(hit: &TextHit) -> String {
    let mut line =
        format!("{:.3}  {}  {}  {}  {}", hit.score, hit.list, hit.entity_id, hit.kind.as_str(), hit.caption);
    if hit.matched_name != hit.caption {
        line.push_str(&format!(" (as {})", hit.matched_name));
    }
    line
}

fn table(screening: &PaymentScreening, recorded: &[(String, Recorded)]) -> String {
    let mut out = String::new();
    let reference = screening.reference.as_deref().unwrap_or("(no reference)");
    outln!(
        out,
        "{} message {reference}: {} fields screened",
        screening.format.as_str(),
        screening.fields.len()
    );
    for field in &screening.fields {
        field_lines(&mut out, field);
    }
    let lists: Vec<String> = screening.lists.iter().map(|l| format!("{}@{}", l.list, l.version)).collect();
    outln!(out, "lists: {}", lists.join(" "));
    for (subject, r) in recorded {
        let alerts = r.new_alerts();
        let alerts = if alerts.is_empty() {
            "no new alert".to_owned()
        } else {
            format!("new alerts {}", alerts.join(", "))
        };
        outln!(out, "recorded {subject} as screening {}: {alerts}", r.id);
    }
    out
}

fn field_lines(out: &mut String, field: &FieldScreening) {
    let how = match field.screened_as {
        ScreenedAs::Party => "name",
        ScreenedAs::Identifier => "BIC",
        ScreenedAs::Text => "text",
        ScreenedAs::Jurisdiction => "places",
    };
    let mut extra = String::new();
    if !field.countries.is_empty() {
        extra.push_str(&format!(", countries {}", field.countries.join(" ")));
    }
    if let (Some(bic), false) = (&field.bic, field.screened_as == ScreenedAs::Identifier) {
        extra.push_str(&format!(", BIC {bic}"));
    }
    if let Some(account) = &field.account {
        extra.push_str(&format!(", account {account}"));
    }
    outln!(out, "{} ({}): {how} {:?}{extra}", field.field, field.label, field.value);
    let found = !field.hits.is_empty() || !field.mentions.is_empty() || !field.jurisdictions.is_empty();
    for hit in &field.hits {
        outln!(out, "   hit  {}", hit_line(hit));
    }
    for mention in &field.mentions {
        outln!(out, "   mention {:?} at {}..{}", mention.text, mention.start, mention.end);
        for hit in &mention.hits {
            outln!(out, "      hit  {}", hit_line(hit));
        }
    }
    for j in &field.jurisdictions {
        outln!(
            out,
            "   sanctioned jurisdiction {} {} ({}) from {} {:?}",
            j.code,
            j.name,
            j.regime,
            j.source,
            j.value
        );
    }
    for note in &field.notes {
        outln!(out, "   note: {note}");
    }
    if !found {
        outln!(out, "   nothing found");
    }
}
