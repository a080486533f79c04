//! Reading a whole file of records without screening it: what `embargo monitor import` registers.
//! The same formats, column mapping, defaults and row checks as a batch run.

use crate::input::{CsvRows, JsonRows, LineReader};
use crate::{open_input, BatchError, BatchOptions, InputFormat, Record, Rows};
use std::fs::File;
use std::io::{BufReader, Seek, SeekFrom};
use std::path::Path;

/// A row that could not be read as a record.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    /// 1-based line number.
    pub line: u64,
    /// Why (`missing name (column name empty)`).
    pub reason: String,
    /// The row as read.
    pub raw: Vec<u8>,
}

/// Every record of `options.input` (read with `options.input_format`, `delimiter` and
/// `mapping`; the output options are not used) and the rows rejected, in file order.
pub fn read_records(options: &BatchOptions) -> Result<(Vec<Record>, Vec<RejectedRow>), BatchError> {
    let opened = open_input(options)?;
    let path: &Path = &options.input;
    let mut file = File::open(path).map_err(|e| BatchError::io(path, e))?;
    file.seek(SeekFrom::Start(opened.data_offset)).map_err(|e| BatchError::io(path, e))?;
    let lines =
        LineReader::new(BufReader::with_capacity(1 << 18, file), opened.data_offset, opened.data_line);
    let mut rows = match opened.format {
        InputFormat::Csv => Rows::Csv(CsvRows::new(lines, opened.delimiter.unwrap_or(b','), opened.columns)),
        InputFormat::JsonLines => Rows::Json(JsonRows::new(lines)),
    };
    let (mut records, mut rejects) = (Vec::new(), Vec::new());
    while let Some(row) = rows.next(&opened.mapping).map_err(|e| BatchError::io(path, e))? {
        match row.content {
            Ok(record) => records.push(record),
            Err(reason) => rejects.push(RejectedRow { line: row.line, reason, raw: row.raw }),
        }
    }
    Ok((records, rejects))
}
