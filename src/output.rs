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

/// [`safe_cell`] of a cell made for the row.
fn safe_owned(s: String) -> Cow<'static, str> {
    if needs_quote_mark(&s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Owned(s)
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
        *self
            .documents
            .entry(r.status.as_str().to_string())
            .or_default() += 1;
        for e in &r.events {
            *self.events.entry(e.kind.as_str().to_string()).or_default() += 1;
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

/// Writes every output of a run, atomically.
pub struct OutputWriter {
    dir: PathBuf,
    records: BufWriter<File>,
    documents: csv::Writer<BufWriter<File>>,
    mentions: csv::Writer<BufWriter<File>>,
    events: csv::Writer<BufWriter<File>>,
}

fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp"))
}

/// Write buffers: the outputs are about 13 times the input (every mention row carries its
/// sentence), so fewer, larger writes save system time.
const WRITE_BUFFER: usize = 1 << 18;

fn csv_writer(path: &Path, header: &[&str]) -> io::Result<csv::Writer<BufWriter<File>>> {
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(WRITE_BUFFER)
        .from_writer(BufWriter::with_capacity(WRITE_BUFFER, File::create(path)?));
    w.write_record(header).map_err(io::Error::other)?;
    Ok(w)
}

impl OutputWriter {
    /// Create the folder if needed and open the temporary files.
    pub fn create(dir: &Path) -> io::Result<OutputWriter> {
        fs::create_dir_all(dir)?;
        Ok(OutputWriter {
            dir: dir.to_path_buf(),
            records: BufWriter::with_capacity(
                WRITE_BUFFER,
                File::create(temp_path(dir, "records.jsonl"))?,
            ),
            documents: csv_writer(&temp_path(dir, "documents.csv"), &DOCUMENTS_HEADER)?,
            mentions: csv_writer(&temp_path(dir, "mentions.csv"), &MENTIONS_HEADER)?,
            events: csv_writer(&temp_path(dir, "events.csv"), &EVENTS_HEADER)?,
        })
    }

    /// Write one record to every file.
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        serde_json::to_writer(&mut self.records, r).map_err(io::Error::other)?;
        self.records.write_all(b"\n")?;
        self.documents
            .write_record(document_row(r))
            .map_err(io::Error::other)?;
        for row in mention_rows(r) {
            self.mentions
                .write_record(row.iter().map(|c| c.as_bytes()))
                .map_err(io::Error::other)?;
        }
        for e in &r.events {
            self.events
                .write_record(event_row(r, e).iter().map(|c| c.as_bytes()))
                .map_err(io::Error::other)?;
        }
        Ok(())
    }

    /// Flush, write `run.json`, and rename every file into place.
    pub fn finish(self, run: &impl Serialize) -> io::Result<()> {
        let OutputWriter {
            dir,
            mut records,
            documents,
            mentions,
            events,
        } = self;
        records.flush()?;
        records.get_ref().sync_all()?;
        for w in [documents, mentions, events] {
            let inner = w
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?;
            let file = inner
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?;
            file.sync_all()?;
        }
        drop(records);
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

fn num(q: Quantity) -> String {
    q.to_string()
}

/// The `documents.csv` row of a record.
pub fn document_row(r: &Record) -> Vec<String> {
    let problems: Vec<String> = r
        .problems
        .iter()
        .map(|p| format!("{}: {}", serde_plain(&p.kind), p.message))
        .collect();
    let mention_count: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
    vec![
        safe_cell(&r.doc_id).into_owned(),
        safe_cell(&r.path).into_owned(),
        r.status.as_str().to_string(),
        safe_owned(problems.join("; ")).into_owned(),
        r.encoding.clone().unwrap_or_default(),
        r.language
            .as_ref()
            .map(|l| l.code.clone())
            .unwrap_or_default(),
        r.language
            .as_ref()
            .map(|l| l.confidence.to_string())
            .unwrap_or_default(),
        r.reference_date
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_default(),
        r.reference_date
            .as_ref()
            .map(|d| serde_plain(&d.source))
            .unwrap_or_default(),
        r.bytes.to_string(),
        r.sha256.clone().unwrap_or_default(),
        r.paragraphs.len().to_string(),
        r.entities.len().to_string(),
        mention_count.to_string(),
        r.dates.len().to_string(),
        r.counts.len().to_string(),
        r.money.len().to_string(),
        r.events.len().to_string(),
    ]
}

/// A unit enum's serialized name (`text`, `too_large`).
fn serde_plain<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The `mentions.csv` rows of a record: entities, dates, counts, money, in that order. Cells
/// borrow from the record where they can: a run writes millions of them.
pub fn mention_rows(r: &Record) -> Vec<Vec<Cow<'_, str>>> {
    let mut rows = Vec::new();
    let doc = safe_cell(&r.doc_id);
    let sentence =
        |start: usize, end: usize| safe_cell(r.sentence_around(start, end).unwrap_or(""));
    for ent in &r.entities {
        let detail = if ent.candidates.is_empty() {
            safe_cell(&ent.id)
        } else {
            safe_owned(ent.candidates.join("; "))
        };
        for m in &ent.mentions {
            rows.push(vec![
                doc.clone(),
                "entity".into(),
                ent.kind.as_str().into(),
                safe_cell(&m.text),
                safe_cell(&ent.name),
                "".into(),
                detail.clone(),
                m.start.to_string().into(),
                m.end.to_string().into(),
                sentence(m.start, m.end),
            ]);
        }
    }
    for d in &r.dates {
        let detail: Vec<&str> = [d.qualifier.as_deref(), d.relative.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        rows.push(vec![
            doc.clone(),
            "date".into(),
            d.precision.as_str().into(),
            safe_cell(&d.text),
            d.value.as_str().into(),
            "".into(),
            safe_owned(detail.join("; ")),
            d.start.to_string().into(),
            d.end.to_string().into(),
            sentence(d.start, d.end),
        ]);
    }
    for c in &r.counts {
        let mut detail = c.qualifier.as_str().to_string();
        if let Some(u) = &c.unit {
            detail.push_str("; ");
            detail.push_str(u);
        }
        rows.push(vec![
            doc.clone(),
            "count".into(),
            safe_cell(c.what.as_deref().unwrap_or("")),
            safe_cell(&c.text),
            num(c.value).into(),
            c.value_max.map(num).unwrap_or_default().into(),
            detail.into(),
            c.start.to_string().into(),
            c.end.to_string().into(),
            sentence(c.start, c.end),
        ]);
    }
    for m in &r.money {
        rows.push(vec![
            doc.clone(),
            "money".into(),
            m.currency.as_str().into(),
            safe_cell(&m.text),
            num(m.value).into(),
            m.value_max.map(num).unwrap_or_default().into(),
            "".into(),
            m.start.to_string().into(),
            m.end.to_string().into(),
            sentence(m.start, m.end),
        ]);
    }
    rows
}

/// The `events.csv` row of one event: names instead of ids, lists joined with `; `.
pub fn event_row<'r>(r: &'r Record, e: &'r Event) -> Vec<Cow<'r, str>> {
    let names = |ids: &[String]| -> Cow<'r, str> {
        let v: Vec<&str> = ids
            .iter()
            .map(|id| r.entity_name(id).unwrap_or(id))
            .collect();
        safe_owned(v.join("; "))
    };
    let money = e
        .money
        .as_ref()
        .map(|m| match m.value_max {
            Some(max) => format!("{}..{}", num(m.value), num(max)),
            None => num(m.value),
        })
        .unwrap_or_default();
    let evidence: Vec<&str> = e.evidence.iter().skip(1).map(|s| s.text.as_str()).collect();
    let offsets: Vec<String> = e
        .evidence
        .iter()
        .map(|s| format!("{}-{}", s.start, s.end))
        .collect();
    vec![
        safe_cell(&r.doc_id),
        e.id.as_str().into(),
        e.cluster.as_str().into(),
        e.kind.as_str().into(),
        safe_cell(&e.subtype),
        e.cameo.as_str().into(),
        e.plover.as_str().into(),
        e.mode.as_str().into(),
        e.section.as_str().into(),
        e.date.as_deref().unwrap_or_default().into(),
        e.date_precision
            .map(|p| p.as_str())
            .unwrap_or_default()
            .into(),
        safe_cell(e.place.as_ref().map(|p| p.name.as_str()).unwrap_or("")),
        names(&e.actors),
        names(&e.targets),
        names(&e.agencies),
        names(&e.countries),
        names(&e.people),
        names(&e.gangs),
        e.count
            .as_ref()
            .map(|c| num(c.value))
            .unwrap_or_default()
            .into(),
        safe_cell(
            e.count
                .as_ref()
                .and_then(|c| c.what.as_deref())
                .unwrap_or(""),
        ),
        money.into(),
        e.money
            .as_ref()
            .map(|m| m.currency.as_str())
            .unwrap_or_default()
            .into(),
        e.confidence.to_string().into(),
        safe_cell(&e.trigger.text),
        safe_cell(&e.sentence.text),
        e.sentence.start.to_string().into(),
        e.sentence.end.to_string().into(),
        safe_owned(evidence.join(" | ")),
        offsets.join("; ").into(),
    ]
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
}
