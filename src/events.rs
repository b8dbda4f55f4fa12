//! Events: who did what to whom, when, where, how many, with modes, merging and codes.
//!
//! Input: the segmented text with languages, its folded form, the entities, dates, counts,
//! money and places already found, and what the gazetteer knows about the entities (their
//! country, whether a person is an official). Output: [`Event`]s in text order, ids `e1`…
//!
//! **Triggers.** Phrases per event type in each language's `events.toml`, matched in the
//! language of the sentence (folded, whole words, leftmost-longest). A trigger is dropped
//! when it lies inside an entity's name (except a meeting word inside an `org` name such as
//! "TCO Working Group"), when a `not_triggers` phrase hides it ("press conference",
//! "acuerdo de extradición"), when a `[not_after]` word right before it makes it a noun or
//! an attribute ("the accused", "el detenido", ", charged with"), when it is `[weak]` and no
//! `[context]` phrase of its type is in the sentence ("declare" needs "terrorist"), and when
//! a `setting` cue makes it the circumstance of another event ("during the third meeting",
//! "lors d'une opération"): such an event is no event of its own, but lends its date.
//!
//! **Arguments, per trigger.** A trigger owns the text from itself to the next trigger of the
//! sentence (the first also owns the text before it); triggers joined only by a conjunction
//! ("capture and handover") share their text; the text before the first trigger (the subject)
//! lends its actors to every trigger. `actors` are the agencies, countries and people that
//! act (for coercive types, people with no official role are targets), `targets` the gangs
//! and people acted upon, `place` the first place (places gazetteer) or country after a
//! locative preposition, `count` and `money` the first in the trigger's text. A type needs
//! its arguments: arrest a target, a count, a personal pronoun, an arresting agency or a
//! passive subject ("was arrested", "foi preso"); agreement two parties
//! (countries, or agencies and people of two countries) or a named instrument; every other
//! type at least one entity or count.
//!
//! **Date.** The first date in the trigger's text, else in the subject, else after the
//! trigger's text in the sentence (an anaphor, "this operation", keeps only its own) (dates after
//! `since`-words and the dateline are not event dates); else, when a setting cue links the
//! event to a meeting or operation, that event's date; else the date of the nearest
//! preceding meeting or operation of the same paragraph when no other dated event lies
//! between; else none. The reference date is never used silently.
//!
//! **Modes.** `[modes]` cues in the six words before the trigger make it negated,
//! hypothetical or future (in that order); a `call` cue earlier in the sentence ("called on",
//! "requests that") makes a designation a `call_to_designate` (asserted: the call happened)
//! and any other event future; a `reported` cue before the trigger, or after it in the last
//! clause (", a Justice Department official said"), makes an asserted event reported.
//! `section` is the section of the paragraph (teaser, boilerplate).
//!
//! **Merging.** A later mention merges into the latest earlier event with the same type,
//! section, mode and subtype when nothing conflicts: dates, counts and places differ not,
//! partner countries (agreements, meetings, training, information sharing) are not two
//! different sets, targets (coercive types) are not disjoint, and a person-only mention is
//! not a count-only one; a "similar" / "another" cue before the trigger never merges. The
//! merged event keeps every evidence sentence.
//!
//! **Confidence** (documented in the README): 0.5 for a strong trigger, 0.35 for a weak one;
//! +0.15 when actors were found, +0.1 targets or a count, +0.1 a date of its own sentence
//! (+0.05 an inherited one), +0.05 a place, +0.05 per further evidence sentence (at most
//! +0.1); times 0.9 when reported or hypothetical; clamped to [0, 0.95], two decimals.
//!
//! **Clusters.** [`Clusterer`] gives records of one run a shared `cluster` id for events of
//! the same type, compatible dates and the same participants, as records stream past.

