//! Properties every extractor keeps, on random text salted with the hard cases: ß, İ,
//! ligatures, combining accents, NBSP, curly quotes, aliases and numbers.

use proptest::prelude::*;
use std::sync::LazyLock;
use trawl::fold::fold_str;
use trawl::ingest::Document;
use trawl::model::{EntityType, Record, Status};
use trawl::pipeline::{Pipeline, PipelineBuilder};

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| PipelineBuilder::new().build().expect("pipeline builds"));

const PIECES: &[&str] = &[
    "México",
    "MÉXICO",
    "Mexique",
    "Straße",
    "İstanbul",
    "ﬁscal",
    "Fiscali\u{301}a",
    "Fiscalía General de la República",
    "\u{a0}",
    "\u{202f}",
    "“",
    "”",
    "’",
    "«",
    "»",
    "DEA's",
    "DEA’s",
    "U.S.-Mexico",
    "US-Canada",
    "Tren de Aragua",
    "TdA",
    "(TdA)",
    "ICE",
    "Iceland",
    "ice",
    "February 13",
    "Dec. 6 to 7, 2017",
    "le 22 janvier",
    "13 de febrero de 2025",
    "5,000 members",
    "1.500 detenidos",
    "$10 million",
    "R$ 2,3 milhões",
    "vingt-sept",
    "twenty-seven",
    "\u{ad}",
    "\u{200d}",
    "ǅ",
    "ﬀ",
    "Œuvre",
    "Ⅻ",
    "١٢٣",
    "𝟙𝟚",
    "e\u{301}\u{301}",
    "\u{301}",
    "Peru",
    "Perú",
    "Policía Nacional del Perú",
    "arrested",
    "signed an agreement",
    "extradited",
    ".",
    ",",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "-",
    "—",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => any::<char>().prop_map(|c| c.to_string()),
        2 => "[a-zA-Z]{1,8}",
        1 => "[0-9]{1,5}",
    ];
    proptest::collection::vec((piece, prop_oneof![Just(" "), Just(""), Just("\n")]), 0..40)
        .prop_map(|v| v.into_iter().map(|(p, sep)| format!("{p}{sep}")).collect())
}

/// Every span of a record, with what it claims to be.
fn spans(r: &Record) -> Vec<(usize, usize, Option<String>)> {
    let mut out = Vec::new();
    for p in &r.paragraphs {
        out.push((p.start, p.end, None));
    }
    for s in &r.segments {
        out.push((s.start, s.end, None));
    }
    for e in &r.entities {
        for m in &e.mentions {
            out.push((m.start, m.end, Some(m.text.clone())));
        }
    }
    for d in &r.dates {
        out.push((d.start, d.end, Some(d.text.clone())));
    }
    for c in &r.counts {
        out.push((c.start, c.end, Some(c.text.clone())));
    }
    for m in &r.money {
        out.push((m.start, m.end, Some(m.text.clone())));
    }
    for e in &r.events {
        out.push((
            e.sentence.start,
            e.sentence.end,
            Some(e.sentence.text.clone()),
        ));
        out.push((e.trigger.start, e.trigger.end, Some(e.trigger.text.clone())));
        for s in &e.evidence {
            out.push((s.start, s.end, Some(s.text.clone())));
        }
        if let Some(p) = &e.place {
            out.push((p.start, p.end, Some(p.text.clone())));
        }
        if let Some(c) = &e.count {
            out.push((c.start, c.end, None));
        }
        if let Some(m) = &e.money {
            out.push((m.start, m.end, None));
        }
    }
    out
}

fn check_record(text: &str, r: &Record) -> Result<(), TestCaseError> {
    prop_assert!(
        r.status == Status::Ok || r.status == Status::Empty,
        "status {:?}: {:?}",
        r.status,
        r.problems
    );
    for (start, end, surface) in spans(r) {
        prop_assert!(
            start <= end && end <= text.len(),
            "span {start}..{end} outside the text"
        );
        prop_assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span {start}..{end} cuts a char"
        );
        if let Some(s) = surface {
            prop_assert_eq!(&text[start..end], s.as_str());
        }
    }
    // Every entity mention is really one of the entity's aliases, once folded, or an alias the
    // document taught: a short form next to parentheses, or the end of a longer mention.
    let g = PIPELINE.gazetteer();
    for e in &r.entities {
        let taught = |m: &str| {
            text.contains(&format!("({m})"))
                || text.contains(&format!("{m} ("))
                || e.mentions
                    .iter()
                    .any(|o| o.text.len() > m.len() && o.text.ends_with(&format!(" {m}")))
        };
        // A pattern-found entity has no aliases to check: its spans were checked above.
        if e.id.starts_with("pattern:") {
            continue;
        }
        if e.id.starts_with("doc:") {
            for m in &e.mentions {
                prop_assert!(
                    taught(&m.text) || text.contains(&format!("{} (", m.text)) || m.text == e.name,
                    "{m:?}"
                );
            }
            continue;
        }
        let ids: Vec<&str> = if e.candidates.is_empty() {
            vec![e.id.as_str()]
        } else {
            e.candidates.iter().map(|s| s.as_str()).collect()
        };
        for m in &e.mentions {
            let folded = fold_str(&m.text);
            let real = ids.iter().any(|id| {
                g.get(id).is_some_and(|ent| {
                    ent.aliases
                        .iter()
                        .any(|a| fold_str(a.text.trim()) == folded)
                })
            });
            // An agency-shaped name right before the agency's acronym in parentheses is a
            // mention of it ("Centro de Análisis y Operaciones Marítimas (MAOC-N)").
            let before_own_acronym = || {
                e.kind == EntityType::Agency
                    && e.mentions.iter().any(|o| {
                        o.start > m.end
                            && text[m.end..o.start].trim() == "("
                            && text[o.end..].trim_start().starts_with(')')
                    })
            };
            prop_assert!(
                real || before_own_acronym(),
                "mention {:?} of {} is none of its aliases",
                m.text,
                e.id
            );
        }
    }
    // Longest-match mentions never overlap within a layer.
    for layer_is_country in [false, true] {
        let mut ms: Vec<(usize, usize)> = r
            .entities
            .iter()
            .filter(|e| (e.kind == EntityType::Country) == layer_is_country)
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        ms.sort();
        for w in ms.windows(2) {
            prop_assert!(
                w[0].1 <= w[1].0,
                "overlapping mentions {:?} and {:?}",
                w[0],
                w[1]
            );
        }
    }
    Ok(())
}

/// 300 random texts per property in the suite; `TRAWL_PROP_CASES=50000` for a long hunt.
fn cases() -> u32 {
    std::env::var("TRAWL_PROP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_text_keeps_every_span_true(text in text_strategy()) {
        let doc = Document::from_text("prop.txt", text.clone());
        let r = PIPELINE.process(&doc);
        check_record(&text, &r)?;
    }

    #[test]
    fn folding_maps_back(text in text_strategy()) {
        let f = trawl::fold::FoldedText::new(&text);
        let folded = f.as_str();
        // Every boundary-to-boundary slice maps back to an original slice that folds to it.
        let bounds: Vec<usize> = (0..=folded.len()).filter(|&i| folded.is_char_boundary(i) && f.is_boundary(i)).collect();
        for w in bounds.windows(3).step_by(2) {
            let span = f.original_span(w[0], w[2]).expect("boundaries map back");
            let refolded = fold_str(&text[span.start..span.end]);
            prop_assert_eq!(refolded.trim(), folded[w[0]..w[2]].trim());
        }
    }
}
