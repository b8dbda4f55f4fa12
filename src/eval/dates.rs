//! Scoring the dates extractor against the Recognizers-Text DateTime suites.
//!
//! `trawl eval dates <suite.jsonl>...` reads the converted specs (`../shared/eval/recognizers/
//! <lang>_date.jsonl`), runs [`DateExtractor`] on each case's `input` in the case's language
//! (every sentence and paragraph set to it; no detection) with the date part of the case's
//! `reference_date` as the reference (source `option`), and prints, per language:
//!
//! - **span** precision, recall and F1: an expected calendar item is found when a predicted
//!   date overlaps its byte span (`start_byte..end_byte`); a prediction is right when it
//!   overlaps an expected calendar item, wrong when it overlaps no expected item at all
//!   (predictions that only overlap an excluded item are not counted either way); a
//!   negative case (no expected item) counts each of its predictions as wrong;
//! - **value** accuracy: the share of expected calendar items with an overlapping prediction
//!   whose value equals the item's value, or one of its `alternatives`, after conversion
//!   (`v|found`: the same share among the items found).
//!
//! Calendar items are the types `datetimeV2.date` and `datetimeV2.daterange`, and the date
//! part of `datetimeV2.datetime` and `datetimeV2.datetimerange`. Times, time ranges,
//! durations and sets are outside trawl's scope: they are excluded and their number printed.
//!
//! # Value conversion (Recognizers → trawl)
//! Recognizers ends ranges exclusively ("November" = `2017-11-01/2017-12-01`). Its values are
//! converted to trawl's form before comparing:
//! - a whole month `YYYY-MM-01/(next month)-01` → `YYYY-MM`; several whole months →
//!   `YYYY-MM/YYYY-MM` (last month inclusive);
//! - a whole year `YYYY-01-01/(YYYY+1)-01-01` → `YYYY`; several whole years →
//!   `YYYY/YYYY` (a decade is `1990/1999`);
//! - any other range → inclusive `start/(end - 1 day)`;
//! - Recognizers also ends explicit ranges at the stated unit, against its own rule ("from
//!   2 July to 10 July" → `…-07-02/…-07-10`, "from 2014 to 2018" → `2014-01-01/2018-01-01`,
//!   "from March to May" → `…-03-01/…-05-01`), so the stated reading of every range is
//!   accepted too (`…-07-02/…-07-10`, `2014/2018`, `2018-03/2018-05`);
//! - a datetime keeps its date (`2016-11-07 20:30:00` → `2016-11-07`), a datetime range
//!   the dates of its ends (one date when both ends fall on it);
//! - open ranges (`2016-08-01/..`) and "not resolved" are kept as they are: trawl never
//!   writes them, so those items can be found but never have the right value.

use crate::dates::DateExtractor;
use crate::eval::{prf, read_jsonl};
use crate::model::{DateMention, Lang, ReferenceDate, ReferenceSource, Span};
use crate::segment::Segmenter;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

/// Counts for one language.
#[derive(Default, Debug)]
struct Tally {
    cases: usize,
    negatives: usize,
    expected: usize,
    found: usize,
    value_ok: usize,
    pred_right: usize,
    pred_wrong: usize,
    pred_ignored: usize,
    excluded: BTreeMap<String, usize>,
    crashed: usize,
}

/// One expected calendar item.
struct Item {
    span: Span,
    text: String,
    accepted: Vec<String>,
}

