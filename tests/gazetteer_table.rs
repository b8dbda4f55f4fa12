//! The matching rules of the gazetteer, from the table in `tests/data/gazetteer.toml`.
//! Every failing case is reported together; `TRAWL_CASE=<substring>` runs only matching cases.

use serde::Deserialize;
use std::collections::BTreeMap;
use trawl::fold::FoldedText;
use trawl::gazetteer::learn::Learner;
use trawl::gazetteer::{resolve, GazetteerBuilder};

#[derive(Deserialize)]
struct Table {
    gazetteer: BTreeMap<String, String>,
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expect: Vec<String>,
    #[serde(default)]
    candidates: Vec<String>,
}

#[test]
fn gazetteer_matching_rules() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/gazetteer.toml"
    ))
    .unwrap();
    let table: Table = toml::from_str(&src).unwrap();
    let mut b = GazetteerBuilder::new().shipped(false);
    for (name, contents) in &table.gazetteer {
        b = b.file(name, contents.trim_start());
    }
    let g = b.build().unwrap();
    let learner = Learner::new().unwrap();
    let filter = std::env::var("TRAWL_CASE").unwrap_or_default();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in table.case.iter().filter(|c| c.name.contains(&filter)) {
        ran += 1;
        let folded = FoldedText::new(&case.text);
        let mut entities = resolve::entities(&g, &case.text, &folded);
        learner.extend(&case.text, &mut entities);
        let mut got: Vec<(usize, String)> = Vec::new();
        for e in &entities {
            for m in &e.mentions {
                assert_eq!(
                    &case.text[m.start..m.end],
                    m.text,
                    "{}: span is not its text",
                    case.name
                );
                got.push((m.start, format!("{}={}", e.id, m.text)));
            }
        }
        got.sort();
        let got: Vec<String> = got.into_iter().map(|(_, s)| s).collect();
        let got_candidates: Vec<String> = entities
            .iter()
            .filter(|e| !e.candidates.is_empty())
            .map(|e| e.candidates.join("|"))
            .collect();
        if got != case.expect || got_candidates != case.candidates {
            failures.push(format!(
                "{}\n  text:       {:?}\n  expected:   {:?} candidates {:?}\n  got:        {:?} candidates {:?}",
                case.name, case.text, case.expect, case.candidates, got, got_candidates
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