use crate::fold::FoldedText;
use crate::languages::{self, LANGUAGES};
use crate::lexicon::{tokens_of, PhraseHit, PhraseSet};
use crate::model::{
    CountMention, DateMention, EntityRecord, EntityType, Event, EventCount, EventMoney, EventType,
    Lang, Mode, MoneyMention, PlaceMention, Precision, Quantity, Section, Span, SpanText, TextView,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct EventsTable {
    triggers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    weak: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    context: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    subtypes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    not_triggers: Vec<String>,
    #[serde(default)]
    not_after: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    cues: CuesTable,
    modes: ModesTable,
}

#[derive(Deserialize, Default)]
struct CuesTable {
    #[serde(default)]
    setting: Vec<String>,
    #[serde(default)]
    call: Vec<String>,
    #[serde(default)]
    similar: Vec<String>,
    #[serde(default)]
    since: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    locative: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    anaphor: Vec<String>,
}

#[derive(Deserialize)]
struct ModesTable {
    future: Vec<String>,
    hypothetical: Vec<String>,
    negated: Vec<String>,
    #[serde(default)]
    reported: Vec<String>,
}

/// Words before a trigger that are searched for mode cues.
const MODE_WINDOW_WORDS: usize = 6;
/// Words before a trigger that are searched for a "similar" cue.
const CUE_WINDOW_WORDS: usize = 4;
/// Words before a meeting or operation trigger that are searched for a setting cue (names
/// come between: "during the INTERPOL Heads of National Central Bureaus Conference").
const SETTING_WINDOW_WORDS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
struct Trigger {
    ty: EventType,
    weak: bool,
    subtype: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Setting,
    Call,
    Similar,
    Since,
    Conjunction,
    Pronoun,
    Locative,
    Passive,
    Anaphor,
}

#[derive(Debug)]
struct LanguageEvents {
    /// `None` marks a phrase that is no trigger; leftmost-longest lets it hide the trigger
    /// inside it.
    triggers: PhraseSet<Option<Trigger>>,
    modes: PhraseSet<Mode>,
    cues: PhraseSet<Cue>,
    context: PhraseSet<EventType>,
    not_after: HashMap<EventType, Vec<String>>,
}

/// What the pipeline knows about the entities of a document beyond the record.
#[derive(Debug, Default, Clone)]
pub struct EntityFacts {
    /// Entity id → ISO country code (a country's own code, an agency's or person's country).
    pub country_of: HashMap<String, String>,
    /// Person ids with an official role (they act; other people are acted upon).
    pub officials: HashSet<String>,
}

/// Everything [`EventExtractor::extract`] reads.
#[derive(Clone, Copy)]
pub struct EventInput<'a> {
    /// The segmented text.
    pub view: &'a TextView<'a>,
    /// Its folded form.
    pub folded: &'a FoldedText,
    /// Entities with mentions.
    pub entities: &'a [EntityRecord],
    /// Dates.
    pub dates: &'a [DateMention],
    /// Counts.
    pub counts: &'a [CountMention],
    /// Money.
    pub money: &'a [MoneyMention],
    /// Places (from the places gazetteer), in text order.
    pub places: &'a [PlaceMention],
    /// Facts about the entities.
    pub facts: &'a EntityFacts,
}

/// The event extractor, built once.
#[derive(Debug)]
pub struct EventExtractor {
    by_lang: HashMap<Lang, LanguageEvents>,
}

/// The document's items a sentence's triggers can take as arguments. Every argument lies in
/// the sentence (a trigger's text, its subject and the text after it all do), so the lists
/// are cut once per sentence instead of scanning the document's lists for every trigger.
struct SentenceItems<'a> {
    /// Entity mentions that touch the sentence (a superset of those inside it, so that a
    /// mention around a trigger is among them), with their entity, in entity order.
    mentions: Vec<(&'a EntityRecord, &'a SpanText)>,
    counts: Vec<&'a CountMention>,
    money: Vec<&'a MoneyMention>,
    /// Dates inside the sentence that can be event dates (no since-word date, no dateline).
    dates: Vec<&'a DateMention>,
}

/// One trigger kept in a sentence, before it becomes an event.
struct Kept<'a> {
    span: Span,
    folded_start: usize,
    folded_end: usize,
    trigger: &'a Trigger,
    setting: bool,
}

/// An event with what merging and dating need, before ids are given.
struct Draft<'a> {
    event: Event,
    paragraph: usize,
    /// The setting's type, when a setting cue links the event to another.
    setting: Option<EventType>,
    similar: bool,
    weak: bool,
    own_date: bool,
    /// Partner country codes, borrowed from [`EntityFacts::country_of`]; sorted and
    /// without repeats (a set, without a tree for the few codes an event has).
    partners: Vec<&'a str>,
}

