//! The event rules, from the table in `tests/data/events.toml`, run through the whole pipeline
//! with the shipped gazetteers. Every failing case is reported together;
//! `TRAWL_CASE=<substring>` runs only matching cases.

mod common;

use serde::Deserialize;
use trawl::ingest::Document;
use trawl::pipeline::PipelineBuilder;

/// The whole table file.
type Table = common::Cases<Case>;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expect: Vec<String>,
}

#[test]
fn event_rules() {
    let table: Table = common::read_table("events.toml");
    let pipeline = PipelineBuilder::new().build().unwrap();
    let mut run = common::CaseRun::new();
    for case in &table.case {
        if !run.selects(&case.name) {
            continue;
        }
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
            run.fail(format!(
                "{}\n  expected: {:?}\n  got:      {:?} (triggers {:?})",
                case.name, case.expect, got, triggers
            ));
        }
    }
    run.finish();
}
