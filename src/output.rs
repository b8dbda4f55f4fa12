//! Writing records: `records.jsonl`, `documents.csv`, `mentions.csv`, `events.csv`, `run.json`.
//!
//! Input: [`Record`]s in input order. Output: files in the output folder, each written under
//! a temporary name (`.<name>.tmp`) and renamed into place only when the run finishes, so an
//! interrupted run never leaves half a CSV under the real name.
//!
//! The CSV files are projections of the records (same values, names instead of ids in list
//! cells). They are UTF-8 with a header row. Spreadsheet safety: a text cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading `'` so that
//! spreadsheets show it as text instead of evaluating it; numeric and offset columns are
//! never changed. The JSON is never changed.

mod cells;
mod json;
mod scan;

use crate::model::{Event, Quantity, Record, Status};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The files a run writes, in the order they are renamed into place.
pub const FILES: [&str; 5] = [
    "records.jsonl",
    "documents.csv",
    "mentions.csv",
    "events.csv",
    "run.json",
];

/// Header of `documents.csv`.
pub const DOCUMENTS_HEADER: [&str; 18] = [
    "doc_id",
    "path",
    "status",
    "problems",
    "encoding",
    "language",
    "language_confidence",
    "reference_date",
    "reference_date_source",
    "bytes",
    "sha256",
    "paragraphs",
    "entities",
    "mentions",
    "dates",
    "counts",
    "money",
    "events",
];

/// Header of `mentions.csv`.
pub const MENTIONS_HEADER: [&str; 10] = [
    "doc_id",
    "kind",
    "type",
    "text",
    "value",
    "value_max",
    "detail",
    "start",
    "end",
    "sentence",
];

/// Header of `events.csv`.
pub const EVENTS_HEADER: [&str; 29] = [
    "doc_id",
    "event_id",
    "cluster",
    "type",
    "subtype",
    "cameo",
    "plover",
    "mode",
    "section",
    "date",
    "date_precision",
    "place",
    "actors",
    "targets",
    "agencies",
    "countries",
    "people",
    "gangs",
    "count",
    "count_what",
    "money",
    "currency",
    "confidence",
    "trigger",
    "sentence",
    "sentence_start",
    "sentence_end",
    "evidence_sentences",
    "evidence_offsets",
];

