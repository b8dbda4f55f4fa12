//! Names found by cues, from the table in `tests/data/names.toml`: people, agencies and gangs
//! per language, and the traps (sentence-initial capitals, titles of works, places, months,
//! weekdays, gazetteer agencies) that must not be found. Every failing case is reported
//! together; `TRAWL_CASE=<substring>` runs only matching cases.

mod common;

use serde::Deserialize;
use trawl::ingest::Document;
use trawl::model::EntitySource;
use trawl::pipeline::PipelineBuilder;

/// The whole table file.
type Table = common::Cases<Case>;

#[derive(Deserialize)]
struct Case {
    name: String,
    kind: String,
    text: String,
    expect: Vec<String>,
}

#[test]
fn names_found_by_cues() {
    let table: Table = common::read_table("names.toml");
    let finds = table.case.iter().filter(|c| c.kind == "find").count();
    let traps = table.case.iter().filter(|c| c.kind == "trap").count();
    assert!(
        traps >= finds,
        "{traps} traps for {finds} finds: a trap per find at least"
    );
    let pipeline = PipelineBuilder::new().build().unwrap();
    let mut run = common::CaseRun::new();
    for case in &table.case {
        if !run.selects(&case.name) {
            continue;
        }
        assert!(
            case.kind == "find" || case.kind == "trap",
            "{}: kind must be find or trap",
            case.name
        );
        let record = pipeline.process(&Document::from_text("case.txt", case.text.clone()));
        let mut got: Vec<(usize, String)> = Vec::new();
        for e in record
            .entities
            .iter()
            .filter(|e| e.source == EntitySource::Pattern)
        {
            assert!(
                e.id.starts_with(&format!("pattern:{}:", e.kind.as_str())),
                "{}: id {}",
                case.name,
                e.id
            );
            for m in &e.mentions {
                got.push((m.start, format!("{}={}", e.kind.as_str(), m.text)));
            }
        }
        got.sort();
        let got: Vec<String> = got.into_iter().map(|(_, s)| s).collect();
        if got != case.expect {
            run.fail(format!(
                "{}\n  text:     {:?}\n  expected: {:?}\n  got:      {:?}",
                case.name, case.text, case.expect, got
            ));
        }
    }
    run.finish();
}
