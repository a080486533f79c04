//! Reading the input file as a stream of raw rows, each with its line number and byte span.
//!
//! The CSV reader is our own small RFC 4180 state machine rather than the `csv` crate because
//! batch screening needs three things that crate does not give: the exact byte offset where each
//! record ends (a resume seeks the input there), the raw bytes of a bad row (for the rejects
//! file), and recovery from an unterminated quote that resynchronises on the next line instead of
//! swallowing the rest of the file into one field.

use std::collections::VecDeque;
use std::io::{self, BufRead};

/// A quoted field may span lines, but a quote left open for this many lines is taken as broken:
/// the first line is rejected and reading starts again on the line after it.
pub const MAX_RECORD_LINES: usize = 64;

/// The largest record accepted, in bytes; a longer line is rejected (and skipped without being
/// held in memory) as a broken or hostile file.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// One physical line of the input.
#[derive(Debug, Clone)]
struct PhysicalLine {
    /// 1-based line number.
    number: u64,
    /// Byte offset of the line's first byte.
    start: u64,
    /// The line with its terminator; truncated to [`MAX_RECORD_BYTES`] when `oversized`.
    bytes: Vec<u8>,
    /// Full length on disk, terminator included.
    len: u64,
    oversized: bool,
}

/// Reads physical lines with their offsets, never holding more than [`MAX_RECORD_BYTES`] of one.
pub struct LineReader<R> {
    inner: R,
    offset: u64,
    line: u64,
    pushed_back: VecDeque<PhysicalLine>,
}

impl<R: BufRead> LineReader<R> {
    /// A reader positioned at byte `offset`, which is the start of line `line` (1-based).
    pub fn new(inner: R, offset: u64, line: u64) -> LineReader<R> {
        LineReader { inner, offset, line: line.saturating_sub(1), pushed_back: VecDeque::new() }
    }

    /// Offset and line number of the next line to be read (before any line is pushed back).
    pub fn position(&self) -> (u64, u64) {
        (self.offset, self.line + 1)
    }

    fn next_line(&mut self) -> io::Result<Option<PhysicalLine>> {
        if let Some(line) = self.pushed_back.pop_front() {
            return Ok(Some(line));
        }
        let start = self.offset;
        let mut bytes = Vec::new();
        let mut len = 0u64;
        let mut oversized = false;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            let room = MAX_RECORD_BYTES.saturating_sub(bytes.len());
            if take > room {
                oversized = true;
            }
            bytes.extend_from_slice(&buf[..take.min(room)]);
            self.inner.consume(take);
            len += take as u64;
            if done {
                break;
            }
        }
        if len == 0 {
            return Ok(None);
        }
        self.offset += len;
        self.line += 1;
        Ok(Some(PhysicalLine { number: self.line, start, bytes, len, oversized }))
    }

    /// Puts lines back to be read again (in order), after a failed multi-line record.
    fn push_back(&mut self, lines: impl DoubleEndedIterator<Item = PhysicalLine>) {
        for line in lines.rev() {
            self.pushed_back.push_front(line);
        }
    }
}

/// One row read from the input: its place in the file and its content or why it is bad.
#[derive(Debug, Clone)]
pub struct RawRow<T> {
    /// 1-based line number of the row's first line.
    pub line: u64,
    /// Byte offset just past the row (where reading resumes).
    pub end: u64,
    /// The row's bytes as read (for the rejects file), terminator stripped.
    pub raw: Vec<u8>,
    pub content: Result<T, String>,
}

fn strip_terminator(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| b.is_ascii_whitespace())
}

/// The outcome of parsing the bytes of a candidate CSV record.
#[derive(Debug, PartialEq)]
enum Parsed {
    Fields(Vec<(usize, usize, bool)>),
    /// A quoted field is still open at the end: the record continues on the next line.
    Open,
    Broken(String),
}

