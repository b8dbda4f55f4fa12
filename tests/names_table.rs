//! Names found by cues, from the table in `tests/data/names.toml`: people, agencies and gangs
//! per language, and the traps (sentence-initial capitals, titles of works, places, months,
//! weekdays, gazetteer agencies) that must not be found. Every failing case is reported
//! together; `TRAWL_CASE=<substring>` runs only matching cases.

use serde::Deserialize;
use trawl::ingest::Document;
use trawl::model::EntitySource;
use trawl::pipeline::PipelineBuilder;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    kind: String,
    text: String,
    expect: Vec<String>,
}

#[test]
fn names_found_by_cues() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/names.toml"
    ))
    .unwrap();
    let table: Table = toml::from_str(&src).unwrap();
    let finds = table.case.iter().filter(|c| c.kind == "find").count();
    let traps = table.case.iter().filter(|c| c.kind == "trap").count();
    assert!(
        traps >= finds,
        "{traps} traps for {finds} finds: a trap per find at least"
    );
    let pipeline = PipelineBuilder::new().build().unwrap();
    let filter = std::env::var("TRAWL_CASE").unwrap_or_default();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in table.case.iter().filter(|c| c.name.contains(&filter)) {
        ran += 1;
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
            failures.push(format!(
                "{}\n  text:     {:?}\n  expected: {:?}\n  got:      {:?}",
                case.name, case.text, case.expect, got
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