/// Make a text cell safe for spreadsheets (see the module docs).
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    if needs_quote_mark(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn needs_quote_mark(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Counts kept while records stream past, for the summary and `run.json`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Totals {
    /// Documents by status.
    pub documents: BTreeMap<String, usize>,
    /// Events by type.
    pub events: BTreeMap<String, usize>,
    /// Bytes of input.
    pub bytes: u64,
}

impl Totals {
    /// Count one record.
    pub fn add(&mut self, r: &Record) {
        count(&mut self.documents, r.status.as_str());
        for e in &r.events {
            count(&mut self.events, e.kind.as_str());
        }
        self.bytes += r.bytes;
    }

    /// Documents with status `error`.
    pub fn errors(&self) -> usize {
        self.documents
            .get(Status::Error.as_str())
            .copied()
            .unwrap_or(0)
    }
}

/// One more of `key`: its name is allocated only the first time it is seen, not every time.
fn count(counts: &mut BTreeMap<String, usize>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

/// Writes every output of a run, atomically.
pub struct OutputWriter {
    dir: PathBuf,
    records: Sink,
    documents: Sink,
    mentions: Sink,
    events: Sink,
    /// Scratch for the cells joined from several values.
    joined: String,
    /// Scratch for [`mention_rows`]: where each sentence's cell stands in the buffer.
    sentence_cells: Vec<Option<(usize, usize)>>,
    floats: FloatCells,
}

fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp"))
}

/// Write buffers: the outputs are about 13 times the input (every mention row carries its
/// sentence), so fewer, larger writes save system time.
const WRITE_BUFFER: usize = 1 << 18;

/// One output file: rows are appended to `buf`, which goes to the file whenever it is full.
struct Sink {
    file: File,
    buf: Vec<u8>,
}

impl Sink {
    fn create(path: &Path) -> io::Result<Sink> {
        Ok(Sink {
            file: File::create(path)?,
            buf: Vec::with_capacity(2 * WRITE_BUFFER),
        })
    }

    /// A CSV file with its header row.
    fn csv(path: &Path, header: &[&str]) -> io::Result<Sink> {
        let mut sink = Sink::create(path)?;
        for name in header {
            cells::raw(&mut sink.buf, name);
        }
        cells::end_row(&mut sink.buf);
        Ok(sink)
    }

    fn write_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= WRITE_BUFFER {
            self.file.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.file.write_all(&self.buf)?;
        self.file.sync_all()
    }
}

impl OutputWriter {
    /// Create the folder if needed and open the temporary files.
    pub fn create(dir: &Path) -> io::Result<OutputWriter> {
        fs::create_dir_all(dir)?;
        Ok(OutputWriter {
            dir: dir.to_path_buf(),
            records: Sink::create(&temp_path(dir, "records.jsonl"))?,
            documents: Sink::csv(&temp_path(dir, "documents.csv"), &DOCUMENTS_HEADER)?,
            mentions: Sink::csv(&temp_path(dir, "mentions.csv"), &MENTIONS_HEADER)?,
            events: Sink::csv(&temp_path(dir, "events.csv"), &EVENTS_HEADER)?,
            joined: String::new(),
            sentence_cells: Vec::new(),
            floats: FloatCells::default(),
        })
    }

    /// Write one record to every file.
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        json::record(&mut self.records.buf, r);
        self.records.buf.push(b'\n');
        self.records.write_if_full()?;
        document_row(
            &mut self.documents.buf,
            &mut self.joined,
            &mut self.floats,
            r,
        );
        self.documents.write_if_full()?;
        mention_rows(
            &mut self.mentions.buf,
            &mut self.joined,
            &mut self.sentence_cells,
            r,
        );
        self.mentions.write_if_full()?;
        for e in &r.events {
            event_row(
                &mut self.events.buf,
                &mut self.joined,
                &mut self.floats,
                r,
                e,
            );
        }
        self.events.write_if_full()
    }

    /// Flush, write `run.json`, and rename every file into place.
    pub fn finish(self, run: &impl Serialize) -> io::Result<()> {
        let OutputWriter {
            dir,
            records,
            documents,
            mentions,
            events,
            joined: _,
            sentence_cells: _,
            floats: _,
        } = self;
        for sink in [records, documents, mentions, events] {
            sink.finish()?;
        }
        let mut run_file = BufWriter::new(File::create(temp_path(&dir, "run.json"))?);
        serde_json::to_writer_pretty(&mut run_file, run).map_err(io::Error::other)?;
        run_file.write_all(b"\n")?;
        run_file.flush()?;
        drop(run_file);
        for name in FILES {
            fs::rename(temp_path(&dir, name), dir.join(name))?;
        }
        Ok(())
    }
}

/// A quantity as the CSV shows it (its `Display`: `5000`, `2.5`).
fn quantity(out: &mut Vec<u8>, q: Quantity) {
    let v = q.0;
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        out.extend_from_slice(itoa::Buffer::new().format(v as i64).as_bytes());
    } else {
        write!(out, "{q}").expect("writing to memory");
    }
    out.push(b',');
}

/// The `Display` text of the floats written so far: confidences take a few dozen values in a
/// whole run, so each is formatted once instead of on every row.
#[derive(Default)]
struct FloatCells {
    seen: Vec<(u64, Vec<u8>)>,
}

impl FloatCells {
    /// At most this many values are kept; any other is formatted every time.
    const MAX: usize = 64;

    /// Append `v`'s `Display` as a cell (a number: no quoting).
    fn cell(&mut self, out: &mut Vec<u8>, v: f64) {
        // Keyed by the bits, so that 0.0 and -0.0 (and NaNs) keep their own text.
        let bits = v.to_bits();
        if let Some((_, text)) = self.seen.iter().find(|(b, _)| *b == bits) {
            out.extend_from_slice(text);
        } else {
            let from = out.len();
            write!(out, "{v}").expect("writing to memory");
            if self.seen.len() < Self::MAX {
                self.seen.push((bits, out[from..].to_vec()));
            }
        }
        out.push(b',');
    }
}