/// Splits `bytes` (one record, terminator stripped) into field spans. Each span is
/// (start, end, quoted); quoted spans still hold their doubled quotes, unescaped later.
fn parse_fields(bytes: &[u8], delimiter: u8) -> Parsed {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut fields = Vec::new();
    let mut state = State::FieldStart;
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        state = match state {
            State::FieldStart if b == b'"' => {
                start = i + 1;
                State::Quoted
            }
            State::FieldStart if b == delimiter => {
                fields.push((i, i, false));
                State::FieldStart
            }
            State::FieldStart => {
                start = i;
                State::Unquoted
            }
            State::Unquoted if b == delimiter => {
                fields.push((start, i, false));
                State::FieldStart
            }
            State::Unquoted => State::Unquoted,
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted if b == delimiter => {
                fields.push((start, i - 1, true));
                State::FieldStart
            }
            State::QuoteInQuoted => {
                return Parsed::Broken(format!(
                    "broken quote: {:?} after the closing quote of field {} (byte {})",
                    char::from(b),
                    fields.len() + 1,
                    i + 1
                ))
            }
        };
    }
    match state {
        State::FieldStart => fields.push((bytes.len(), bytes.len(), false)),
        State::Unquoted => fields.push((start, bytes.len(), false)),
        State::Quoted => return Parsed::Open,
        State::QuoteInQuoted => fields.push((start, bytes.len() - 1, true)),
    }
    Parsed::Fields(fields)
}

/// Reads CSV records (after the header) with recovery from bad rows.
pub struct CsvRows<R> {
    lines: LineReader<R>,
    delimiter: u8,
    columns: usize,
}

impl<R: BufRead> CsvRows<R> {
    /// Rows from `lines`, which is positioned after the header; every row must have `columns`
    /// fields.
    pub fn new(lines: LineReader<R>, delimiter: u8, columns: usize) -> CsvRows<R> {
        CsvRows { lines, delimiter, columns }
    }

    /// The next row, skipping blank lines; `None` at the end of the input.
    pub fn next_row(&mut self) -> io::Result<Option<RawRow<Vec<String>>>> {
        loop {
            let Some(first) = self.lines.next_line()? else { return Ok(None) };
            if !first.oversized && is_blank(&first.bytes) {
                continue;
            }
            return self.assemble(first).map(Some);
        }
    }

    fn reject(line: &PhysicalLine, reason: String) -> RawRow<Vec<String>> {
        RawRow {
            line: line.number,
            end: line.start + line.len,
            raw: strip_terminator(&line.bytes).to_vec(),
            content: Err(reason),
        }
    }

    fn assemble(&mut self, first: PhysicalLine) -> io::Result<RawRow<Vec<String>>> {
        if first.oversized {
            let reason = format!("line longer than {MAX_RECORD_BYTES} bytes");
            return Ok(Self::reject(&first, reason));
        }
        let mut record = first.bytes.clone();
        let mut continuation: Vec<PhysicalLine> = Vec::new();
        loop {
            match parse_fields(strip_terminator(&record), self.delimiter) {
                Parsed::Fields(spans) => {
                    let end = continuation.last().unwrap_or(&first);
                    let end = end.start + end.len;
                    let raw = strip_terminator(&record).to_vec();
                    let content = self.fields(&raw, &spans);
                    return Ok(RawRow { line: first.number, end, raw, content });
                }
                Parsed::Broken(reason) => {
                    // Only the first line is taken as bad: the lines after it start over.
                    self.lines.push_back(continuation.into_iter());
                    return Ok(Self::reject(&first, reason));
                }
                Parsed::Open => {
                    let next = if continuation.len() + 1 < MAX_RECORD_LINES {
                        self.lines.next_line()?
                    } else {
                        None
                    };
                    match next {
                        Some(line)
                            if !line.oversized && record.len() + line.bytes.len() <= MAX_RECORD_BYTES =>
                        {
                            record.extend_from_slice(&line.bytes);
                            continuation.push(line);
                        }
                        other => {
                            continuation.extend(other);
                            self.lines.push_back(continuation.into_iter());
                            let reason = "broken quote: a quoted field is never closed".to_owned();
                            return Ok(Self::reject(&first, reason));
                        }
                    }
                }
            }
        }
    }

    fn fields(&self, raw: &[u8], spans: &[(usize, usize, bool)]) -> Result<Vec<String>, String> {
        if spans.len() != self.columns {
            return Err(format!(
                "wrong column count: expected {} fields, found {}",
                self.columns,
                spans.len()
            ));
        }
        let text = std::str::from_utf8(raw)
            .map_err(|e| format!("invalid UTF-8 at byte {} of the row", e.valid_up_to() + 1))?;
        Ok(spans
            .iter()
            .map(|&(s, e, quoted)| {
                let field = &text[s..e];
                if quoted {
                    field.replace("\"\"", "\"")
                } else {
                    field.to_owned()
                }
            })
            .collect())
    }
}