impl EventExtractor {
    /// Build from the embedded language tables.
    pub fn new() -> Result<EventExtractor, String> {
        let mut by_lang = HashMap::default();
        for d in LANGUAGES {
            let t: EventsTable = languages::parse(d.lang, "events.toml", d.events)?;
            let where_ = |m: String| format!("src/languages/{}/events.toml: {m}", d.lang);
            let ty_of = |name: &str| {
                EventType::parse(name).ok_or_else(|| where_(format!("unknown event type {name:?}")))
            };
            let mut subtype_of: HashMap<String, String> = HashMap::default();
            for (sub, phrases) in &t.subtypes {
                for p in phrases {
                    subtype_of.insert(crate::fold::fold_str(p), sub.clone());
                }
            }
            let mut triggers: Vec<(String, Option<Trigger>)> = Vec::new();
            for (weak, table) in [(false, &t.triggers), (true, &t.weak)] {
                for (name, phrases) in table {
                    let ty = ty_of(name)?;
                    for p in phrases {
                        let subtype = subtype_of.get(&crate::fold::fold_str(p)).cloned();
                        triggers.push((p.clone(), Some(Trigger { ty, weak, subtype })));
                    }
                }
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
                .chain(t.modes.future.iter().map(|p| (p.clone(), Mode::Future)))
                .chain(t.modes.reported.iter().map(|p| (p.clone(), Mode::Reported)));
            let c = &t.cues;
            let cues = [
                (&c.setting, Cue::Setting),
                (&c.call, Cue::Call),
                (&c.similar, Cue::Similar),
                (&c.since, Cue::Since),
                (&c.conjunctions, Cue::Conjunction),
                (&c.pronouns, Cue::Pronoun),
                (&c.locative, Cue::Locative),
                (&c.passive, Cue::Passive),
                (&c.anaphor, Cue::Anaphor),
            ]
            .into_iter()
            .flat_map(|(list, cue)| list.iter().map(move |p| (p.clone(), cue)));
            let mut context = Vec::new();
            for (name, phrases) in &t.context {
                let ty = ty_of(name)?;
                context.extend(phrases.iter().map(|p| (p.clone(), ty)));
            }
            let mut not_after = HashMap::default();
            for (name, words) in &t.not_after {
                let ty = ty_of(name)?;
                not_after.insert(ty, words.iter().map(|w| crate::fold::fold_str(w)).collect());
            }
            by_lang.insert(
                d.lang,
                LanguageEvents {
                    triggers: PhraseSet::new(triggers).map_err(where_)?,
                    modes: PhraseSet::new(modes).map_err(where_)?,
                    cues: PhraseSet::new(cues).map_err(where_)?,
                    context: PhraseSet::new(context).map_err(where_)?,
                    not_after,
                },
            );
        }
        Ok(EventExtractor { by_lang })
    }

    /// Every event in the document.
    pub fn extract(&self, input: EventInput<'_>) -> Vec<Event> {
        let view = input.view;
        let folded = input.folded;
        let f = folded.as_str();
        let mut drafts: Vec<Draft> = Vec::new();
        // Per-sentence lists, kept across sentences so that their buffers are reused.
        let mut items = SentenceItems {
            mentions: Vec::new(),
            counts: Vec::new(),
            money: Vec::new(),
            dates: Vec::new(),
        };
        let mut bad_dates: Vec<usize> = Vec::new();
        let mut kept: Vec<Kept> = Vec::new();
        for sentence in view.sentences {
            let Some(tables) = sentence.lang.and_then(|l| self.by_lang.get(&l)) else {
                continue;
            };
            let fs = folded.folded_offset(sentence.span.start);
            let fe = folded.folded_offset(sentence.span.end);
            // The sentence's tokens, shared by the lists looked up in all of it.
            let toks = tokens_of(folded, fs..fe);
            let hits = tables.triggers.find_in(folded, &toks);
            if hits.iter().all(|h| h.payloads.iter().all(Option::is_none)) {
                continue;
            }
            // Context phrases are asked about for weak triggers only.
            let weak = hits
                .iter()
                .any(|h| h.payloads.iter().flatten().any(|t| t.weak));
            let context: HashSet<EventType> = if weak {
                tables
                    .context
                    .find_in(folded, &toks)
                    .iter()
                    .flat_map(|h| h.payloads.iter().copied())
                    .collect()
            } else {
                HashSet::default()
            };
            let sspan = sentence.span;
            // Entity mentions touching the sentence, in entity order: a trigger inside a name
            // is none, and the sentence's arguments are among them.
            items.mentions.clear();
            for e in input.entities {
                for m in &e.mentions {
                    if m.start <= sspan.end && m.end >= sspan.start {
                        items.mentions.push((e, m));
                    }
                }
            }
            kept.clear();
            for h in &hits {
                let in_name = |ty: EventType| {
                    items.mentions.iter().any(|(e, m)| {
                        !(e.kind == EntityType::Org && ty == EventType::Meeting)
                            && m.start <= h.span.start
                            && h.span.end <= m.end
                    })
                };
                for t in h.payloads.iter().flatten() {
                    if in_name(t.ty)
                        || (t.weak && !context.contains(&t.ty))
                        || not_after(tables, f, fs, h.folded_start, t.ty)
                    {
                        continue;
                    }
                    kept.push(Kept {
                        span: h.span,
                        folded_start: h.folded_start,
                        folded_end: h.folded_end,
                        trigger: t,
                        setting: false,
                    });
                }
            }
            if kept.is_empty() {
                continue;
            }
            // Cues and the sentence's items are looked up only in sentences that keep a trigger.
            let cues = tables.cues.find_in(folded, &toks);
            for k in &mut kept {
                k.setting = matches!(k.trigger.ty, EventType::Meeting | EventType::Operation)
                    && cue_before(
                        &cues,
                        f,
                        fs,
                        k.folded_start,
                        Cue::Setting,
                        SETTING_WINDOW_WORDS,
                    );
            }
            // Dates that are not event dates: after a since-word, or a dateline.
            items.dates.clear();
            items.dates.extend(
                input
                    .dates
                    .iter()
                    .filter(|d| sspan.start <= d.start && d.end <= sspan.end),
            );
            bad_dates.clear();
            for d in &items.dates {
                let dfs = folded.folded_offset(d.start);
                let since = cues.iter().any(|c| {
                    c.payloads.contains(&Cue::Since)
                        && c.folded_end <= dfs
                        && f[c.folded_end..dfs].trim().is_empty()
                });
                let para = &view.paragraphs[sentence.paragraph];
                if since || is_dateline(view.text, para.span.start, d.start) {
                    bad_dates.push(d.start);
                }
            }
            items.dates.retain(|d| !bad_dates.contains(&d.start));
            items.counts.clear();
            items.counts.extend(
                input
                    .counts
                    .iter()
                    .filter(|c| sspan.contains(Span::new(c.start, c.end))),
            );
            items.money.clear();
            items.money.extend(
                input
                    .money
                    .iter()
                    .filter(|m| sspan.contains(Span::new(m.start, m.end))),
            );
            // Places: the places gazetteer, then countries after a locative word ("in France").
            // Borrowed from the input; only a country found here is made (and the place an
            // event takes is copied).
            let mut places: Vec<Cow<PlaceMention>> = input
                .places
                .iter()
                .filter(|p| sspan.contains(Span::new(p.start, p.end)))
                .map(Cow::Borrowed)
                .collect();
            for &(e, m) in items
                .mentions
                .iter()
                .filter(|(e, m)| e.kind == EntityType::Country && sspan.contains(m.span()))
            {
                let mfs = folded.folded_offset(m.start);
                let locative = cues.iter().any(|c| {
                    c.payloads.contains(&Cue::Locative)
                        && c.folded_end <= mfs
                        && f[c.folded_end..mfs].trim().is_empty()
                });
                if locative {
                    places.push(Cow::Owned(PlaceMention {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        kind: "country".into(),
                        country: input
                            .facts
                            .country_of
                            .get(&e.id)
                            .cloned()
                            .unwrap_or_default(),
                        start: m.start,
                        end: m.end,
                        text: m.text.clone(),
                    }));
                }
            }
            places.sort_by_key(|p| p.start);
            let setting_type = kept.iter().find(|k| k.setting).map(|k| k.trigger.ty);
            // Windows: each trigger owns the text up to the next trigger; the first owns the
            // text before it; conjoined triggers ("capture and handover") share.
            let events_k: Vec<&Kept> = kept.iter().filter(|k| !k.setting).collect();
            let mut group_of: Vec<usize> = Vec::with_capacity(events_k.len());
            let mut group_start: Vec<usize> = Vec::new();
            for (i, k) in events_k.iter().enumerate() {
                let same = i > 0
                    && (events_k[i - 1].span.start == k.span.start
                        || joined(&cues, f, events_k[i - 1].folded_end, k.folded_start));
                if !same {
                    group_start.push(if group_start.is_empty() {
                        sentence.span.start
                    } else {
                        k.span.start
                    });
                }
                group_of.push(group_start.len() - 1);
            }
            let window_of = |i: usize| -> Span {
                let g = group_of[i];
                let end = group_start.get(g + 1).copied().unwrap_or(sentence.span.end);
                Span::new(group_start[g], end)
            };
            let subject = Span::new(
                sentence.span.start,
                events_k
                    .first()
                    .map(|k| k.span.start)
                    .unwrap_or(sentence.span.start),
            );
            let section = view.section_of(sentence);
            let mut in_sentence: Vec<Draft> = Vec::new();
            // Mode cues in the whole sentence, found for the first trigger that asks.
            let mut sentence_modes: Option<Vec<PhraseHit<'_, Mode>>> = None;
            for (i, k) in events_k.iter().enumerate() {
                let window = window_of(i);
                let ty = k.trigger.ty;
                let mut mode = mode_before(tables, folded, fs, k.folded_start);
                let called = cues
                    .iter()
                    .any(|c| c.folded_end <= k.folded_start && c.payloads.contains(&Cue::Call));
                let mut subtype = k
                    .trigger
                    .subtype
                    .clone()
                    .unwrap_or_else(|| ty.codes().0.to_string());
                if called {
                    if ty == EventType::Designation {
                        subtype = "call_to_designate".into();
                        mode = Mode::Asserted;
                    } else if mode == Mode::Asserted {
                        mode = Mode::Future;
                    }
                }
                if mode == Mode::Asserted
                    && reported(
                        sentence_modes.get_or_insert_with(|| tables.modes.find_in(folded, &toks)),
                        f,
                        fs,
                        fe,
                        k,
                    )
                {
                    mode = Mode::Reported;
                }
                // "this operation", "nesta operação": a mention of an event told before; it
                // keeps only a date of its own text.
                let anaphor = cues.iter().any(|c| {
                    c.payloads.contains(&Cue::Anaphor)
                        && c.folded_end <= k.folded_start
                        && f[c.folded_end..k.folded_start].trim().is_empty()
                });
                let mut args = Args::collect(
                    &input,
                    &items,
                    window,
                    subject,
                    ty,
                    sentence.span.end,
                    &places,
                );
                if anaphor
                    && args.date.as_ref().is_some_and(|d| {
                        !window.contains(Span::new(d.start, d.end))
                            || i > 0 && d.start < k.span.start
                    })
                {
                    args.date = None;
                }
                let pronoun = cues.iter().any(|c| {
                    c.payloads.contains(&Cue::Pronoun)
                        && window.contains(c.span)
                        && c.span.end <= sentence.span.end
                });
                let partners = partners(&input, &args);
                let instrument = matches!(
                    subtype.as_str(),
                    "memorandum" | "treaty" | "joint_declaration" | "letter_of_intent"
                );
                let enough = match ty {
                    EventType::Arrest => {
                        !args.targets.is_empty()
                            || args.count.is_some()
                            || pronoun
                            || !args.agencies.is_empty()
                            || cues.iter().any(|c| {
                                c.payloads.contains(&Cue::Passive)
                                    && c.folded_end <= k.folded_start
                                    && f[c.folded_end..k.folded_start].trim().is_empty()
                            })
                    }
                    EventType::Designation => !args.actors.is_empty(),
                    EventType::Agreement => partners.len() >= 2 || instrument,
                    _ => !args.is_empty() || pronoun,
                };
                if !enough {
                    continue;
                }
                let similar =
                    cue_before(&cues, f, fs, k.folded_start, Cue::Similar, CUE_WINDOW_WORDS);
                let date_precision = args.date.as_ref().map(|d| d.precision);
                let sentence_text = SpanText::new(view.text, sentence.span);
                let mut event = Event {
                    id: String::new(),
                    kind: ty,
                    mode,
                    section,
                    date: args.date.map(|d| d.value.clone()),
                    agencies: args.agencies,
                    countries: args.countries,
                    people: args.people,
                    gangs: args.gangs,
                    counts: args.counts,
                    evidence: vec![sentence_text.clone()],
                    sentence: sentence_text,
                    trigger: SpanText::new(view.text, k.span),
                    confidence: 0.0,
                    subtype,
                    cameo: String::new(),
                    plover: String::new(),
                    cluster: String::new(),
                    date_precision,
                    actors: args.actors,
                    targets: args.targets,
                    place: args.place,
                    count: args.count,
                    money: args.money,
                };
                set_codes(&mut event, partners.len());
                let draft = Draft {
                    own_date: event.date.is_some(),
                    event,
                    paragraph: sentence.paragraph,
                    setting: setting_type,
                    similar,
                    weak: k.trigger.weak,
                    partners,
                };
                // Two triggers of one type in a sentence are one event unless their
                // partners or objects differ.
                if let Some(same) = in_sentence
                    .iter_mut()
                    .find(|d| d.event.kind == ty && compatible(d, &draft))
                {
                    absorb(same, draft, false);
                } else {
                    in_sentence.push(draft);
                }
            }
            // An extradition's hand-over ("extraditado … y entregado") is the extradition.
            if in_sentence
                .iter()
                .any(|d| d.event.kind == EventType::Extradition)
            {
                in_sentence.retain(|d| d.event.kind != EventType::Transfer);
            }
            drafts.extend(in_sentence);
        }
        inherit_dates(&mut drafts, view);
        let mut merged: Vec<Draft> = Vec::new();
        for d in drafts {
            let target = merged
                .iter_mut()
                .rev()
                .find(|o| !d.similar && compatible(o, &d));
            match target {
                Some(o) => absorb(o, d, true),
                None => merged.push(d),
            }
        }
        merged
            .into_iter()
            .enumerate()
            .map(|(i, mut d)| {
                d.event.id = format!("e{}", i + 1);
                d.event.confidence = confidence(&d);
                d.event
            })
            .collect()
    }
}

/// The arguments found for one trigger.
#[derive(Default)]
struct Args<'a> {
    agencies: Vec<String>,
    countries: Vec<String>,
    people: Vec<String>,
    gangs: Vec<String>,
    actors: Vec<String>,
    targets: Vec<String>,
    counts: Vec<Quantity>,
    count: Option<EventCount>,
    money: Option<EventMoney>,
    place: Option<PlaceMention>,
    date: Option<&'a DateMention>,
}