/// The `documents.csv` row of a record.
fn document_row(out: &mut Vec<u8>, joined: &mut String, floats: &mut FloatCells, r: &Record) {
    cells::text(out, &r.doc_id);
    cells::text(out, &r.path);
    cells::raw(out, r.status.as_str());
    joined.clear();
    for (i, p) in r.problems.iter().enumerate() {
        if i > 0 {
            joined.push_str("; ");
        }
        joined.push_str(p.kind.as_str());
        joined.push_str(": ");
        joined.push_str(&p.message);
    }
    cells::text(out, joined);
    cells::raw(out, r.encoding.as_deref().unwrap_or_default());
    match &r.language {
        Some(l) => {
            cells::raw(out, &l.code);
            floats.cell(out, l.confidence);
        }
        None => out.extend_from_slice(b",,"),
    }
    match &r.reference_date {
        Some(d) => {
            cells::raw(out, &d.value);
            cells::raw(out, d.source.as_str());
        }
        None => out.extend_from_slice(b",,"),
    }
    cells::uint(out, r.bytes);
    cells::raw(out, r.sha256.as_deref().unwrap_or_default());
    let mention_count: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
    for n in [
        r.paragraphs.len(),
        r.entities.len(),
        mention_count,
        r.dates.len(),
        r.counts.len(),
        r.money.len(),
        r.events.len(),
    ] {
        cells::uint(out, n);
    }
    cells::end_row(out);
}

/// The `mentions.csv` rows of a record: entities, dates, counts, money, in that order.
///
/// A sentence is the last cell of the row of every mention in it: its cell (with the line
/// break) is written once per record and copied from that first row after that, without
/// checking its bytes for quoting again. `sentence_cells` holds where each sentence's cell
/// stands in `out`, by sentence index; `out` is only written out between records, so the
/// positions hold while one record's rows are written.
fn mention_rows(
    out: &mut Vec<u8>,
    joined: &mut String,
    sentence_cells: &mut Vec<Option<(usize, usize)>>,
    r: &Record,
) {
    sentence_cells.clear();
    sentence_cells.resize(r.sentence_spans.len(), None);
    // Every row starts with the document and the kind of mention, and ends with the span and
    // its sentence.
    let mut doc_cell = Vec::new();
    cells::text(&mut doc_cell, &r.doc_id);
    let head = |out: &mut Vec<u8>, kind: &[u8]| {
        out.extend_from_slice(&doc_cell);
        out.extend_from_slice(kind);
    };
    let mut tail = |out: &mut Vec<u8>, start: usize, end: usize| {
        cells::uint(out, start);
        cells::uint(out, end);
        let Some(i) = r.sentence_index_around(start, end) else {
            cells::text(out, "");
            cells::end_row(out);
            return;
        };
        match sentence_cells[i] {
            Some((from, to)) => out.extend_from_within(from..to),
            None => {
                let from = out.len();
                cells::text(out, r.sentence_spans[i].of(&r.text));
                cells::end_row(out);
                sentence_cells[i] = Some((from, out.len()));
            }
        }
    };
    // The value and value_max cells of a count or an amount.
    let values = |out: &mut Vec<u8>, value: Quantity, max: Option<Quantity>| {
        quantity(out, value);
        match max {
            Some(max) => quantity(out, max),
            None => out.push(b','),
        }
    };
    for ent in &r.entities {
        let detail: &str = if ent.candidates.is_empty() {
            &ent.id
        } else {
            joined.clear();
            join_into(joined, ent.candidates.iter().map(String::as_str), "; ");
            joined
        };
        for m in &ent.mentions {
            head(out, b"entity,");
            cells::raw(out, ent.kind.as_str());
            cells::text(out, &m.text);
            cells::text(out, &ent.name);
            out.push(b',');
            cells::text(out, detail);
            tail(out, m.start, m.end);
        }
    }
    for d in &r.dates {
        head(out, b"date,");
        cells::raw(out, d.precision.as_str());
        cells::text(out, &d.text);
        cells::raw(out, &d.value);
        out.push(b',');
        joined.clear();
        join_into(
            joined,
            [d.qualifier.as_deref(), d.relative.as_deref()]
                .into_iter()
                .flatten(),
            "; ",
        );
        cells::text(out, joined);
        tail(out, d.start, d.end);
    }
    for c in &r.counts {
        head(out, b"count,");
        cells::text(out, c.what.as_deref().unwrap_or(""));
        cells::text(out, &c.text);
        values(out, c.value, c.value_max);
        joined.clear();
        joined.push_str(c.qualifier.as_str());
        if let Some(u) = &c.unit {
            joined.push_str("; ");
            joined.push_str(u);
        }
        cells::raw(out, joined);
        tail(out, c.start, c.end);
    }
    for m in &r.money {
        head(out, b"money,");
        cells::raw(out, &m.currency);
        cells::text(out, &m.text);
        values(out, m.value, m.value_max);
        out.push(b',');
        tail(out, m.start, m.end);
    }
}

