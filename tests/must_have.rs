//! Entities any serious user expects, from `tests/data/must_have.toml`: each surface form must
//! resolve, in the shipped gazetteer, to the listed id (and not to a candidate list).

use serde::Deserialize;
use trawl::fold::FoldedText;
use trawl::gazetteer::{resolve, Gazetteer};

#[derive(Deserialize)]
struct Table {
    entity: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    text: String,
    id: String,
    #[serde(default)]
    context: String,
}

#[test]
fn shipped_gazetteer_has_the_must_haves() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/must_have.toml"
    ))
    .unwrap();
    let table: Table = toml::from_str(&src).unwrap();
    let g = Gazetteer::shipped().unwrap();
    let mut missing = Vec::new();
    for e in &table.entity {
        if g.get(&e.id).is_none() {
            missing.push(format!("{}: no entity with id {}", e.text, e.id));
            continue;
        }
        let text = format!("{} {}.", e.text, e.context);
        let folded = FoldedText::new(&text);
        let found = resolve::entities(&g, &text, &folded);
        let ok = found.iter().any(|r| {
            r.id == e.id
                && r.candidates.is_empty()
                && r.mentions
                    .iter()
                    .any(|m| m.start == 0 && m.end == e.text.len())
        });
        if !ok {
            let got: Vec<String> = found
                .iter()
                .map(|r| {
                    format!(
                        "{}{:?}={:?}",
                        r.id,
                        r.candidates,
                        r.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
                    )
                })
                .collect();
            missing.push(format!("{:?} should be {}; got {got:?}", e.text, e.id));
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} must-have entities missing:\n{}",
        missing.len(),
        table.entity.len(),
        missing.join("\n")
    );
}