fn push(v: &mut Vec<String>, id: &str) {
    if !v.iter().any(|x| x == id) {
        v.push(id.to_string());
    }
}

fn coercive(ty: EventType) -> bool {
    matches!(
        ty,
        EventType::Arrest
            | EventType::Charge
            | EventType::Extradition
            | EventType::Transfer
            | EventType::Designation
            | EventType::Conviction
            | EventType::Sentence
            | EventType::Seizure
            | EventType::Operation
    )
}

impl<'a> Args<'a> {
    /// The arguments of a trigger owning `window`, with `subject` before the sentence's first
    /// trigger, from the items of its sentence.
    #[allow(clippy::too_many_arguments)]
    fn collect(
        input: &EventInput<'_>,
        items: &SentenceItems<'a>,
        window: Span,
        subject: Span,
        ty: EventType,
        sentence_end: usize,
        places: &[Cow<PlaceMention>],
    ) -> Args<'a> {
        let mut a = Args::default();
        let in_window = |s: Span| window.contains(s);
        let in_subject = |s: Span| subject.contains(s) && !subject.is_empty();
        // The mentions come grouped by entity, in entity order.
        for group in items.mentions.chunk_by(|x, y| std::ptr::eq(x.0, y.0)) {
            let e = group[0].0;
            let own = group.iter().any(|(_, m)| in_window(m.span()));
            let subj = group.iter().any(|(_, m)| in_subject(m.span()));
            if !own && !subj {
                continue;
            }
            match e.kind {
                EntityType::Agency => {
                    push(&mut a.agencies, &e.id);
                    push(&mut a.actors, &e.id);
                }
                EntityType::Country => {
                    push(&mut a.countries, &e.id);
                    push(&mut a.actors, &e.id);
                }
                EntityType::Person => {
                    push(&mut a.people, &e.id);
                    if coercive(ty) && !input.facts.officials.contains(&e.id) {
                        if own {
                            push(&mut a.targets, &e.id);
                        }
                    } else {
                        push(&mut a.actors, &e.id);
                    }
                }
                EntityType::Gang => {
                    if own {
                        push(&mut a.gangs, &e.id);
                        push(&mut a.targets, &e.id);
                    }
                }
                EntityType::Org => {}
            }
        }
        if coercive(ty) && a.targets.is_empty() {
            for id in &a.people {
                if !input.facts.officials.contains(id) {
                    a.targets.push(id.clone());
                    a.actors.retain(|x| x != id);
                }
            }
        }
        let owned = |s: Span| in_window(s) || (window.start > subject.end && in_subject(s));
        for c in &items.counts {
            let s = Span::new(c.start, c.end);
            if in_window(s) {
                a.counts.push(c.value);
                if a.count.is_none() && owned(s) {
                    a.count = Some(EventCount {
                        value: c.value,
                        what: c.what.clone(),
                        start: c.start,
                        end: c.end,
                    });
                }
            }
        }
        if let Some(m) = items
            .money
            .iter()
            .find(|m| in_window(Span::new(m.start, m.end)))
        {
            a.money = Some(EventMoney {
                value: m.value,
                value_max: m.value_max,
                currency: m.currency.clone(),
                start: m.start,
                end: m.end,
            });
        }
        a.place = places
            .iter()
            .find(|p| in_window(Span::new(p.start, p.end)))
            .or_else(|| places.first())
            .map(|p| PlaceMention::clone(p));
        a.date = items
            .dates
            .iter()
            .find(|d| in_window(Span::new(d.start, d.end)))
            .or_else(|| {
                items
                    .dates
                    .iter()
                    .find(|d| in_subject(Span::new(d.start, d.end)))
            })
            .or_else(|| {
                // A date after the trigger's text, in the same sentence ("condenou … em 2024").
                items
                    .dates
                    .iter()
                    .find(|d| d.start >= window.end && d.end <= sentence_end)
            })
            .copied();
        a
    }

    fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.targets.is_empty()
            && self.counts.is_empty()
            && self.money.is_none()
            && self.place.is_none()
    }
}

