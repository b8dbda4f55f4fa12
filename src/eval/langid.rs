//! Scoring language detection against the Lingua test data (`../shared/eval/langid/`).
//!
//! Each line is `{"lang", "granularity": "sentence|word_pair|word", "text", "variant"?}`. The
//! detector is built with the default allow-list (en, es, fr, pt). For records in an allowed
//! language the table gives accuracy per file, language and granularity, for whatlang alone
//! and for trawl's detector ([`LanguageDetector::guess`]: whatlang combined with trawl's own
//! evidence, stop words, marks and the word-frequency model). Records in other languages are negatives: the table gives how often each
//! detector assigns them one of the allowed languages, and how often the short-span policy
//! ([`LanguageDetector::detect`]) leaves them undetected.
//!
//! It also prints a rough throughput (sentences per second over the sentence records,
//! median of several passes) and the sentence accuracy when the trigram detector sees only a
//! bounded prefix, which is what the per-paragraph sample costs. The benchmark proper is
//! `examples/lang_bench.rs`.
//!
//! A line that is not JSON, or lacks `lang` or `text`, is counted and skipped: this never
//! panics on its input.

use crate::lang::{self, LanguageDetector};
use crate::model::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One test case.
struct Case {
    lang: String,
    granularity: String,
    text: String,
}

/// One suite file, read tolerantly.
struct Suite {
    label: String,
    cases: Vec<Case>,
    malformed: usize,
}

fn read_suite(path: &Path) -> Result<Suite, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let label = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut cases = Vec::new();
    let mut malformed = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => {
                malformed += 1;
                continue;
            }
        };
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        match (field("lang"), field("text")) {
            (Some(lang), Some(text)) => cases.push(Case {
                lang,
                granularity: field("granularity").unwrap_or_else(|| "unknown".into()),
                text,
            }),
            _ => malformed += 1,
        }
    }
    Ok(Suite {
        label,
        cases,
        malformed,
    })
}

#[derive(Default)]
struct Tally {
    n: usize,
    whatlang_hit: usize,
    trawl_hit: usize,
    undetected: usize,
}

const GRANULARITIES: [&str; 3] = ["sentence", "word_pair", "word"];

fn granularity_rank(g: &str) -> usize {
    GRANULARITIES
        .iter()
        .position(|x| *x == g)
        .unwrap_or(GRANULARITIES.len())
}

fn pct(k: usize, n: usize) -> String {
    if n == 0 {
        "-".into()
    } else {
        format!("{:.3}", k as f64 / n as f64)
    }
}

