//! Events: who did what, when, how many, sentence by sentence.
//!
//! Input: the segmented text with languages, its folded form, and the entities, dates and
//! counts already found. Output: [`Event`]s, in text order, ids `e1`, `e2`…
//!
//! - Triggers are phrases per event type in each language's `events.toml`, matched in the
//!   language of the sentence (folded, whole words, leftmost-longest). A sentence yields at
//!   most one event per type; its trigger is the first trigger of that type.
//! - An event needs at least one argument in its sentence: an entity or a count.
//! - Arguments are the entities, the first date and the counts inside the sentence.
//! - Mode: cue words from `[modes]` in the few words before the trigger make the event
//!   negated, hypothetical or future (checked in that order).
//! - Section: the section of the sentence's paragraph (teasers report other stories).
//! - A trigger inside an entity's name ("Training" in "Office of Overseas Prosecutorial
//!   Development, Assistance and Training") is no trigger, and `not_triggers` phrases ("press
//!   conference") hide the trigger words inside them.
//! - Within a document, later mentions of an event merge into the first: same type, section
//!   and mode, compatible dates and counts, and a shared actor or no one new.
//! - Confidence: 0.4, plus 0.15 for each kind of argument found (entities other than
//!   countries, countries, a date, a count), less 0.1 when the mode is not asserted; in
//!   [0, 0.95].

use crate::fold::FoldedText;
use crate::languages::{self, LANGUAGES};
use crate::lexicon::PhraseSet;
use crate::model::{
    CountMention, DateMention, EntityRecord, EntityType, Event, EventType, Lang, Mode, Quantity,
    SpanText, TextView,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize)]
struct EventsTable {
    triggers: BTreeMap<String, Vec<String>>,
    /// Phrases that contain a trigger but are no event ("press conference").
    #[serde(default)]
    not_triggers: Vec<String>,
    modes: ModesTable,
}

#[derive(Deserialize)]
struct ModesTable {
    future: Vec<String>,
    hypothetical: Vec<String>,
    negated: Vec<String>,
}

/// Words before a trigger that are searched for mode cues.
const MODE_WINDOW_WORDS: usize = 4;

#[derive(Debug)]
struct LanguageEvents {
    /// `None` marks a phrase that is no trigger; leftmost-longest lets it hide the trigger
    /// inside it.
    triggers: PhraseSet<Option<EventType>>,
    modes: PhraseSet<Mode>,
}

/// The event extractor, built once.
#[derive(Debug)]
pub struct EventExtractor {
    by_lang: HashMap<Lang, LanguageEvents>,
}

impl EventExtractor {
    /// Build from the embedded language tables.
    pub fn new() -> Result<EventExtractor, String> {
        let mut by_lang = HashMap::new();
        for d in LANGUAGES {
            let t: EventsTable = languages::parse(d.lang, "events.toml", d.events)?;
            let mut triggers = Vec::new();
            for (name, phrases) in &t.triggers {
                let ty = EventType::parse(name).ok_or_else(|| {
                    format!(
                        "src/languages/{}/events.toml: unknown event type {name:?}",
                        d.lang
                    )
                })?;
                triggers.extend(phrases.iter().map(|p| (p.clone(), Some(ty))));
            }
            triggers.extend(t.not_triggers.iter().map(|p| (p.clone(), None)));
            let modes = t
                .modes
                .negated
                .iter()
                .map(|p| (p.clone(), Mode::Negated))
                .chain(
                    t.modes
                        .hypothetical
                        .iter()
                        .map(|p| (p.clone(), Mode::Hypothetical)),
                )
                .chain(t.modes.future.iter().map(|p| (p.clone(), Mode::Future)));
            by_lang.insert(
                d.lang,
                LanguageEvents {
                    triggers: PhraseSet::new(triggers)?,
                    modes: PhraseSet::new(modes)?,
                },
            );
        }
        Ok(EventExtractor { by_lang })
    }