/// The countries taking part: countries named, and the countries of agencies and people.
fn partners<'a>(input: &EventInput<'a>, a: &Args) -> Vec<&'a str> {
    let mut codes: Vec<&str> = a
        .actors
        .iter()
        .filter_map(|id| input.facts.country_of.get(id).map(String::as_str))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// True when every code of the sorted set `a` is in the sorted set `b`.
fn subset(a: &[&str], b: &[&str]) -> bool {
    a.iter().all(|x| b.binary_search(x).is_ok())
}

/// CAMEO and PLOVER codes of the event's type; a joint operation (or one with `partners`
/// partner countries, two or more) is cooperation.
fn set_codes(e: &mut Event, partners: usize) {
    let (_, cameo, plover) = e.kind.codes();
    e.cameo = cameo.to_string();
    e.plover = plover.to_string();
    if e.kind == EventType::Operation && (e.subtype == "joint_operation" || partners >= 2) {
        e.cameo = "060".into();
        e.plover = "COOPERATE".into();
    }
}

/// True when nothing about `d` contradicts `o` being the same event.
fn compatible(o: &Draft, d: &Draft) -> bool {
    let (a, b) = (&o.event, &d.event);
    let same_sentence = a.sentence.start == b.sentence.start;
    // Within a sentence the verb's mode covers its object ("no firmaron … el acuerdo").
    // An attributed account of an event ("según…") is still the event told elsewhere.
    let happened = |m: Mode| matches!(m, Mode::Asserted | Mode::Reported);
    let modes_agree = a.mode == b.mode || (happened(a.mode) && happened(b.mode));
    if a.kind != b.kind || a.section != b.section || (!modes_agree && !same_sentence) {
        return false;
    }
    // Subtypes: the same, or one of them the type's own; a call to designate is never a
    // designation; within one sentence, subtypes do not matter ("signed a Memorandum").
    let generic = a.kind.codes().0;
    let call = |e: &Event| e.subtype == "call_to_designate";
    if call(a) != call(b)
        || (a.subtype != b.subtype
            && a.subtype != generic
            && b.subtype != generic
            && !same_sentence)
    {
        return false;
    }
    let differ = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => !(x.starts_with(y.as_str()) || y.starts_with(x.as_str())),
        _ => false,
    };
    if differ(&a.date, &b.date) {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.count, &b.count) {
        if x.value != y.value {
            return false;
        }
    }
    if coercive(a.kind) {
        let (ta, tb) = (&a.targets, &b.targets);
        if !ta.is_empty() && !tb.is_empty() && !ta.iter().any(|t| tb.contains(t)) {
            return false;
        }
        let person_only = |e: &Event| !e.people.is_empty() && e.count.is_none();
        let count_only = |e: &Event| e.targets.is_empty() && e.count.is_some();
        if (person_only(a) && count_only(b)) || (count_only(a) && person_only(b)) {
            return false;
        }
    } else {
        let (pa, pb) = (&o.partners, &d.partners);
        if !pa.is_empty() && !pb.is_empty() && !subset(pa, pb) && !subset(pb, pa) {
            return false;
        }
    }
    true
}

