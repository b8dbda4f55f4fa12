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
    joined(piece, 40)
}

/// Fewer than `max` pieces, each followed by a space, nothing or a line break.
fn joined(piece: impl Strategy<Value = String>, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (piece, prop_oneof![Just(" "), Just(""), Just("\n")]),
        0..max,
    )
    .prop_map(|v| v.into_iter().map(|(p, sep)| format!("{p}{sep}")).collect())
}

/// Pieces of reports: cue words and heads the pattern finder and the learner read, acronyms in
/// parentheses, people, triggers, dates, counts and money, in the four languages. A second
/// strategy rather than more [`PIECES`], so that the committed regression seeds of the first
/// still make the texts they were saved for.
const REPORT_PIECES: &[&str] = &[
    "Security Implementation Group",
    "(SIG)",
    "SIG",
    "(DEA)",
    "Drug Enforcement Administration",
    "DEA",
    "(ICE)",
    "(PNP)",
    "(MAOC-N)",
    "Centro de Análisis y Operaciones Marítimas",
    "Dirección de Investigación Criminal",
    "Fiscalía Especializada en Delincuencia Organizada",
    "Police nationale",
    "Polícia Federal",
    "Ministério da Justiça",
    "Office of Border Intelligence",
    "the Sinaloa Cartel",
    "cartel",
    "gang",
    "Los Tiburones del Sur",
    "“",
    "”",
    "Kristi Noem",
    "Noem",
    "Special Agent",
    "Ana Pérez García",
    "García",
    "alias",
    "known as",
    "Mr.",
    "Sr.",
    "Colombia",
    "EE.UU.",
    "U.S.",
    "Brasil",
    "France",
    "arrested",
    "detuvo a",
    "fue extraditado",
    "a été arrêté",
    "foi preso",
    "seized",
    "incautaron",
    "signed a memorandum",
    "met with",
    "charged with",
    "designated",
    "on March 3, 2024",
    "el 5 de mayo",
    "le 1er juillet 2023",
    "em 12 de agosto",
    "last week",
    "2024-03-15",
    "15/03/2024",
    "three",
    "tres",
    "27 people",
    "1,200 kilograms",
    "US$5 millones",
    "€2.5 million",
    "R$ 10 mil",
    "WASHINGTON —",
    "Share this article",
    "(",
    ")",
    ".",
    ",",
    " ",
    "\n",
    "\n\n",
    "\u{301}",
    "\u{a0}",
    "'s",
    "’s",
];

/// Whole sentences that make events, for a strategy that mixes them with [`REPORT_PIECES`]:
/// random pieces alone seldom make a sentence the event extractor takes.
const EVENT_SENTENCES: &[&str] = &[
    "The DEA arrested 27 people in Colombia on March 3, 2024.",
    "Colombian National Police and the DEA seized 1,200 kilograms of cocaine last week.",
    "Kristi Noem signed a memorandum of understanding with Mexico on February 13.",
    "Luis Alberto Mendoza Rivas was extradited to the United States on Tuesday.",
    "The Treasury designated the Tren de Aragua as a transnational criminal organization.",
    "La Fiscalía General de la República detuvo a tres integrantes del Cártel de Sinaloa el 5 de mayo.",
    "La Policía Nacional del Perú incautó US$5 millones en Lima.",
    "La Police nationale a arrêté 12 membres du gang le 1er juillet 2023.",
    "A Polícia Federal prendeu 8 pessoas em São Paulo em 12 de agosto.",
    "Officials from Canada and Mexico met in Ottawa to discuss the Security Implementation Group (SIG).",
];

fn event_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(EVENT_SENTENCES).prop_map(str::to_string),
        3 => proptest::sample::select(REPORT_PIECES).prop_map(str::to_string),
        1 => "[A-Z][a-z]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    joined(piece, 16)
}

fn report_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(REPORT_PIECES).prop_map(str::to_string),
        2 => "[A-Z][a-z]{1,8}",
        1 => "[a-z]{1,8}",
        1 => "[A-Z]{2,5}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    joined(piece, 60)
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
            // A short form the document defined beside another mention of the entity:
            // "Tren de Aragua (TdA)", "TdA (Tren de Aragua)".
            let defined_beside = |short: &str| {
                let acr_after = |o: &trawl::model::SpanText| {
                    text[o.end..]
                        .trim_start()
                        .strip_prefix('(')
                        .and_then(|r| r.trim_start().strip_prefix(short))
                        .is_some_and(|r| r.trim_start().starts_with(')'))
                };
                let acr_before = |o: &trawl::model::SpanText| {
                    text[..o.start]
                        .trim_end()
                        .strip_suffix('(')
                        .is_some_and(|l| l.trim_end().ends_with(short))
                        && text[o.end..].trim_start().starts_with(')')
                };
                // Only acronyms are taught this way, never the long form.
                let acronym = !short.contains(char::is_whitespace)
                    && short.chars().filter(|c| c.is_uppercase()).count() >= 2;
                acronym
                    && e.kind != EntityType::Person
                    && e.mentions
                        .iter()
                        .any(|o| o.text != short && (acr_after(o) || acr_before(o)))
            };
            prop_assert!(
                real || before_own_acronym() || defined_beside(&m.text),
                "mention {:?} of {} is none of its aliases",
                m.text,
                e.id
            );
        }
    }
    // An event names only entities of its record, and its trigger is in its sentence.
    let ids: std::collections::HashSet<&str> = r
        .entities
        .iter()
        .flat_map(|e| std::iter::once(e.id.as_str()).chain(e.candidates.iter().map(|c| c.as_str())))
        .collect();
    for ev in &r.events {
        for id in ev
            .agencies
            .iter()
            .chain(&ev.countries)
            .chain(&ev.people)
            .chain(&ev.gangs)
            .chain(&ev.actors)
            .chain(&ev.targets)
        {
            prop_assert!(
                ids.contains(id.as_str()),
                "event {} names {id}, no entity",
                ev.id
            );
        }
        prop_assert!(
            ev.sentence.start <= ev.trigger.start && ev.trigger.end <= ev.sentence.end,
            "event {}: trigger outside its sentence",
            ev.id
        );
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
    fn random_reports_keep_every_span_true(text in report_strategy()) {
        let doc = Document::from_text("prop.txt", text.clone());
        let r = PIPELINE.process(&doc);
        check_record(&text, &r)?;
    }

    #[test]
    fn random_event_reports_keep_every_span_true(text in event_strategy()) {
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
