//! Table-driven language-detection tests: every case in `tests/data/lang.toml` runs through
//! the segmenter and the detector, and all failures are reported together.
//! `TRAWL_CASE=<part of a name>` runs only the matching cases.

mod common;

use serde::Deserialize;
use trawl::lang::{LanguageDetector, DEFAULT_LANGUAGES};
use trawl::segment::Segmenter;

/// The whole table file.
type Table = common::Cases<Case>;

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
    let table: Table = common::read_table("lang.toml");
    let segmenter = Segmenter::new().expect("segmenter");
    let detector = LanguageDetector::new(&DEFAULT_LANGUAGES).expect("detector");
    let mut cases = common::CaseRun::new();
    for case in &table.case {
        if !cases.selects(&case.name) {
            continue;
        }
        let text = case.text.as_str();
        let (mut paragraphs, mut sentences) = segmenter.segment(text);
        let got = detector.annotate(text, &mut paragraphs, &mut sentences);
        let mut check = |what: &str, want: &dyn std::fmt::Debug, have: &dyn std::fmt::Debug| {
            let (w, h) = (format!("{want:?}"), format!("{have:?}"));
            if w != h {
                cases.fail(format!("{}: {what}: want {w}, got {h}", case.name));
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
    cases.finish();
}