/// Merge `d` into `o`.
fn absorb<'a>(o: &mut Draft<'a>, d: Draft<'a>, new_sentence: bool) {
    let (a, b) = (&mut o.event, d.event);
    if (a.date.is_none() || (!o.own_date && d.own_date)) && b.date.is_some() {
        a.date = b.date;
        a.date_precision = b.date_precision;
        o.own_date = d.own_date;
    }
    for (into, from) in [
        (&mut a.agencies, &b.agencies),
        (&mut a.countries, &b.countries),
        (&mut a.people, &b.people),
        (&mut a.gangs, &b.gangs),
        (&mut a.actors, &b.actors),
        (&mut a.targets, &b.targets),
    ] {
        for id in from {
            push(into, id);
        }
    }
    if a.counts.is_empty() {
        a.counts = b.counts;
    }
    if a.count.is_none() {
        a.count = b.count;
    }
    if a.money.is_none() {
        a.money = b.money;
    }
    if a.place.is_none() {
        a.place = b.place;
    }
    if new_sentence && !a.evidence.iter().any(|s| s.start == b.sentence.start) {
        a.evidence.push(b.sentence);
    }
    if a.subtype == a.kind.codes().0 {
        a.subtype = b.subtype;
    }
    if a.mode == Mode::Asserted {
        a.mode = b.mode;
    }
    o.partners.extend(d.partners);
    o.partners.sort_unstable();
    o.partners.dedup();
    o.weak &= d.weak;
    if o.setting.is_none() {
        o.setting = d.setting;
    }
    set_codes(a, o.partners.len());
}