    /// Every event in the document.
    pub fn extract(
        &self,
        view: &TextView,
        folded: &FoldedText,
        entities: &[EntityRecord],
        dates: &[DateMention],
        counts: &[CountMention],
    ) -> Vec<Event> {
        let mut events: Vec<Event> = Vec::new();
        for sentence in view.sentences {
            let Some(tables) = sentence.lang.and_then(|l| self.by_lang.get(&l)) else {
                continue;
            };
            let fs = folded.folded_offset(sentence.span.start);
            let fe = folded.folded_offset(sentence.span.end);
            let hits = tables.triggers.find(folded, fs..fe);
            if hits.is_empty() {
                continue;
            }
            let inside =
                |start: usize, end: usize| sentence.span.start <= start && end <= sentence.span.end;
            let mut by_type: BTreeMap<EventType, Vec<String>> = BTreeMap::new();
            let mut args: [Vec<String>; 4] = Default::default();
            for e in entities {
                if e.mentions.iter().any(|m| inside(m.start, m.end)) {
                    let slot = match e.kind {
                        EntityType::Agency => 0,
                        EntityType::Country => 1,
                        EntityType::Person => 2,
                        EntityType::Gang => 3,
                        EntityType::Org => continue,
                    };
                    args[slot].push(e.id.clone());
                }
            }
            by_type.clear();
            let date = dates
                .iter()
                .find(|d| inside(d.start, d.end))
                .map(|d| d.value.clone());
            let sentence_counts: Vec<Quantity> = counts
                .iter()
                .filter(|c| inside(c.start, c.end))
                .map(|c| c.value)
                .collect();
            let has_args = args.iter().any(|a| !a.is_empty()) || !sentence_counts.is_empty();
            if !has_args {
                continue;
            }
            let mut seen: Vec<EventType> = Vec::new();
            for h in &hits {
                // A trigger word inside a name ("Training" in OPDAT's name) is no trigger.
                let in_name = entities.iter().any(|e| {
                    e.mentions
                        .iter()
                        .any(|m| m.start <= h.span.start && h.span.end <= m.end)
                });
                if in_name {
                    continue;
                }
                for &ty in h.payloads.iter().flatten() {
                    if seen.contains(&ty) {
                        continue;
                    }
                    seen.push(ty);
                    let mode = mode_before(tables, folded, fs, h.folded_start);
                    let [agencies, countries, people, gangs] = args.clone();
                    let mut confidence = 0.4;
                    for present in [
                        !agencies.is_empty() || !people.is_empty() || !gangs.is_empty(),
                        !countries.is_empty(),
                        date.is_some(),
                        !sentence_counts.is_empty(),
                    ] {
                        if present {
                            confidence += 0.15;
                        }
                    }
                    if mode != Mode::Asserted {
                        confidence -= 0.1;
                    }
                    events.push(Event {
                        id: String::new(),
                        kind: ty,
                        mode,
                        section: view.section_of(sentence),
                        date: date.clone(),
                        agencies,
                        countries,
                        people,
                        gangs,
                        counts: sentence_counts.clone(),
                        sentence: SpanText::new(view.text, sentence.span),
                        trigger: SpanText::new(view.text, h.span),
                        confidence: (confidence_f(confidence) * 100.0).round() / 100.0,
                    });
                }
            }
        }
        let mut merged = merge(events);
        for (i, e) in merged.iter_mut().enumerate() {
            e.id = format!("e{}", i + 1);
        }
        merged
    }
}

fn confidence_f(x: f64) -> f64 {
    x.clamp(0.0, 0.95)
}

/// The mode given by cue words in the few words before a trigger (within its sentence).
fn mode_before(
    tables: &LanguageEvents,
    folded: &FoldedText,
    sentence_start: usize,
    trigger_start: usize,
) -> Mode {
    let f = folded.as_str();
    let mut start = trigger_start;
    let mut words = 0;
    for (i, c) in f[sentence_start..trigger_start].char_indices().rev() {
        if c == ' ' {
            words += 1;
            if words > MODE_WINDOW_WORDS {
                break;
            }
        }
        if matches!(c, ',' | ';' | ':' | '"' | '(' | ')') {
            break;
        }
        start = sentence_start + i;
    }
    let mut found: Vec<Mode> = Vec::new();
    for h in tables.modes.find(folded, start..trigger_start) {
        found.extend(h.payloads.iter().copied());
    }
    for m in [Mode::Negated, Mode::Hypothetical, Mode::Future] {
        if found.contains(&m) {
            return m;
        }
    }
    Mode::Asserted
}

/// Merge mentions of one event: same type, section and mode, compatible dates and counts,
/// and the later one names no one new, or shares a named actor (agency, person, gang) with
/// the first.
fn merge(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let actors = |x: &Event| -> Vec<String> {
            x.agencies
                .iter()
                .chain(&x.people)
                .chain(&x.gangs)
                .cloned()
                .collect()
        };
        let same = out.iter_mut().find(|o| {
            let (oa, ea) = (actors(o), actors(&e));
            let shares_actor = ea.iter().any(|a| oa.contains(a));
            let adds_no_one = ea.iter().all(|a| oa.contains(a))
                && e.countries.iter().all(|c| o.countries.contains(c));
            o.kind == e.kind
                && o.section == e.section
                && o.mode == e.mode
                && (o.date.is_none() || e.date.is_none() || o.date == e.date)
                && (o.counts.is_empty() || e.counts.is_empty() || o.counts == e.counts)
                && (shares_actor || adds_no_one)
        });
        match same {
            Some(o) => {
                if o.date.is_none() {
                    o.date = e.date;
                }
                for (into, from) in [
                    (&mut o.agencies, &e.agencies),
                    (&mut o.countries, &e.countries),
                    (&mut o.people, &e.people),
                    (&mut o.gangs, &e.gangs),
                ] {
                    for id in from {
                        if !into.contains(id) {
                            into.push(id.clone());
                        }
                    }
                }
                if o.counts.is_empty() {
                    o.counts = e.counts;
                }
            }
            None => out.push(e),
        }
    }
    out
}