/// Score every suite file and return the printed table.
pub fn run(paths: &[PathBuf]) -> Result<String, String> {
    if paths.is_empty() {
        return Err("trawl eval dates: give at least one suite file (<lang>_date.jsonl)".into());
    }
    let extractor = DateExtractor::new()?;
    let segmenter = Segmenter::new()?;
    let details = std::env::var_os("TRAWL_EVAL_DETAILS").is_some();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for path in paths {
        for case in read_jsonl(path)? {
            let lang_code = case["lang"].as_str().unwrap_or("?").to_string();
            let tally = tallies.entry(lang_code.clone()).or_default();
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                score_case(&extractor, &segmenter, &case, tally, details)
            }));
            if outcome.is_err() {
                tally.crashed += 1;
                eprintln!(
                    "{}: crashed on case {}",
                    path.display(),
                    case["id"].as_str().unwrap_or("?")
                );
            }
        }
    }
    let mut out = String::new();
    let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let _ = writeln!(out, "trawl eval dates {}", files.join(" "));
    let _ = writeln!(
        out,
        "{:<4} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6}  excluded (not calendar items)",
        "lang", "cases", "items", "preds", "span P", "span R", "span F", "value", "v|found"
    );
    for (lang, t) in &tallies {
        let (p, r, f) = prf(t.pred_right, t.pred_wrong, t.expected - t.found);
        let acc = if t.expected == 0 {
            0.0
        } else {
            t.value_ok as f64 / t.expected as f64
        };
        let acc_found = if t.found == 0 {
            0.0
        } else {
            t.value_ok as f64 / t.found as f64
        };
        let excluded: Vec<String> = t.excluded.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(
            out,
            "{:<4} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3}  {}",
            lang,
            t.cases,
            t.expected,
            t.pred_right + t.pred_wrong,
            p,
            r,
            f,
            acc,
            acc_found,
            excluded.join(", ")
        );
        let _ = writeln!(
            out,
            "     negatives {}, predictions overlapping only excluded items {} (not counted){}",
            t.negatives,
            t.pred_ignored,
            if t.crashed > 0 {
                format!(", CRASHED {}", t.crashed)
            } else {
                String::new()
            }
        );
    }
    Ok(out)
}

fn score_case(
    extractor: &DateExtractor,
    segmenter: &Segmenter,
    case: &Value,
    tally: &mut Tally,
    details: bool,
) {
    tally.cases += 1;
    let input = case["input"].as_str().unwrap_or("");
    let lang = crate::lang::parse_code(case["lang"].as_str().unwrap_or(""));
    let reference = case["reference_date"]
        .as_str()
        .and_then(|r| r.get(..10))
        .filter(|d| crate::pipeline::valid_iso_date(d))
        .map(|d| ReferenceDate {
            value: d.to_string(),
            source: ReferenceSource::Option,
        });
    let mut items = Vec::new();
    let mut excluded_spans = Vec::new();
    for e in case["expected"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let kind = e["type"].as_str().unwrap_or("");
        let span = match (e["start_byte"].as_u64(), e["end_byte"].as_u64()) {
            (Some(s), Some(t)) if s <= t => Span::new(s as usize, t as usize),
            _ => continue,
        };
        let values = std::iter::once(&e["value"])
            .chain(e["alternatives"].as_array().into_iter().flatten())
            .filter_map(Value::as_str);
        let accepted: Vec<String> = match kind {
            "datetimeV2.date" | "datetimeV2.daterange" => values.flat_map(convert).collect(),
            "datetimeV2.datetime" | "datetimeV2.datetimerange" => {
                values.filter_map(datetime_date).collect()
            }
            _ => {
                *tally.excluded.entry(short(kind)).or_default() += 1;
                excluded_spans.push(span);
                continue;
            }
        };
        items.push(Item {
            span,
            text: e["text"].as_str().unwrap_or("").to_string(),
            accepted,
        });
    }
    if case["expected"].as_array().map_or(true, Vec::is_empty) {
        tally.negatives += 1;
    }
    let predicted = extract(extractor, segmenter, input, lang, reference.as_ref());
    tally.expected += items.len();
    for item in &items {
        let over: Vec<&DateMention> = predicted
            .iter()
            .filter(|m| Span::new(m.start, m.end).overlaps(item.span))
            .collect();
        let right = over.iter().any(|m| item.accepted.contains(&m.value));
        if !over.is_empty() {
            tally.found += 1;
        }
        if right {
            tally.value_ok += 1;
        }
        if details && !right {
            let got: Vec<String> = over
                .iter()
                .map(|m| format!("{:?}={}", m.text, m.value))
                .collect();
            eprintln!(
                "MISS {} {:?} want {:?} {:?} got [{}] ref {} | {}",
                case["id"].as_str().unwrap_or("?"),
                item.text,
                item.accepted.first().map(String::as_str).unwrap_or(""),
                item.accepted.get(1..).unwrap_or(&[]),
                got.join(", "),
                reference.as_ref().map_or("-", |r| r.value.as_str()),
                input
            );
        }
    }
    for m in &predicted {
        let span = Span::new(m.start, m.end);
        if items.iter().any(|i| i.span.overlaps(span)) {
            tally.pred_right += 1;
        } else if excluded_spans.iter().any(|s| s.overlaps(span)) {
            tally.pred_ignored += 1;
        } else {
            tally.pred_wrong += 1;
            if details {
                eprintln!(
                    "SPURIOUS {} {:?}={} | {}",
                    case["id"].as_str().unwrap_or("?"),
                    m.text,
                    m.value,
                    input
                );
            }
        }
    }
}