/// Dates from a setting ("during the meeting") or from the meeting or operation that
/// precedes the event in its paragraph.
fn inherit_dates(drafts: &mut [Draft], view: &TextView<'_>) {
    let container = |t: EventType| matches!(t, EventType::Meeting | EventType::Operation);
    for i in 0..drafts.len() {
        if drafts[i].event.date.is_some() || drafts[i].event.section != Section::Body {
            continue;
        }
        let mut found: Option<(String, Option<Precision>)> = None;
        if let Some(st) = drafts[i].setting {
            let dated = |d: &Draft| d.event.kind == st && d.own_date;
            found = drafts[..i]
                .iter()
                .rev()
                .find(|d| dated(d))
                .or_else(|| drafts[i + 1..].iter().find(|d| dated(d)))
                .map(|d| {
                    (
                        d.event.date.clone().unwrap_or_default(),
                        d.event.date_precision,
                    )
                });
        }
        if found.is_none() {
            let para = drafts[i].paragraph;
            let prev = drafts[..i]
                .iter()
                .rev()
                .take_while(|d| d.paragraph == para)
                .find(|d| d.own_date && d.event.sentence.start < drafts[i].event.sentence.start);
            if let Some(p) = prev {
                if container(p.event.kind) {
                    found = Some((
                        p.event.date.clone().unwrap_or_default(),
                        p.event.date_precision,
                    ));
                }
            }
        }
        if let Some((date, precision)) = found {
            let _ = view;
            drafts[i].event.date = Some(date);
            drafts[i].event.date_precision = precision;
        }
    }
}

fn confidence(d: &Draft) -> f64 {
    let e = &d.event;
    let mut c: f64 = if d.weak { 0.35 } else { 0.5 };
    if !e.actors.is_empty() {
        c += 0.15;
    }
    if !e.targets.is_empty() || e.count.is_some() {
        c += 0.1;
    }
    if e.date.is_some() {
        c += if d.own_date { 0.1 } else { 0.05 };
    }
    if e.place.is_some() {
        c += 0.05;
    }
    c += (0.05 * (e.evidence.len().saturating_sub(1)) as f64).min(0.1);
    if matches!(e.mode, Mode::Reported | Mode::Hypothetical) {
        c *= 0.9;
    }
    (c.clamp(0.0, 0.95) * 100.0).round() / 100.0
}

/// A date in a dateline ("CIUDAD DE MÉXICO, 14 de marzo de 2025.–", "PARIS, le 4 février"):
/// the publication date, not an event's.
fn is_dateline(text: &str, paragraph_start: usize, date_start: usize) -> bool {
    let Some(prefix) = text.get(paragraph_start..date_start) else {
        return false;
    };
    let first = prefix.split([',', ' ']).next().unwrap_or("");
    prefix.len() <= 40
        && prefix.contains(',')
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !first.chars().any(|c| c.is_lowercase())
}

/// The folded start of the window of `words` words before `at` within the sentence, stopping
/// at clause punctuation.
fn window_start(f: &str, sentence_start: usize, at: usize, words: usize) -> usize {
    let mut start = at;
    let mut n = 0;
    for (i, c) in f[sentence_start..at].char_indices().rev() {
        if c == ' ' {
            n += 1;
            if n > words {
                break;
            }
        }
        if matches!(c, ',' | ';' | ':' | '"' | '(' | ')' | '-') && sentence_start + i + 1 < at {
            break;
        }
        start = sentence_start + i;
    }
    start
}

