//! The event rules, from the table in `tests/data/events.toml`, run through the whole pipeline
//! with the shipped gazetteers. Every failing case is reported together;
//! `TRAWL_CASE=<substring>` runs only matching cases.

use serde::Deserialize;
use trawl::ingest::Document;
use trawl::pipeline::PipelineBuilder;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expect: Vec<String>,
}

#[test]
fn event_rules() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/events.toml"
    ))
    .unwrap();
    let table: Table = toml::from_str(&src).unwrap();
    let pipeline = PipelineBuilder::new().build().unwrap();
    let filter = std::env::var("TRAWL_CASE").unwrap_or_default();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in table.case.iter().filter(|c| c.name.contains(&filter)) {
        ran += 1;
        let record = pipeline.process(&Document::from_text("case.txt", case.text.clone()));
        let got: Vec<String> = record
            .events
            .iter()
            .map(|e| {
                for s in std::iter::once(&e.trigger).chain(&e.evidence) {
                    assert_eq!(&case.text[s.start..s.end], s.text, "{}", case.name);
                }
                format!(
                    "{} {} {} {} {}",
                    e.kind.as_str(),
                    e.subtype,
                    e.mode.as_str(),
                    e.section.as_str(),
                    e.date.as_deref().unwrap_or("-")
                )
            })
            .collect();
        if got != case.expect {
            let triggers: Vec<&str> = record
                .events
                .iter()
                .map(|e| e.trigger.text.as_str())
                .collect();
            failures.push(format!(
                "{}\n  expected: {:?}\n  got:      {:?} (triggers {:?})",
                case.name, case.expect, got, triggers
            ));
        }
    }
    assert!(ran > 0, "no case matched TRAWL_CASE={filter:?}");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
