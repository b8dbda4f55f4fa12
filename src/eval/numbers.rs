//! Scoring the numbers and money readers against a peer suite (`trawl eval numbers`).
//!
//! Each suite file holds JSON Lines cases of kind `number` or `money` (the converted
//! Recognizers-Text specs: `input`, `lang`, `expected[]` with `start_byte`/`end_byte`,
//! `value_number`, and for money `iso_currency` and `unit`). Every case is read in its own
//! language as one sentence; numbers come from [`CountExtractor::numbers`] (every number, with
//! or without a counted noun), money from [`CountExtractor::extract`].
//!
//! Scores, per language and kind:
//! - span precision: predictions that overlap an expected span, over all predictions;
//! - span recall: expected items overlapped by a prediction, over expected items;
//! - value accuracy: expected items overlapped by a prediction whose value equals
//!   `value_number` (within 1e-9, relative) and, for money, whose currency equals
//!   `iso_currency` when the suite gives one. Money in a subunit ("50 cents") is expected in
//!   the subunit and read in the main unit, so a value 100 times smaller is also right.
//!
//! Out of scope, counted and printed with the reason, and not scored (predictions that
//! overlap them are neither right nor wrong): fractions, powers and math expressions,
//! numbers with a sign in words ("minus five"), Indian scale words (lakh, crore), and money
//! items without an amount ("dollars" alone). A case that makes the reader panic is counted
//! as a crash, never a crash of the run.

use crate::counts::CountExtractor;
use crate::model::{Lang, Paragraph, Section, Sentence, Span, TextView};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

#[derive(Default)]
struct Tally {
    cases: usize,
    items: usize,
    span_hit: usize,
    value_ok: usize,
    preds: usize,
    preds_hit: usize,
    crashes: usize,
    excluded: BTreeMap<&'static str, usize>,
    misses: Vec<String>,
}

/// One prediction: span, value, currency (money only).
struct Pred {
    span: Span,
    value: f64,
    currency: Option<String>,
}

/// Score every suite file and return the printed table.
pub fn run(paths: &[PathBuf]) -> Result<String, String> {
    if paths.is_empty() {
        return Err("trawl eval numbers: give at least one suite file (.jsonl)".into());
    }
    let ex = CountExtractor::new()?;
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for path in paths {
        for case in super::read_jsonl(path)? {
            let lang = case["lang"].as_str().unwrap_or("").to_string();
            let kind = case["kind"].as_str().unwrap_or("").to_string();
            if kind != "number" && kind != "money" {
                continue;
            }
            let tally = tallies.entry((lang.clone(), kind.clone())).or_default();
            score_case(&ex, &case, &lang, &kind, tally);
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<4} {:<6} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>6}",
        "lang", "kind", "cases", "items", "excl", "span_P", "span_R", "value", "crash"
    );
    for ((lang, kind), t) in &tallies {
        let excl: usize = t.excluded.values().sum();
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let _ = writeln!(
            out,
            "{:<4} {:<6} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3} {:>6}",
            lang,
            kind,
            t.cases,
            t.items,
            excl,
            ratio(t.preds_hit, t.preds),
            ratio(t.span_hit, t.items),
            ratio(t.value_ok, t.items),
            t.crashes
        );
    }
    let _ = writeln!(out, "\nexcluded (not scored):");
    for ((lang, kind), t) in &tallies {
        for (why, n) in &t.excluded {
            let _ = writeln!(out, "  {lang} {kind}: {n} {why}");
        }
    }
    if std::env::var_os("TRAWL_EVAL_MISSES").is_some() {
        let _ = writeln!(out, "\nmisses:");
        for ((lang, kind), t) in &tallies {
            for m in &t.misses {
                let _ = writeln!(out, "  {lang} {kind}: {m}");
            }
        }
    }
    Ok(out)
}

/// Why an expected item is out of scope, if it is.
fn out_of_scope(kind: &str, item: &Value, text: &str) -> Option<&'static str> {
    if kind == "money" {
        if item["value_number"].as_f64().is_none() {
            return Some("currency name without an amount");
        }
        return None;
    }
    let lower = text.to_lowercase();
    match item["subtype"].as_str() {
        Some("fraction") => return Some("fraction"),
        Some("power") => return Some("power or exponent"),
        _ => {}
    }
    if lower.contains('^') || lower.contains(" over ") || lower.contains(" out of ") {
        return Some("math expression");
    }
    if ["minus", "negative", "menos", "moins", "négatif"]
        .iter()
        .any(|w| lower.split_whitespace().next() == Some(w))
    {
        return Some("sign in words");
    }
    if ["lakh", "crore"].iter().any(|w| lower.contains(w)) {
        return Some("Indian scale words (lakh, crore)");
    }
    None
}