/// Score every suite file and return the printed table.
pub fn run(paths: &[PathBuf]) -> Result<String, String> {
    let detector = LanguageDetector::new(&lang::DEFAULT_LANGUAGES)?;
    let allowed: Vec<&str> = detector.allowed().iter().map(|l| l.code()).collect();
    let suites = paths
        .iter()
        .map(|p| read_suite(p))
        .collect::<Result<Vec<_>, _>>()?;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "allow-list: {}  (accuracy for allowed languages; for others, the share assigned an allowed language)",
        allowed.join(",")
    );
    let _ = writeln!(
        out,
        "{:<22} {:<4} {:<10} {:>5} {:>9} {:>9} {:>11}",
        "file", "lang", "unit", "n", "whatlang", "trawl", "undetected"
    );
    // (file, lang, granularity) -> tally, in file order then granularity order.
    for suite in &suites {
        let mut rows: BTreeMap<(String, usize, String), Tally> = BTreeMap::new();
        for c in &suite.cases {
            let positive = allowed.contains(&c.lang.as_str());
            let key = (
                c.lang.clone(),
                granularity_rank(&c.granularity),
                c.granularity.clone(),
            );
            let t = rows.entry(key).or_default();
            t.n += 1;
            let w = detector.whatlang(&c.text).map(|x| x.0);
            let g = detector.guess(&c.text).map(|x| x.0);
            let hit = |p: Option<Lang>| match p {
                Some(l) if positive => l.code() == c.lang,
                Some(l) => allowed.contains(&l.code()),
                None => false,
            };
            t.whatlang_hit += usize::from(hit(w));
            t.trawl_hit += usize::from(hit(g));
            t.undetected += usize::from(detector.detect(&c.text).is_none());
        }
        for ((lang, _, gran), t) in &rows {
            let role = if allowed.contains(&lang.as_str()) {
                lang.clone()
            } else {
                format!("{lang}-")
            };
            let _ = writeln!(
                out,
                "{:<22} {:<4} {:<10} {:>5} {:>9} {:>9} {:>11}",
                suite.label,
                role,
                gran,
                t.n,
                pct(t.whatlang_hit, t.n),
                pct(t.trawl_hit, t.n),
                pct(t.undetected, t.n)
            );
        }
        if suite.malformed > 0 {
            let _ = writeln!(
                out,
                "{:<22} {} malformed lines skipped",
                suite.label, suite.malformed
            );
        }
    }
    let _ = writeln!(
        out,
        "(lang- = negative: whatlang/trawl columns give the share wrongly assigned an allowed language)"
    );

    // Accuracy by length: where a span's own verdict beats inheriting (MIN_DETECT_CHARS).
    let positives: Vec<&Case> = suites
        .iter()
        .flat_map(|s| s.cases.iter())
        .filter(|c| allowed.contains(&c.lang.as_str()))
        .collect();
    let bins = [0usize, 8, 16, 24, 32, 40, 48, 64, 96, usize::MAX];
    let _ = writeln!(
        out,
        "accuracy by length in letters (all allowed-language records): letters n whatlang trawl"
    );
    for w in bins.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        let in_bin: Vec<&&Case> = positives
            .iter()
            .filter(|c| (lo..hi).contains(&c.text.chars().filter(|x| x.is_alphabetic()).count()))
            .collect();
        let hits = |f: &dyn Fn(&str) -> Option<(Lang, f64)>| {
            in_bin
                .iter()
                .filter(|c| f(&c.text).is_some_and(|(l, _)| l.code() == c.lang))
                .count()
        };
        let label = if hi == usize::MAX {
            format!("{lo}+")
        } else {
            format!("{lo}-{}", hi - 1)
        };
        let _ = writeln!(
            out,
            "  {:<8} {:>5} {:>9} {:>9}",
            label,
            in_bin.len(),
            pct(hits(&|t| detector.whatlang(t)), in_bin.len()),
            pct(hits(&|t| detector.guess(t)), in_bin.len())
        );
    }
    // What the bounded trigram sample costs: sentence accuracy with smaller bounds.
    let sentence_cases: Vec<&&Case> = positives
        .iter()
        .filter(|c| c.granularity == "sentence")
        .collect();
    if !sentence_cases.is_empty() {
        let _ = write!(
            out,
            "sentence accuracy by trigram sample bound (default {}):",
            lang::SAMPLE_BYTES
        );
        for bound in [32usize, 64, 128, 256, 512] {
            let d = LanguageDetector::new(&lang::DEFAULT_LANGUAGES)?.with_sample_bytes(bound);
            let w = sentence_cases
                .iter()
                .filter(|c| d.whatlang(&c.text).is_some_and(|(l, _)| l.code() == c.lang))
                .count();
            let g = sentence_cases
                .iter()
                .filter(|c| d.guess(&c.text).is_some_and(|(l, _)| l.code() == c.lang))
                .count();
            let _ = write!(
                out,
                "  {bound}B whatlang {} trawl {}",
                pct(w, sentence_cases.len()),
                pct(g, sentence_cases.len())
            );
        }
        let _ = writeln!(out);
    }

    let sentences: Vec<&str> = suites
        .iter()
        .flat_map(|s| s.cases.iter())
        .filter(|c| c.granularity == "sentence")
        .map(|c| c.text.as_str())
        .collect();
    if !sentences.is_empty() {
        let w = throughput(&sentences, |t| detector.whatlang(t).is_some());
        let g = throughput(&sentences, |t| detector.guess(t).is_some());
        let _ = writeln!(
            out,
            "throughput over {} sentences (median of 5 passes, one thread): whatlang {:.0}/s, trawl {:.0}/s",
            sentences.len(),
            w,
            g
        );
    }
    Ok(out)
}

/// Sentences per second: the median of five passes.
fn throughput(sentences: &[&str], f: impl Fn(&str) -> bool) -> f64 {
    let mut rates = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        let mut n = 0usize;
        for s in sentences {
            n += usize::from(f(s));
        }
        std::hint::black_box(n);
        let secs = t0.elapsed().as_secs_f64().max(1e-9);
        rates.push(sentences.len() as f64 / secs);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    rates[rates.len() / 2]
}