/// Run the extractor on `text` as one document in `lang`.
fn extract(
    extractor: &DateExtractor,
    segmenter: &Segmenter,
    text: &str,
    lang: Option<Lang>,
    reference: Option<&ReferenceDate>,
) -> Vec<DateMention> {
    let segmented = segmenter.segment_in(text, lang);
    extractor.extract(&segmented.view(text), reference)
}

/// `datetimeV2.daterange` → `daterange`.
fn short(kind: &str) -> String {
    kind.rsplit('.').next().unwrap_or(kind).to_string()
}

/// A civil date `YYYY-MM-DD` as (y, m, d).
fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if s.len() != 10 || b[4] != b'-' || b[7] != b'-' || !crate::pipeline::valid_iso_date(s) {
        return None;
    }
    Some((
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    ))
}

/// The day before a civil date.
fn day_before((y, m, d): (i32, u32, u32)) -> (i32, u32, u32) {
    use crate::dates::calendar::{civil_from_days, days_from_civil};
    civil_from_days(days_from_civil(y, m, d) - 1)
}

/// Every trawl form a Recognizers date or date-range value stands for (see the module doc).
fn convert(value: &str) -> Vec<String> {
    let Some((a, b)) = value.split_once('/') else {
        return vec![value.to_string()];
    };
    let (Some(s), Some(e)) = (ymd(a), ymd(b)) else {
        return vec![value.to_string()];
    };
    let months = (e.0 * 12 + e.1 as i32) - (s.0 * 12 + s.1 as i32);
    if s.2 == 1 && e.2 == 1 && months > 0 {
        // The stated end ("from 2014 to 2018" → 2014-01-01/2018-01-01) is accepted too.
        if s.1 == 1 && e.1 == 1 {
            let years = e.0 - s.0;
            let first = if years == 1 {
                format!("{:04}", s.0)
            } else {
                format!("{:04}/{:04}", s.0, e.0 - 1)
            };
            return vec![first, format!("{:04}/{:04}", s.0, e.0)];
        }
        let stated = format!("{:04}-{:02}/{:04}-{:02}", s.0, s.1, e.0, e.1);
        if months == 1 {
            return vec![format!("{:04}-{:02}", s.0, s.1), stated];
        }
        let (ly, lm) = if e.1 == 1 {
            (e.0 - 1, 12)
        } else {
            (e.0, e.1 - 1)
        };
        return vec![format!("{:04}-{:02}/{ly:04}-{lm:02}", s.0, s.1), stated];
    }
    let l = day_before(e);
    let inclusive = format!("{a}/{:04}-{:02}-{:02}", l.0, l.1, l.2);
    let mut out = vec![inclusive];
    if (l.0, l.1, l.2) != s {
        out.push(value.to_string());
    } else {
        // A one-day range is that day.
        out.push(a.to_string());
    }
    out
}

/// The date part of a datetime or datetime-range value.
fn datetime_date(value: &str) -> Option<String> {
    let date = |s: &str| s.get(..10).filter(|d| ymd(d).is_some()).map(str::to_string);
    match value.split_once('/') {
        None => date(value),
        Some((a, b)) => {
            let (da, db) = (date(a)?, date(b)?);
            Some(if da == db { da } else { format!("{da}/{db}") })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(convert("2017-11-01/2017-12-01")[0], "2017-11");
        assert_eq!(convert("2016-01-01/2017-01-01")[0], "2016");
        assert_eq!(convert("1990-01-01/2000-01-01"), ["1990/1999", "1990/2000"]);
        assert_eq!(
            convert("2017-01-01/2017-04-01"),
            ["2017-01/2017-03", "2017-01/2017-04"]
        );
        assert_eq!(
            convert("2016-11-14/2016-11-21"),
            ["2016-11-14/2016-11-20", "2016-11-14/2016-11-21"]
        );
        assert_eq!(convert("2016-11-07/2016-11-08")[1], "2016-11-07");
        assert_eq!(convert("2016-08-01/.."), ["2016-08-01/.."]);
        assert_eq!(convert("2016-11-07"), ["2016-11-07"]);
        assert_eq!(
            datetime_date("2016-11-07 20:30:00").as_deref(),
            Some("2016-11-07")
        );
        assert_eq!(
            datetime_date("2016-11-07 00:00:00/2016-11-07 00:03:00").as_deref(),
            Some("2016-11-07")
        );
        assert_eq!(datetime_date("not resolved"), None);
    }
}