fn join_into<'a>(joined: &mut String, parts: impl Iterator<Item = &'a str>, sep: &str) {
    for (i, part) in parts.enumerate() {
        if i > 0 {
            joined.push_str(sep);
        }
        joined.push_str(part);
    }
}

/// The `events.csv` row of one event: names instead of ids, lists joined with `; `.
fn event_row(
    out: &mut Vec<u8>,
    joined: &mut String,
    floats: &mut FloatCells,
    r: &Record,
    e: &Event,
) {
    let mut names = |out: &mut Vec<u8>, ids: &[String]| {
        joined.clear();
        join_into(
            joined,
            ids.iter().map(|id| r.entity_name(id).unwrap_or(id)),
            "; ",
        );
        cells::text(out, joined);
    };
    cells::text(out, &r.doc_id);
    cells::raw(out, &e.id);
    cells::raw(out, &e.cluster);
    cells::raw(out, e.kind.as_str());
    cells::text(out, &e.subtype);
    cells::raw(out, &e.cameo);
    cells::raw(out, &e.plover);
    cells::raw(out, e.mode.as_str());
    cells::raw(out, e.section.as_str());
    cells::raw(out, e.date.as_deref().unwrap_or_default());
    cells::raw(
        out,
        e.date_precision.map(|p| p.as_str()).unwrap_or_default(),
    );
    cells::text(out, e.place.as_ref().map(|p| p.name.as_str()).unwrap_or(""));
    names(out, &e.actors);
    names(out, &e.targets);
    names(out, &e.agencies);
    names(out, &e.countries);
    names(out, &e.people);
    names(out, &e.gangs);
    match &e.count {
        Some(c) => quantity(out, c.value),
        None => out.push(b','),
    }
    cells::text(
        out,
        e.count
            .as_ref()
            .and_then(|c| c.what.as_deref())
            .unwrap_or(""),
    );
    match &e.money {
        Some(m) => {
            match m.value_max {
                Some(max) => {
                    // `value..max` as one cell: the first quantity's `,` becomes the `..`.
                    quantity(out, m.value);
                    out.pop();
                    out.extend_from_slice(b"..");
                    quantity(out, max);
                }
                None => quantity(out, m.value),
            }
            cells::raw(out, &m.currency);
        }
        None => out.extend_from_slice(b",,"),
    }
    floats.cell(out, e.confidence);
    cells::text(out, &e.trigger.text);
    cells::text(out, &e.sentence.text);
    cells::uint(out, e.sentence.start);
    cells::uint(out, e.sentence.end);
    joined.clear();
    join_into(
        joined,
        e.evidence.iter().skip(1).map(|s| s.text.as_str()),
        " | ",
    );
    cells::text(out, joined);
    for (i, s) in e.evidence.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"; ");
        }
        cells::digits(out, s.start);
        out.push(b'-');
        cells::digits(out, s.end);
    }
    out.push(b',');
    cells::end_row(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_safety() {
        for (cell, want) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("- INTERPOL Washington", "'- INTERPOL Washington"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("plain", "plain"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(cell), want);
        }
    }

    /// Floats written from the cache: their `Display`, the first time and every time after.
    #[test]
    fn float_cells_are_display() {
        let values = [0.8, 0.0, -0.0, 0.1 + 0.2, 1.0, f64::NAN, 1.5e300, 0.8];
        let mut floats = FloatCells::default();
        for round in 0..2 {
            for v in values {
                let mut out = Vec::new();
                floats.cell(&mut out, v);
                assert_eq!(String::from_utf8(out).unwrap(), format!("{v},"), "{round}");
            }
        }
    }
}
