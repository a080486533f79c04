//! `Screener.screen_arrow`: Arrow record batches in, Arrow tables of hits and rejects out.
//!
//! Records are built by the CLI batch's own column mapping (`embargo_batch::ColumnMapping`:
//! default columns, several name columns joined, kind parsed the same way, the same reasons to
//! reject a row), so a table screened here gives the rows `embargo screen --input` writes for
//! the same records. Each batch is screened on every core (rayon); the caller releases the GIL.

use arrow_array::builder::{Float64Builder, StringBuilder, UInt64Builder};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use embargo_batch::{Column, ResolvedMapping};
use embargo_engine::Snapshot;
use embargo_matcher::{Hit, ScreenOptions};
use rayon::prelude::*;
use std::sync::{Arc, LazyLock};

/// The columns of the hits table: those of the CLI batch's CSV output, with the row's position
/// in the input (from 0, over all batches) in place of its line number.
pub static HITS_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("input_id", false),
        Field::new("input_row", DataType::UInt64, false),
        text("query_name", false),
        text("entity_id", false),
        text("list", false),
        text("list_version", false),
        Field::new("score", DataType::Float64, false),
        text("matched_name", false),
        text("caption", false),
        text("kind", false),
    ]))
});

/// The columns of the rejects table: the row's position, its id when the id column has one,
/// and why it was not screened (the reason the CLI batch writes to its rejects file).
pub static REJECTS_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("input_row", DataType::UInt64, false),
        Field::new("input_id", DataType::Utf8, true),
        Field::new("reason", DataType::Utf8, false),
    ]))
});

/// Hits and rejects of a run, one batch of each per input batch.
pub struct Screened {
    pub hits: Vec<RecordBatch>,
    pub rejects: Vec<RecordBatch>,
}

/// Screens every row of `batches` (whose columns `mapping` was resolved against).
pub fn screen_batches(
    snapshot: &Snapshot,
    mapping: &ResolvedMapping,
    options: &ScreenOptions,
    batches: &[RecordBatch],
) -> Result<Screened, ArrowError> {
    let mut screened = Screened { hits: Vec::new(), rejects: Vec::new() };
    let mut first_row = 0u64;
    for batch in batches {
        let (hits, rejects) = screen_batch(snapshot, mapping, options, batch, first_row)?;
        screened.hits.push(hits);
        screened.rejects.push(rejects);
        first_row += batch.num_rows() as u64;
    }
    Ok(screened)
}

/// The row's record and its hits, or why it was rejected.
type RowOutcome = Result<(embargo_batch::Record, Vec<Hit>), String>;

fn screen_batch(
    snapshot: &Snapshot,
    mapping: &ResolvedMapping,
    options: &ScreenOptions,
    batch: &RecordBatch,
    first_row: u64,
) -> Result<(RecordBatch, RecordBatch), ArrowError> {
    let text = TextColumns::of(batch, mapping)?;
    let outcomes: Vec<RowOutcome> = (0..batch.num_rows())
        .into_par_iter()
        .map(|r| {
            let record = mapping.record(first_row + r as u64, |c| text.values(c, r))?;
            let hits = snapshot.screen_unchecked(&record.query, options);
            Ok((record, hits))
        })
        .collect();

    let mut hits = HitColumns::default();
    let mut rejects = (UInt64Builder::new(), StringBuilder::new(), StringBuilder::new());
    for (r, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Ok((record, found)) => {
                for hit in found {
                    hits.push(snapshot, record, hit);
                }
            }
            Err(reason) => {
                rejects.0.append_value(first_row + r as u64);
                rejects.1.append_option(mapping.id.as_ref().and_then(|c| text.values(c, r).pop()));
                rejects.2.append_value(reason);
            }
        }
    }
    let rejects = RecordBatch::try_new(
        REJECTS_SCHEMA.clone(),
        vec![Arc::new(rejects.0.finish()), Arc::new(rejects.1.finish()), Arc::new(rejects.2.finish())],
    )?;
    Ok((hits.finish()?, rejects))
}

/// The mapped columns of a batch as text (numbers, dates and other types cast as Arrow casts
/// them), by column position.
struct TextColumns {
    columns: Vec<Option<StringArray>>,
}

impl TextColumns {
    fn of(batch: &RecordBatch, mapping: &ResolvedMapping) -> Result<TextColumns, ArrowError> {
        let mut columns: Vec<Option<StringArray>> = vec![None; batch.num_columns()];
        let mapped = mapping
            .names
            .iter()
            .chain(&mapping.id_numbers)
            .chain([&mapping.id, &mapping.kind, &mapping.dob, &mapping.country].into_iter().flatten());
        for column in mapped {
            let array: &ArrayRef = batch.column(column.index);
            let cast = arrow_cast::cast(array, &DataType::Utf8).map_err(|e| {
                ArrowError::CastError(format!("column {:?} cannot be read as text: {e}", column.name))
            })?;
            let strings =
                cast.as_any().downcast_ref::<StringArray>().expect("cast to Utf8 gives a StringArray");
            columns[column.index] = Some(strings.clone());
        }
        Ok(TextColumns { columns })
    }

    /// The value of `column` in row `r`: none when null, as the CLI reads an empty field.
    fn values(&self, column: &Column, r: usize) -> Vec<String> {
        match &self.columns[column.index] {
            Some(a) if !a.is_null(r) => vec![a.value(r).to_owned()],
            _ => Vec::new(),
        }
    }
}

/// Builders of the hits table's columns.
#[derive(Default)]
struct HitColumns {
    input_id: StringBuilder,
    input_row: UInt64Builder,
    query_name: StringBuilder,
    entity_id: StringBuilder,
    list: StringBuilder,
    list_version: StringBuilder,
    score: Float64Builder,
    matched_name: StringBuilder,
    caption: StringBuilder,
    kind: StringBuilder,
}

impl HitColumns {
    fn push(&mut self, snapshot: &Snapshot, record: &embargo_batch::Record, hit: &Hit) {
        let entity = &hit.entity;
        self.input_id.append_value(&record.id);
        self.input_row.append_value(record.line);
        self.query_name.append_value(&hit.query_name);
        self.entity_id.append_value(&entity.id);
        self.list.append_value(&entity.provenance.list);
        self.list_version.append_value(snapshot.version_label_of(entity));
        // Rounded to 4 decimals, as the CLI batch writes scores.
        self.score.append_value((hit.score * 10_000.0).round() / 10_000.0);
        self.matched_name.append_value(&hit.matched_name);
        self.caption.append_value(entity.caption());
        self.kind.append_value(entity.kind.as_str());
    }

    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(
            HITS_SCHEMA.clone(),
            vec![
                Arc::new(self.input_id.finish()),
                Arc::new(self.input_row.finish()),
                Arc::new(self.query_name.finish()),
                Arc::new(self.entity_id.finish()),
                Arc::new(self.list.finish()),
                Arc::new(self.list_version.finish()),
                Arc::new(self.score.finish()),
                Arc::new(self.matched_name.finish()),
                Arc::new(self.caption.finish()),
                Arc::new(self.kind.finish()),
            ],
        )
    }
}
