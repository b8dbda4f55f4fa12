//! Table-driven language-detection tests: every case in `tests/data/lang.toml` runs through
//! the segmenter and the detector, and all failures are reported together.
//! `TRAWL_CASE=<part of a name>` runs only the matching cases.

use serde::Deserialize;
use trawl::lang::{LanguageDetector, DEFAULT_LANGUAGES};
use trawl::segment::Segmenter;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    document: Option<String>,
    segments: Option<Vec<String>>,
    paragraphs: Option<Vec<String>>,
    sentences: Option<Vec<String>>,
}

fn code(l: Option<trawl::model::Lang>) -> String {
    l.map(|l| l.code().to_string())
        .unwrap_or_else(|| "-".into())
}

#[test]
fn language_table() {
    let source = include_str!("data/lang.toml");
    let table: Table = toml::from_str(source).expect("tests/data/lang.toml parses");
    let filter = std::env::var("TRAWL_CASE").unwrap_or_default();
    let segmenter = Segmenter::new().expect("segmenter");
    let detector = LanguageDetector::new(&DEFAULT_LANGUAGES).expect("detector");
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in table.case.iter().filter(|c| c.name.contains(&filter)) {
        ran += 1;
        let text = case.text.as_str();
        let (mut paragraphs, mut sentences) = segmenter.segment(text);
        let got = detector.annotate(text, &mut paragraphs, &mut sentences);
        let mut check = |what: &str, want: &dyn std::fmt::Debug, have: &dyn std::fmt::Debug| {
            let (w, h) = (format!("{want:?}"), format!("{have:?}"));
            if w != h {
                failures.push(format!("{}: {what}: want {w}, got {h}", case.name));
            }
        };
        if let Some(want) = &case.document {
            let have = got
                .language
                .as_ref()
                .map(|l| l.code.clone())
                .unwrap_or_default();
            check("document", want, &have);
        }
        if let Some(want) = &case.segments {
            let have: Vec<String> = got.segments.iter().map(|s| s.language.clone()).collect();
            check("segments", want, &have);
        }
        if let Some(want) = &case.paragraphs {
            let have: Vec<String> = paragraphs.iter().map(|p| code(p.detected)).collect();
            check("paragraphs", want, &have);
        }
        if let Some(want) = &case.sentences {
            let have: Vec<String> = sentences.iter().map(|s| code(s.lang)).collect();
            check("sentences", want, &have);
        }
    }
    assert!(ran > 0, "no case matches TRAWL_CASE={filter:?}");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