fn score_case(ex: &CountExtractor, case: &Value, lang: &str, kind: &str, t: &mut Tally) {
    t.cases += 1;
    let input = case["input"].as_str().unwrap_or("");
    let code = crate::lang::parse_code(lang).unwrap_or(Lang(""));
    let preds = catch_unwind(AssertUnwindSafe(|| predict(ex, input, code, kind)));
    let Ok(preds) = preds else {
        t.crashes += 1;
        return;
    };
    let empty = Vec::new();
    let expected = case["expected"].as_array().unwrap_or(&empty);
    let mut scored: Vec<(Span, &Value)> = Vec::new();
    let mut excluded: Vec<Span> = Vec::new();
    for item in expected {
        let (Some(s), Some(e)) = (item["start_byte"].as_u64(), item["end_byte"].as_u64()) else {
            *t.excluded.entry("malformed item").or_default() += 1;
            continue;
        };
        let (s, e) = (s as usize, e as usize);
        let Some(text) = input.get(s..e) else {
            *t.excluded.entry("malformed item").or_default() += 1;
            continue;
        };
        if s >= e {
            *t.excluded.entry("malformed item").or_default() += 1;
            continue;
        }
        let span = Span::new(s, e);
        if let Some(why) = out_of_scope(kind, item, text) {
            *t.excluded.entry(why).or_default() += 1;
            excluded.push(span);
        } else {
            scored.push((span, item));
        }
    }
    for p in &preds {
        if excluded.iter().any(|x| x.overlaps(p.span))
            && !scored.iter().any(|x| x.0.overlaps(p.span))
        {
            continue;
        }
        t.preds += 1;
        if scored.iter().any(|x| x.0.overlaps(p.span)) {
            t.preds_hit += 1;
        } else {
            t.misses.push(format!(
                "spurious {:?} = {} in {:?}",
                p.span.of(input),
                p.value,
                input
            ));
        }
    }
    for (span, item) in scored {
        t.items += 1;
        let want = item["value_number"].as_f64().unwrap_or(f64::NAN);
        let iso = item["iso_currency"].as_str();
        let subunit = item["unit"].as_str().is_some_and(|u| {
            let u = u.to_lowercase();
            [
                "cent", "centavo", "céntimo", "centime", "penny", "pence", "penique", "penie",
            ]
            .iter()
            .any(|c| u.starts_with(c))
        });
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        let overlapping: Vec<&Pred> = preds.iter().filter(|p| p.span.overlaps(span)).collect();
        if !overlapping.is_empty() {
            t.span_hit += 1;
        }
        let right = overlapping.iter().any(|p| {
            let value_ok = close(p.value, want) || (subunit && close(p.value * 100.0, want));
            let currency_ok = match (iso, &p.currency) {
                (Some(iso), Some(c)) => iso == c,
                _ => true,
            };
            value_ok && currency_ok
        });
        if right {
            t.value_ok += 1;
        } else {
            let got: Vec<String> = overlapping
                .iter()
                .map(|p| {
                    format!(
                        "{:?}={}{}",
                        p.span.of(input),
                        p.value,
                        p.currency.as_deref().unwrap_or("")
                    )
                })
                .collect();
            t.misses.push(format!(
                "want {:?}={}{} got [{}] in {:?}",
                span.of(input),
                want,
                iso.unwrap_or(""),
                got.join(", "),
                input
            ));
        }
    }
}

/// Run the reader on one case: the whole input as one sentence in `lang`.
fn predict(ex: &CountExtractor, input: &str, lang: Lang, kind: &str) -> Vec<Pred> {
    let lang = (!lang.0.is_empty()).then_some(lang);
    let span = Span::new(0, input.len());
    let paragraphs = [Paragraph {
        span,
        section: Section::Body,
        detected: lang,
        confidence: 1.0,
        lang,
    }];
    let sentences = [Sentence {
        span,
        paragraph: 0,
        lang,
    }];
    let view = TextView {
        text: input,
        paragraphs: &paragraphs,
        sentences: &sentences,
        lang,
    };
    if kind == "money" {
        let (_, money) = ex.extract(&view, &[], &[]);
        money
            .into_iter()
            .map(|m| Pred {
                span: Span::new(m.start, m.end),
                value: m.value.0,
                currency: Some(m.currency),
            })
            .collect()
    } else {
        ex.numbers(&view)
            .into_iter()
            .map(|n| Pred {
                span: n.span,
                value: n.value,
                currency: None,
            })
            .collect()
    }
}