/// Reads the header of a CSV input: its columns and the offset where rows start. Strips a UTF-8
/// byte-order mark. `delimiter` is sniffed from the header when `None`.
pub fn read_csv_header<R: BufRead>(
    lines: &mut LineReader<R>,
    delimiter: Option<u8>,
) -> Result<(Vec<String>, u8), String> {
    let first = loop {
        match lines.next_line() {
            Ok(Some(line)) if !line.oversized && is_blank(&line.bytes) => continue,
            Ok(Some(line)) => break line,
            Ok(None) => return Err("the input is empty: expected a header line".to_owned()),
            Err(e) => return Err(e.to_string()),
        }
    };
    if first.oversized {
        return Err(format!("header line {} is longer than {MAX_RECORD_BYTES} bytes", first.number));
    }
    let bytes = strip_terminator(&first.bytes);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(bytes));
    let spans = match parse_fields(bytes, delimiter) {
        Parsed::Fields(spans) => spans,
        Parsed::Open => return Err(format!("header line {}: a quoted name is never closed", first.number)),
        Parsed::Broken(reason) => return Err(format!("header line {}: {reason}", first.number)),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!("header line {}: invalid UTF-8 at byte {}", first.number, e.valid_up_to() + 1)
    })?;
    let columns = spans
        .iter()
        .map(|&(s, e, quoted)| {
            let f = &text[s..e];
            let f = if quoted { f.replace("\"\"", "\"") } else { f.to_owned() };
            f.trim().to_owned()
        })
        .collect();
    Ok((columns, delimiter))
}

