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
//! - an open range keeps its open end: `2016-08-01/..` is accepted as `2016-08-01/..` and,
//!   from the first of a month or a year, as `2016-08/..`, `2016/..` (trawl keeps the
//!   precision of the mention: "since August 2016"); Recognizers ends `../2018-01-01`
//!   exclusively ("before 2018"), so it is accepted as `../2017-12-31`, `../2017-12`,
//!   `../2017` (the coarse forms when the end is the first of a month or a year) and, in
//!   the stated reading, as `../2018-01-01`, `../2018-01`, `../2018`; an open datetime range
//!   keeps the date of its closed end;
//! - "not resolved" is kept as it is: trawl never writes it, so those items can be found but
//!   never have the right value.
//!
//! # Parts
//! Recognizers writes a part of a period as a sub-range ("mid-November" =
//! `2017-11-10/2017-11-21`, "end of 2000" = `2000-09-01/2001-01-01`, "earlier this month" =
//! `2018-05-01/2018-05-16`, "later this week" = the rest of the week); trawl writes the
//! containing period with `qualifier` early, mid or late (`2017-11`, qualifier `mid`). An
//! item that no prediction matches by value is also counted right when an overlapping
//! prediction has such a qualifier and its value is a period that contains the expected
//! sub-range (for open ranges: the same open end, and the closed end inside the period the
//! prediction names). Value AND qualifier are compared this way; the number of items scored
//! so is printed (`by part`).

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
    /// Items counted right by the part rule (see the module doc).
    by_part: usize,
}

/// One expected calendar item.
struct Item {
    span: Span,
    text: String,
    accepted: Vec<String>,
    /// Recognizers' own values (with alternatives), for the part rule.
    raw: Vec<String>,
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
            "     negatives {}, predictions overlapping only excluded items {} (not counted), \
             by part {}{}",
            t.negatives,
            t.pred_ignored,
            t.by_part,
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
        let raw: Vec<String> = values.clone().map(str::to_string).collect();
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
            raw,
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
        let mut right = over.iter().any(|m| item.accepted.contains(&m.value));
        if !right && over.iter().any(|m| part_contains(m, &item.raw)) {
            right = true;
            tally.by_part += 1;
        }
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
    let folded = crate::fold::FoldedText::new(text);
    extractor.extract(&segmented.view(text), &folded, reference)
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

/// `YYYY-MM-DD` and, when it is the first of a month or of a year, `YYYY-MM` and `YYYY`.
fn coarse_forms((y, m, d): (i32, u32, u32)) -> Vec<String> {
    let mut out = vec![format!("{y:04}-{m:02}-{d:02}")];
    if d == 1 {
        out.push(format!("{y:04}-{m:02}"));
        if m == 1 {
            out.push(format!("{y:04}"));
        }
    }
    out
}

/// An open end's forms: `S/..` from its start on; `../E` up to its exclusive end (the end of
/// the day before at every precision that day closes, and the stated reading).
fn convert_open(a: &str, b: &str) -> Option<Vec<String>> {
    if b == ".." {
        let s = ymd(a)?;
        return Some(
            coarse_forms(s)
                .into_iter()
                .map(|v| format!("{v}/.."))
                .collect(),
        );
    }
    if a != ".." {
        return None;
    }
    let e = ymd(b)?;
    let l = day_before(e);
    let mut ends = vec![format!("{:04}-{:02}-{:02}", l.0, l.1, l.2)];
    if e.2 == 1 {
        ends.push(format!("{:04}-{:02}", l.0, l.1));
        if e.1 == 1 {
            ends.push(format!("{:04}", l.0));
        }
    }
    ends.extend(coarse_forms(e));
    Some(ends.into_iter().map(|v| format!("../{v}")).collect())
}

/// Every trawl form a Recognizers date or date-range value stands for (see the module doc).
fn convert(value: &str) -> Vec<String> {
    let Some((a, b)) = value.split_once('/') else {
        return vec![value.to_string()];
    };
    if let Some(open) = convert_open(a, b) {
        return open;
    }
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
        Some(("..", b)) => Some(format!("../{}", date(b)?)),
        Some((a, "..")) => Some(format!("{}/..", date(a)?)),
        Some((a, b)) => {
            let (da, db) = (date(a)?, date(b)?);
            Some(if da == db { da } else { format!("{da}/{db}") })
        }
    }
}

/// A civil date as (y, m, d).
type Ymd = (i32, u32, u32);

