//! The matching rules of the gazetteer, from the table in `tests/data/gazetteer.toml`.
//! Every failing case is reported together; `TRAWL_CASE=<substring>` runs only matching cases.

mod common;

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
    let table: Table = common::read_table("gazetteer.toml");
    let mut b = GazetteerBuilder::new().shipped(false);
    for (name, contents) in &table.gazetteer {
        b = b.file(name, contents.trim_start());
    }
    let g = b.build().unwrap();
    let learner = Learner::new().unwrap();
    let mut run = common::CaseRun::new();
    for case in &table.case {
        if !run.selects(&case.name) {
            continue;
        }
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
            run.fail(format!(
                "{}\n  text:       {:?}\n  expected:   {:?} candidates {:?}\n  got:        {:?} candidates {:?}",
                case.name, case.text, case.expect, case.candidates, got, got_candidates
            ));
        }
    }
    run.finish();
}