fn cue_before(
    cues: &[crate::lexicon::PhraseHit<'_, Cue>],
    f: &str,
    sentence_start: usize,
    at: usize,
    which: Cue,
    words: usize,
) -> bool {
    let start = window_start(f, sentence_start, at, words);
    cues.iter()
        .any(|c| c.folded_start >= start && c.folded_end <= at && c.payloads.contains(&which))
}

/// True when only white space, punctuation and a conjunction lie between two folded offsets.
fn joined(cues: &[crate::lexicon::PhraseHit<'_, Cue>], f: &str, from: usize, to: usize) -> bool {
    if from > to {
        return false;
    }
    let gap = f[from..to].trim();
    if gap.is_empty() || gap == "," {
        return true;
    }
    cues.iter().any(|c| {
        c.payloads.contains(&Cue::Conjunction)
            && c.folded_start >= from
            && c.folded_end <= to
            && f[from..c.folded_start].trim().is_empty()
            && f[c.folded_end..to].trim().is_empty()
    })
}

/// True when a `[not_after]` word of the type stands right before the trigger.
fn not_after(t: &LanguageEvents, f: &str, sentence_start: usize, at: usize, ty: EventType) -> bool {
    let Some(words) = t.not_after.get(&ty) else {
        return false;
    };
    let before = f[sentence_start..at].trim_end();
    words.iter().any(|w| {
        before.ends_with(w.as_str()) && {
            let cut = before.len() - w.len();
            w == ","
                || !before[..cut]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
        }
    })
}

/// The mode given by cue words in the few words before a trigger (within its sentence).
fn mode_before(
    tables: &LanguageEvents,
    folded: &FoldedText,
    sentence_start: usize,
    trigger_start: usize,
) -> Mode {
    let start = window_start(
        folded.as_str(),
        sentence_start,
        trigger_start,
        MODE_WINDOW_WORDS,
    );
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

/// A reporting cue among the sentence's mode cues `modes` before the trigger, or after it in
/// the sentence's last clause.
fn reported(modes: &[PhraseHit<'_, Mode>], f: &str, fs: usize, fe: usize, k: &Kept<'_>) -> bool {
    let last_comma = f[fs..fe].rfind(',').map(|i| fs + i).unwrap_or(fe);
    modes.iter().any(|h| {
        h.payloads.contains(&Mode::Reported)
            && (h.folded_end <= k.folded_start
                || (h.folded_start > last_comma && last_comma > k.folded_end))
    })
}

/// A 64-bit hash of an event type and its sorted participants. A hash instead of the id
/// strings keeps the clusterer small over an archive of millions of events; two different
/// keys collide with odds of about n²/2⁶⁵ (n = distinct keys: 10⁻⁷ at two million), and a
/// collision only joins two clusters.
type ClusterKey = u64;

/// The date a cluster is keyed on: the start of an event's date value, at most a day
/// (`2025-03-04`, `2025-03`, `XXXX-02-13`), packed in place instead of a heap string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ClusterDate {
    bytes: [u8; 10],
    len: u8,
}

impl ClusterDate {
    /// The start of `value` ("2025-06-12/2025-06-14" → 2025-06-12); none for an open start
    /// ("../2017") or anything shorter than a year.
    fn of(value: &str) -> Option<ClusterDate> {
        let start = value.split('/').next().unwrap_or("");
        let start = &start.as_bytes()[..start.len().min(10)];
        if start.len() < 4 {
            return None;
        }
        let mut bytes = [0; 10];
        bytes[..start.len()].copy_from_slice(start);
        Some(ClusterDate {
            bytes,
            len: start.len() as u8,
        })
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// One cluster of a key: its date and id (16 bytes).
type ClusterSlot = (Option<ClusterDate>, u32);

/// Gives records of one run a shared cluster id for events of the same real-world event:
/// the same type, compatible dates and the same participants (targets when there are any,
/// else partner countries and actors). Ids are `c1`, `c2`… in input order, so the result
/// does not depend on threads. Memory grows with the number of distinct events (about 50
/// bytes each), not of records.
#[derive(Debug, Default)]
pub struct Clusterer {
    /// The first cluster of each key. Most keys never get a second, so the table holds 24
    /// bytes a key (measured at 1 GB of input: 2 million keys; the table's peak, while it
    /// grows, decides the run's peak memory).
    first: HashMap<ClusterKey, ClusterSlot>,
    /// The further clusters of a key (the same participants on other dates).
    more: HashMap<ClusterKey, Vec<ClusterSlot>>,
    next: u32,
}

impl Clusterer {
    /// A clusterer with no events seen.
    pub fn new() -> Clusterer {
        Clusterer::default()
    }

    /// Set `cluster` on every event of `events` (one record's events, in order).
    pub fn assign(&mut self, events: &mut [Event]) {
        for e in events {
            let who = if e.targets.is_empty() {
                &e.actors
            } else {
                &e.targets
            };
            let id = if who.is_empty() {
                self.fresh()
            } else {
                let key = cluster_key(e.kind, who);
                let date = e.date.as_deref().and_then(ClusterDate::of);
                let agrees = |(d, _): &&ClusterSlot| match (d, &date) {
                    (Some(a), Some(b)) => date_prefix_match(a.as_bytes(), b.as_bytes()),
                    _ => true,
                };
                match self.first.get(&key) {
                    None => {
                        let id = self.fresh();
                        self.first.insert(key, (date, id));
                        id
                    }
                    Some(first) => {
                        let more = self.more.get(&key).map_or(&[][..], Vec::as_slice);
                        match std::iter::once(first).chain(more).find(agrees) {
                            Some(&(_, id)) => id,
                            None => {
                                let id = self.fresh();
                                self.more.entry(key).or_default().push((date, id));
                                id
                            }
                        }
                    }
                }
            };
            e.cluster = format!("c{id}");
        }
    }

    fn fresh(&mut self) -> u32 {
        self.next += 1;
        self.next
    }
}

/// A hash of an event type and a participant list that ignores the list's order and repeats,
/// with fixed keys so that runs are repeatable.
fn cluster_key(kind: EventType, ids: &[String]) -> ClusterKey {
    use std::hash::{Hash, Hasher};
    let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    // SipHash with fixed keys: the same in every run, and strong against collisions.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    kind.hash(&mut h);
    sorted.hash(&mut h);
    h.finish()
}

/// Two ISO dates (with `X` for unknown digits) agree to the precision of the shorter.
fn date_prefix_match(a: &[u8], b: &[u8]) -> bool {
    let n = a.len().min(b.len());
    n >= 4
        && a.iter()
            .zip(b)
            .take(n)
            .all(|(&x, &y)| x == y || x == b'X' || y == b'X')
}