/// The first and last day of one end of a value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
fn period(s: &str) -> Option<(Ymd, Ymd)> {
    use crate::dates::calendar::days_in_month;
    match s.len() {
        4 => {
            let y = s
                .parse()
                .ok()
                .filter(|_| s.bytes().all(|c| c.is_ascii_digit()))?;
            Some(((y, 1, 1), (y, 12, 31)))
        }
        7 => {
            let (y, m) = ymd(&format!("{s}-01")).map(|(y, m, _)| (y, m))?;
            Some(((y, m, 1), (y, m, days_in_month(Some(y), m))))
        }
        _ => ymd(s).map(|d| (d, d)),
    }
}

/// The part rule (see the module doc): `m` has a part qualifier and its value is a period
/// that contains one of the expected Recognizers values.
fn part_contains(m: &DateMention, raw: &[String]) -> bool {
    if !matches!(m.qualifier.as_deref(), Some("early" | "mid" | "late")) {
        return false;
    }
    let Some((pa, pb)) = m.value.split_once('/').or(Some((&m.value, &m.value))) else {
        return false;
    };
    raw.iter().any(|v| {
        let (a, b) = v.split_once('/').unwrap_or((v, v));
        let inside =
            |d: (i32, u32, u32), part: &str| period(part).is_some_and(|(s, e)| s <= d && d <= e);
        // The predicted range as one period, from the start of `pa` to the end of `pb`: a week
        // written as days ("2018-05-28/2018-06-03") contains its last days.
        let within = |d: (i32, u32, u32)| {
            period(pa).is_some_and(|(s, _)| s <= d) && period(pb).is_some_and(|(_, e)| d <= e)
        };
        match (a, b, pa, pb) {
            (_, "..", _, "..") => ymd(a).is_some_and(|s| inside(s, pa)),
            ("..", _, "..", _) => ymd(b).is_some_and(|e| inside(day_before(e), pb)),
            _ if a == ".." || b == ".." || pa == ".." || pb == ".." => false,
            _ => match (ymd(a), ymd(b)) {
                // Recognizers ends ranges exclusively.
                (Some(s), Some(e)) if a != b => within(s) && within(day_before(e)),
                (Some(s), _) => within(s),
                _ => false,
            },
        }
    })
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
        assert_eq!(convert("2016-08-01/.."), ["2016-08-01/..", "2016-08/.."]);
        assert_eq!(
            convert("2017-01-01/.."),
            ["2017-01-01/..", "2017-01/..", "2017/.."]
        );
        assert_eq!(
            convert("../2018-01-01"),
            [
                "../2017-12-31",
                "../2017-12",
                "../2017",
                "../2018-01-01",
                "../2018-01",
                "../2018"
            ]
        );
        assert_eq!(convert("../2018-04-27"), ["../2018-04-26", "../2018-04-27"]);
        assert_eq!(
            datetime_date("../2021-07-15 08:00:00").as_deref(),
            Some("../2021-07-15")
        );
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

    #[test]
    fn parts() {
        let mention = |value: &str, qualifier: Option<&str>| DateMention {
            start: 0,
            end: 0,
            text: String::new(),
            value: value.into(),
            precision: crate::model::Precision::Month,
            qualifier: qualifier.map(str::to_string),
            relative: None,
            year_inferred: false,
            anchor: None,
        };
        let raw = |v: &str| vec![v.to_string()];
        let mid_november = raw("2017-11-10/2017-11-21");
        assert!(part_contains(
            &mention("2017-11", Some("mid")),
            &mid_november
        ));
        // A qualifier is needed, and the period must hold the whole sub-range.
        assert!(!part_contains(&mention("2017-11", None), &mid_november));
        assert!(!part_contains(
            &mention("2017-12", Some("mid")),
            &mid_november
        ));
        assert!(part_contains(
            &mention("2000", Some("late")),
            &raw("2000-09-01/2001-01-01")
        ));
        assert!(part_contains(
            &mention("2018-05/..", Some("mid")),
            &raw("2018-05-21/..")
        ));
        assert!(!part_contains(
            &mention("2018-05/..", Some("mid")),
            &raw("../2018-05-21")
        ));
        // A week written as days holds its last days ("later this week").
        let rest_of_week = raw("2018-05-31/2018-06-04");
        assert!(part_contains(
            &mention("2018-05-28/2018-06-03", Some("late")),
            &rest_of_week
        ));
        assert!(!part_contains(
            &mention("2018-05-21/2018-05-27", Some("late")),
            &rest_of_week
        ));
    }
}