/// The delimiter of a header: whichever of `,` `;` tab `|` occurs most outside quotes.
pub fn sniff_delimiter(header: &[u8]) -> u8 {
    let candidates = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for &b in header {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = candidates.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// Reads JSON-lines records: one JSON object a line.
pub struct JsonRows<R> {
    lines: LineReader<R>,
}

impl<R: BufRead> JsonRows<R> {
    pub fn new(lines: LineReader<R>) -> JsonRows<R> {
        JsonRows { lines }
    }

    /// The next object, skipping blank lines; `None` at the end of the input.
    pub fn next_row(&mut self) -> io::Result<Option<RawRow<serde_json::Map<String, serde_json::Value>>>> {
        loop {
            let Some(line) = self.lines.next_line()? else { return Ok(None) };
            if !line.oversized && is_blank(&line.bytes) {
                continue;
            }
            let mut raw = strip_terminator(&line.bytes);
            if line.start == 0 {
                raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
            }
            let raw = raw.to_vec();
            let content = if line.oversized {
                Err(format!("line longer than {MAX_RECORD_BYTES} bytes"))
            } else {
                parse_json_object(&raw)
            };
            return Ok(Some(RawRow { line: line.number, end: line.start + line.len, raw, content }));
        }
    }
}

fn parse_json_object(raw: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let text = std::str::from_utf8(raw)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1))?;
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err("expected a JSON object".to_owned()),
        Err(e) => Err(format!("invalid JSON: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &str) -> Vec<(u64, Result<Vec<String>, String>)> {
        let mut lines = LineReader::new(input.as_bytes(), 0, 1);
        let (columns, delimiter) = read_csv_header(&mut lines, None).unwrap();
        let mut rows = CsvRows::new(lines, delimiter, columns.len());
        let mut out = Vec::new();
        while let Some(row) = rows.next_row().unwrap() {
            out.push((row.line, row.content));
        }
        out
    }

    #[test]
    fn quoted_fields_keep_delimiters_newlines_and_doubled_quotes() {
        let got = rows("id,name\n1,\"Doe, John\"\n2,\"say \"\"hi\"\"\nthere\"\n3,plain\n");
        assert_eq!(got[0], (2, Ok(vec!["1".into(), "Doe, John".into()])));
        assert_eq!(got[1], (3, Ok(vec!["2".into(), "say \"hi\"\nthere".into()])));
        assert_eq!(got[2], (5, Ok(vec!["3".into(), "plain".into()])));
    }

    #[test]
    fn unterminated_quote_rejects_one_line_and_resynchronises() {
        let got = rows("id,name\n1,\"open\n2,fine\n3,also fine\n");
        assert_eq!(got.len(), 3);
        assert!(got[0].1.as_ref().unwrap_err().contains("never closed"));
        assert_eq!(got[1], (3, Ok(vec!["2".into(), "fine".into()])));
        assert_eq!(got[2], (4, Ok(vec!["3".into(), "also fine".into()])));
    }

    #[test]
    fn text_after_a_closing_quote_is_a_broken_quote() {
        let got = rows("id,name\n1,\"a\"b\n2,ok\n");
        assert!(got[0].1.as_ref().unwrap_err().starts_with("broken quote"));
        assert_eq!(got[1].1, Ok(vec!["2".into(), "ok".into()]));
    }

    #[test]
    fn wrong_column_count_and_invalid_utf8_are_rejected_with_reasons() {
        let mut input = b"id;name\n1;a;b\n2;".to_vec();
        input.extend_from_slice(b"\xff\xfe\n3;ok\r\n");
        let mut lines = LineReader::new(&input[..], 0, 1);
        let (columns, delimiter) = read_csv_header(&mut lines, None).unwrap();
        assert_eq!(delimiter, b';');
        let mut rows = CsvRows::new(lines, delimiter, columns.len());
        let a = rows.next_row().unwrap().unwrap();
        assert!(a.content.unwrap_err().contains("expected 2 fields, found 3"));
        let b = rows.next_row().unwrap().unwrap();
        assert!(b.content.unwrap_err().contains("invalid UTF-8"));
        let c = rows.next_row().unwrap().unwrap();
        assert_eq!(c.content.unwrap(), vec!["3".to_owned(), "ok".to_owned()]);
        assert_eq!(c.end, input.len() as u64);
    }

    #[test]
    fn row_end_offsets_allow_resuming_mid_file() {
        let input = "id,name\n1,a\n2,\"b\nb\"\n3,c\n";
        let mut lines = LineReader::new(input.as_bytes(), 0, 1);
        read_csv_header(&mut lines, None).unwrap();
        let mut rows = CsvRows::new(lines, b',', 2);
        let first = rows.next_row().unwrap().unwrap();
        let second = rows.next_row().unwrap().unwrap();
        assert_eq!(second.line, 3);
        let tail = &input.as_bytes()[second.end as usize..];
        let mut resumed = CsvRows::new(LineReader::new(tail, second.end, 5), b',', 2);
        let third = resumed.next_row().unwrap().unwrap();
        assert_eq!((third.line, third.content.unwrap()), (5, vec!["3".to_owned(), "c".to_owned()]));
        assert_eq!(first.end, 12);
    }

    #[test]
    fn delimiter_sniffing_prefers_the_most_frequent_separator() {
        assert_eq!(sniff_delimiter(b"id\tname\tdob"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c,d"), b',');
        assert_eq!(sniff_delimiter(b"name"), b',');
        assert_eq!(sniff_delimiter(b"id|name"), b'|');
    }

    /// Fields written with the output's CSV quoting read back unchanged, whatever they hold.
    #[test]
    fn csv_written_by_the_output_reads_back_field_for_field() {
        let alphabet = ["a", "Б", ",", "\"", "\n", "\r\n", " ", "", "ش", ";"];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut expected = Vec::new();
        let mut file = b"c1,c2,c3\n".to_vec();
        for _ in 0..500 {
            let row: Vec<String> =
                (0..3).map(|_| (0..next() % 6).map(|_| alphabet[(next() % 10) as usize]).collect()).collect();
            for (i, field) in row.iter().enumerate() {
                if i > 0 {
                    file.push(b',');
                }
                crate::output::write_csv_field(&mut file, field);
            }
            file.push(b'\n');
            expected.push(row);
        }
        let mut lines = LineReader::new(&file[..], 0, 1);
        let (columns, delimiter) = read_csv_header(&mut lines, None).unwrap();
        let mut rows = CsvRows::new(lines, delimiter, columns.len());
        let mut got = Vec::new();
        while let Some(row) = rows.next_row().unwrap() {
            got.push(row.content.unwrap());
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn json_lines_skip_a_byte_order_mark() {
        let mut rows = JsonRows::new(LineReader::new(&b"\xEF\xBB\xBF{\"name\":\"A\"}\n"[..], 0, 1));
        assert_eq!(rows.next_row().unwrap().unwrap().content.unwrap()["name"], "A");
    }

    #[test]
    fn json_lines_reject_non_objects_and_bad_json() {
        let input = "{\"id\":1,\"name\":\"A\"}\n[1]\n{bad\n\n{\"name\":\"B\"}\n";
        let mut rows = JsonRows::new(LineReader::new(input.as_bytes(), 0, 1));
        assert!(rows.next_row().unwrap().unwrap().content.is_ok());
        assert!(rows.next_row().unwrap().unwrap().content.unwrap_err().contains("JSON object"));
        assert!(rows.next_row().unwrap().unwrap().content.unwrap_err().contains("invalid JSON"));
        let last = rows.next_row().unwrap().unwrap();
        assert_eq!(last.line, 5);
        assert!(rows.next_row().unwrap().is_none());
    }
}
