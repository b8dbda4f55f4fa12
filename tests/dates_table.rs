//! Runs every case of `tests/data/dates.toml` through the DATES stage and reports every
//! failure together. `TRAWL_CASE=<text>` runs only the cases whose name contains `<text>`.

mod common;

use serde::Deserialize;
use trawl::dates::DateExtractor;
use trawl::model::{DateMention, ReferenceDate, ReferenceSource};
use trawl::segment::Segmenter;

/// The whole table file.
type Table = common::Cases<Case>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    lang: String,
    text: String,
    reference: Option<String>,
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    value: String,
    precision: Option<String>,
    qualifier: Option<String>,
    relative: Option<String>,
    year_inferred: Option<bool>,
}

/// The mentions of `case.text`, every sentence and paragraph in the case's language.
fn run(extractor: &DateExtractor, segmenter: &Segmenter, case: &Case) -> Vec<DateMention> {
    let lang = trawl::lang::parse_code(&case.lang);
    assert!(
        lang.is_some(),
        "{}: unknown language {}",
        case.name,
        case.lang
    );
    let segmented = segmenter.segment_in(&case.text, lang);
    let view = segmented.view(&case.text);
    let reference = case.reference.as_ref().map(|r| ReferenceDate {
        value: r.clone(),
        source: ReferenceSource::Option,
    });
    let folded = trawl::fold::FoldedText::new(&case.text);
    extractor.extract(&view, &folded, reference.as_ref())
}

/// What is wrong with `got` for `case`, if anything.
fn check(case: &Case, got: &[DateMention]) -> Vec<String> {
    let mut problems = Vec::new();
    for m in got {
        if case.text.get(m.start..m.end) != Some(m.text.as_str()) {
            problems.push(format!("span {}..{} is not {:?}", m.start, m.end, m.text));
        }
    }
    let show = |ms: &[DateMention]| {
        ms.iter()
            .map(|m| format!("{:?}={}", m.text, m.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if got.len() != case.expect.len() {
        let want: Vec<String> = case
            .expect
            .iter()
            .map(|e| format!("{:?}={}", e.text, e.value))
            .collect();
        problems.push(format!("want [{}], got [{}]", want.join(", "), show(got)));
        return problems;
    }
    for (e, m) in case.expect.iter().zip(got) {
        let mut diff = Vec::new();
        if e.text != m.text {
            diff.push(format!("text {:?} (want {:?})", m.text, e.text));
        }
        if e.value != m.value {
            diff.push(format!("value {} (want {})", m.value, e.value));
        }
        if let Some(p) = &e.precision {
            if p != m.precision.as_str() {
                diff.push(format!("precision {} (want {p})", m.precision.as_str()));
            }
        }
        if e.qualifier.is_some() && e.qualifier != m.qualifier {
            diff.push(format!(
                "qualifier {:?} (want {:?})",
                m.qualifier, e.qualifier
            ));
        }
        if e.relative.is_some() && e.relative != m.relative {
            diff.push(format!("relative {:?} (want {:?})", m.relative, e.relative));
        }
        if let Some(y) = e.year_inferred {
            if y != m.year_inferred {
                diff.push(format!("year_inferred {} (want {y})", m.year_inferred));
            }
        }
        if !diff.is_empty() {
            problems.push(format!("{:?}: {}", e.text, diff.join("; ")));
        }
    }
    problems
}

#[test]
fn dates_table() {
    let table: Table = common::read_table("dates.toml");
    let extractor = DateExtractor::new().expect("language tables load");
    let segmenter = Segmenter::new().expect("language tables load");
    let mut cases = common::CaseRun::new();
    for case in &table.case {
        if !cases.selects(&case.name) {
            continue;
        }
        let got = run(&extractor, &segmenter, case);
        for p in check(case, &got) {
            cases.fail(format!(
                "{} [{}] {:?}\n    {p}",
                case.name, case.lang, case.text
            ));
        }
    }
    cases.finish();
}
