//! Names no gazetteer lists: people, agencies and criminal groups found by cues in the text.
//!
//! Runs after the gazetteer pass and the learner ([`super::learn`]), on the body sentences of
//! a document (teasers, boilerplate and headlines are skipped). Input: the segmented text and
//! the entities found so far. Output: new [`EntityRecord`]s with `source: "pattern"`, an id
//! `pattern:<type>:<slug>`, the cue that found them and a confidence.
//!
//! What it finds:
//! - people: two to six capitalized words (with particles such as "de la", "van", "bin",
//!   hyphens, accents and initials) introduced by a title or role ("el fiscal especializado",
//!   "Attorney General"), a description ("identificado como"), followed by an age
//!   ("Juan Pérez, 45,") or a nickname in quotes ("alias “El Flaco”", « Magrão »), or
//!   starting with a given name from the per-language lists (generated from Faker's name
//!   data, see `src/languages/tools/gen_given_names.py`). A nickname becomes a mention of the
//!   person it follows;
//! - agencies: a capitalized phrase built on an institution head noun ("Fiscalía",
//!   "Polícia", "Direction"; in English "… Office", "… Department") with its complements,
//!   and a document-local org (see the learner) whose head is such a noun;
//! - criminal groups: a gang head noun with its complement ("Cártel del Noreste", "Clan
//!   Úsuga"), "the X cartel", and a name in quotes or starting with an article after a gang cue
//!   ("la banda “Los Rastrojos”", "la facción Los Chapitos").
//!
//! What it does not do: it never overlaps a non-country mention already found, never takes a
//! month, a weekday, a sentence-initial capital, a place from the lists, a nationality or an
//! institution word for a person, and never says who a person is: that is a reviewer's job
//! (`trawl gazetteer suggest`). Every cue word is data in `src/languages/<code>/names.toml`.

use super::Gazetteer;
use crate::fold::{char_at, fold_str, slug, FoldedText};
use crate::languages::{self, LANGUAGES};
use crate::lexicon::{ByteClass, PhraseSet};
use crate::model::{
    EntityRecord, EntitySource, EntityType, Lang, Section, Span, SpanText, TextView,
};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
use serde::Deserialize;
use std::hash::Hasher;
use std::sync::LazyLock;

/// The lists of one `names.toml`.
#[derive(Deserialize)]
struct NameLists {
    person_titles: Vec<String>,
    person_intros: Vec<String>,
    nickname_cues: Vec<String>,
    bare_nickname_cues: Vec<String>,
    age_units: Vec<String>,
    name_particles: Vec<String>,
    place_prepositions: Vec<String>,
    agency_heads: Vec<String>,
    agency_heads_final: Vec<String>,
    agency_connectors: Vec<String>,
    gang_heads: Vec<String>,
    gang_heads_final: Vec<String>,
    gang_cues: Vec<String>,
    gang_articles: Vec<String>,
    institution_words: Vec<String>,
    calendar_words: Vec<String>,
    not_name_words: Vec<String>,
    demonyms: Vec<String>,
    places: Vec<String>,
}

/// Confidence of each kind of cue; two kinds together give [`BOTH`].
const TITLE: f64 = 0.8;
const AGE: f64 = 0.85;
const NICKNAME: f64 = 0.85;
const GIVEN_NAME: f64 = 0.6;
const BOTH: f64 = 0.95;
const HEAD: f64 = 0.75;
const GANG_CUE: f64 = 0.7;

/// Head nouns of one language: "police" heads a French name, not an English one.
#[derive(Debug, Default)]
struct Heads {
    agency: WordSet,
    agency_final: WordSet,
    agency_connectors: HashSet<String>,
    gang: WordSet,
    gang_final: WordSet,
}

/// What the pattern finder needs from the language tables, built once.
#[derive(Debug)]
pub struct PatternFinder {
    person_cues: Vec<(String, &'static str)>,
    /// The indexes in `person_cues` of the cues by their last word ([`last_word`]), in
    /// order: a cue ends a text on a word boundary only when the two end with the same word.
    cues_by_last_word: HashMap<String, Vec<usize>>,
    /// The byte length of the longest cue.
    longest_cue: usize,
    particles: HashSet<String>,
    place_prepositions: HashSet<String>,
    /// Per language, and for sentences of no known language, every language's.
    heads: HashMap<Option<Lang>, Heads>,
    /// Every language's heads: a person's name holds none.
    all_heads: HashSet<String>,
    /// Head nouns written last are English word order; a sentence of another detected
    /// language ("Cárdenas Vela cartel" reads as Spanish) still uses them.
    all_final_heads: Heads,
    /// Every gazetteer name and alias, folded: such a name is the gazetteer's, resolved or not
    /// (a weak alias whose country the document does not name).
    known: HashSet<String>,
    gang_cues: PhraseSet<()>,
    gang_articles: HashSet<String>,
    not_name: WordSet,
    /// Months and weekdays: in no name of any kind.
    calendar: HashSet<String>,
    /// Words that are no part of a person's name but may stand before an institution's head.
    institution_words: HashSet<String>,
    demonyms: HashSet<String>,
    places: HashSet<String>,
    given_names: HashSet<String>,
    nickname_quoted: Regex,
    nickname_bare: Regex,
    quoted_after_gang_cue: Regex,
    age: Regex,
}

/// Folded, trimmed, without empties.
fn folded_set<'a>(items: impl IntoIterator<Item = &'a String>) -> HashSet<String> {
    items
        .into_iter()
        .map(|s| fold_str(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A set of folded words with a bit filter in front, looked up by a token's word hash
/// ([`Token::hash`]): most words of a text are in none of the finder's small sets (heads,
/// words that are no names), and one bit test rules them out before the set is probed. The
/// set is keyed by that hash too, so a token's word is not hashed again for the probe.
#[derive(Debug)]
struct WordSet {
    /// [`word_hash`] → the words with that hash (one, unless two collide).
    words: HashMap<u64, Vec<String>>,
    /// Bit `word_hash(w) >> 52` (of 4096) set for every word `w`.
    bits: Vec<u64>,
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet::of(HashSet::default())
    }
}

impl WordSet {
    fn of(words: HashSet<String>) -> WordSet {
        let mut set = WordSet {
            words: HashMap::default(),
            bits: vec![0; 64],
        };
        set.extend(words);
        set
    }

    fn extend(&mut self, words: impl IntoIterator<Item = String>) {
        for w in words {
            let hash = word_hash(&w);
            let bucket = (hash >> 52) as usize;
            self.bits[bucket / 64] |= 1 << (bucket % 64);
            let same = self.words.entry(hash).or_default();
            if !same.contains(&w) {
                same.push(w);
            }
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.lookup(word_hash(w), w)
    }

    /// True when `w`, whose [`word_hash`] is `hash`, is in the set.
    fn lookup(&self, hash: u64, w: &str) -> bool {
        self.words
            .get(&hash)
            .is_some_and(|same| same.iter().any(|x| x == w))
    }

    /// True when the token's folded word is in the set.
    fn has(&self, t: &Token) -> bool {
        let bucket = (t.hash >> 52) as usize;
        self.bits[bucket / 64] & (1 << (bucket % 64)) != 0 && self.lookup(t.hash, t.folded)
    }
}

/// The hash of a folded word for [`WordSet`]: Fx, with its top bits mixed by a multiply.
fn word_hash(w: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(w.as_bytes());
    h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// An alternation of literal phrases, longest first, spaces matching any white space.
fn alternation(phrases: &[String]) -> String {
    let mut v: Vec<&String> = phrases.iter().collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v.dedup();
    v.iter()
        .map(|p| regex::escape(p.trim()).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

impl PatternFinder {
    /// Build from every language's `names.toml` and `given_names.txt`; names of `gazetteer`
    /// are never pattern-found.
    pub fn new(gazetteer: &Gazetteer) -> Result<PatternFinder, String> {
        let mut all: Vec<NameLists> = Vec::new();
        let mut given_names = HashSet::default();
        let mut heads: HashMap<Option<Lang>, Heads> = HashMap::default();
        for d in LANGUAGES {
            let lists: NameLists = languages::parse(d.lang, "names.toml", d.names)?;
            for key in [Some(d.lang), None] {
                let h = heads.entry(key).or_default();
                h.agency.extend(folded_set(&lists.agency_heads));
                h.agency_final.extend(folded_set(&lists.agency_heads_final));
                h.agency_connectors
                    .extend(folded_set(&lists.agency_connectors));
                h.gang.extend(folded_set(&lists.gang_heads));
                h.gang_final.extend(folded_set(&lists.gang_heads_final));
            }
            all.push(lists);
            given_names.extend(
                d.given_names
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(fold_str),
            );
        }
        let cat = |f: fn(&NameLists) -> &Vec<String>| -> Vec<String> {
            all.iter().flat_map(|l| f(l).iter().cloned()).collect()
        };
        let mut person_cues: Vec<(String, &'static str)> = Vec::new();
        for t in cat(|l| &l.person_titles) {
            person_cues.push((fold_str(t.trim()), "title"));
        }
        for t in cat(|l| &l.person_intros) {
            person_cues.push((fold_str(t.trim()), "description"));
        }
        // Longest first, so "fiscal especializado" is reported rather than "fiscal".
        person_cues.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut cues_by_last_word: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, (p, _)) in person_cues.iter().enumerate() {
            cues_by_last_word
                .entry(last_word(p).to_string())
                .or_default()
                .push(k);
        }
        let nick = alternation(&cat(|l| &l.nickname_cues));
        let units = alternation(&cat(|l| &l.age_units));
        let bare = alternation(&cat(|l| &l.bare_nickname_cues));
        let articles = alternation(&cat(|l| &l.gang_articles));
        let particles = alternation(&cat(|l| &l.name_particles));
        let re = |s: String| Regex::new(&s).map_err(|e| format!("names.toml: {e}"));
        Ok(PatternFinder {
            longest_cue: person_cues.iter().map(|(p, _)| p.len()).max().unwrap_or(0),
            person_cues,
            cues_by_last_word,
            particles: folded_set(&cat(|l| &l.name_particles)),
            place_prepositions: folded_set(&cat(|l| &l.place_prepositions)),
            all_heads: [
                cat(|l| &l.agency_heads),
                cat(|l| &l.agency_heads_final),
                cat(|l| &l.gang_heads),
            ]
            .iter()
            .flat_map(folded_set)
            .collect(),
            heads,
            all_final_heads: Heads {
                agency_final: WordSet::of(folded_set(&cat(|l| &l.agency_heads_final))),
                gang_final: WordSet::of(folded_set(&cat(|l| &l.gang_heads_final))),
                ..Heads::default()
            },
            known: gazetteer
                .entities
                .iter()
                .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter().map(|a| &a.text)))
                .map(|a| fold_str(a.trim()))
                .collect(),
            gang_cues: PhraseSet::new(cat(|l| &l.gang_cues).into_iter().map(|c| (c, ())))?,
            gang_articles: folded_set(&cat(|l| &l.gang_articles)),
            not_name: WordSet::of(folded_set(
                &[cat(|l| &l.not_name_words), cat(|l| &l.calendar_words)].concat(),
            )),
            calendar: folded_set(&cat(|l| &l.calendar_words)),
            institution_words: folded_set(&cat(|l| &l.institution_words)),
            demonyms: folded_set(&cat(|l| &l.demonyms)),
            places: folded_set(&cat(|l| &l.places)),
            given_names,
            // ", alias “El Flaco”", " « Magrão »", ", o “Nenê”", ", known as “Cachete,”".
            nickname_quoted: re(format!(
                r#"^\s*,?\s*(?:(?i:{nick})\s+)?[“"«]\s*([^”"«»“\n]{{1,40}}?)[\s,.]*[”"»]"#
            ))?,
            // ", alias El Mayo".
            nickname_bare: re(format!(
                r"^\s*,?\s*(?i:{bare})\s+((?:(?i:{articles})\s+)?\p{{Lu}}[\p{{L}}\p{{M}}\-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}\-]*){{0,2}})"
            ))?,
            // After a gang cue: an optional "de"/"of" and article, then a name in quotes.
            quoted_after_gang_cue: re(format!(
                r#"^\s+(?:(?i:{particles})\s+)?(?:(?i:{articles})\s+)?[“"«]\s*([^”"«»“\n]{{2,40}}?)\s*[”"»]"#
            ))?,
            // ", 45,", ", de 45 años", ", 49 ans".
            age: re(format!(
                r"^,\s+(?:de\s+)?[1-9][0-9](?:\s*,|\s+(?i:{units})\b)"
            ))?,
        })
    }

    /// Add the entities the document's cues reveal to `entities`.
    pub fn extend(&self, view: &TextView, folded: &FoldedText, entities: &mut Vec<EntityRecord>) {
        let text = view.text;
        self.retype_document_agencies(entities);
        let mut found = Found::new(std::mem::take(entities));
        for (si, sentence) in view.sentences.iter().enumerate() {
            if view.section_of(sentence) != Section::Body || is_headline(view, si) {
                continue;
            }
            let toks = tokens(text, folded, sentence.span);
            let heads = self
                .heads
                .get(&sentence.lang)
                .or_else(|| self.heads.get(&None))
                .expect("the union of heads is always built");
            self.agencies(text, heads, &toks, &mut found);
            self.gangs(text, heads, folded, sentence.span, &toks, &mut found);
            self.people(text, sentence.span, &toks, &mut found);
        }
        *entities = found.entities;
        for e in entities.iter_mut() {
            e.mentions.sort_by_key(|m| (m.start, m.end));
            if e.source == EntitySource::Pattern && e.evidence.is_none() {
                let first = e.mentions.first().map(|m| m.start);
                e.evidence = first
                    .and_then(|at| view.sentence_at(at))
                    .map(|i| SpanText::new(text, view.sentences[i].span));
            }
        }
        entities.sort_by_key(|e| e.mentions.first().map(|m| m.start).unwrap_or(usize::MAX));
    }

    /// A document-local org named by an institution head ("Unidade Nacional de Combate ao
    /// Tráfico de Estupefacientes (UNCTE)") is an agency; by a gang head ("Cártel de Jalisco
    /// Nueva Generación (CJNG)" when no list has it), a gang.
    fn retype_document_agencies(&self, entities: &mut [EntityRecord]) {
        let heads = self
            .heads
            .get(&None)
            .expect("the union of heads is always built");
        for e in entities.iter_mut() {
            if e.source != EntitySource::Document
                || e.kind != EntityType::Org
                || self.known.contains(&fold_str(&e.name))
            {
                continue;
            }
            let words: Vec<String> = e.name.split_whitespace().map(fold_str).collect();
            // The head is the first word, or the second after a capitalized ordinal or
            // adjective ("Terceiro Comando do Litoral"), or the last (English order).
            let first = words
                .iter()
                .take(2)
                .find(|w| heads.gang.contains(w) || heads.agency.contains(w));
            let last = words.last();
            let kind = if first.is_some_and(|w| heads.gang.contains(w))
                || last.is_some_and(|w| heads.gang_final.contains(w))
            {
                EntityType::Gang
            } else if first.is_some() || last.is_some_and(|w| heads.agency_final.contains(w)) {
                EntityType::Agency
            } else {
                continue;
            };
            let head = first.or(last);
            e.cue = Some(format!(
                "head: {}; defined with an acronym",
                head.map_or("", String::as_str)
            ));
            e.confidence = Some(BOTH);
            e.kind = kind;
            e.source = EntitySource::Pattern;
            e.id = format!("pattern:{}:{}", kind.as_str(), slug(&e.name));
        }
    }

    fn agencies(&self, text: &str, heads: &Heads, toks: &[Token], found: &mut Found) {
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let f = t.folded();
            if !t.cap || !found.free(t.span) {
                i += 1;
                continue;
            }
            // An agency named around this head word.
            let add = |found: &mut Found, span: Span| {
                let cue = format!("head: {f}");
                add_agency(
                    found,
                    &self.known,
                    text,
                    span,
                    cue,
                    &heads.agency_connectors,
                )
            };
            // Head first ("Fiscalía Especializada en …").
            if heads.agency.has(t) {
                let end = self.complement(text, toks, i + 1, found, &heads.agency_connectors);
                let end = defined_end(text, toks, i, found, &heads.agency_connectors)
                    .map_or(end, |d| d.max(end));
                let start = self.modifiers_before(text, toks, i, found, false);
                if end > i + 1 {
                    let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                    add(found, span);
                    i = end;
                    continue;
                }
            }
            // Head last ("Treasury Department", "U.S. Attorney's Office for …").
            if self.all_final_heads.agency_final.has(t) && i > 0 {
                let start = self.modifiers_before(text, toks, i, found, f == "office");
                if start < i && toks[start].cap {
                    let end = self.complement(text, toks, i + 1, found, &heads.agency_connectors);
                    let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                    add(found, span);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Start of the capitalized words written before the head at `head` ("Treasury
    /// Department", "National Central Bureau"); a possessive joins only before "Office"
    /// ("Sheriff's Office"), since elsewhere it names the owner ("the Department's Division").
    fn modifiers_before(
        &self,
        text: &str,
        toks: &[Token],
        head: usize,
        found: &Found,
        possessive: bool,
    ) -> usize {
        let mut start = head;
        while start > 0 {
            let p = &toks[start - 1];
            let gap = &text[p.span.end..toks[start].span.start];
            let joined =
                gap == " " || (possessive && start == head && (gap == "'s " || gap == "’s "));
            let fine =
                (p.cap && !self.not_name_strict(p.folded())) || found.is_country_acronym(p.span);
            if !joined || !fine || !found.free(p.span) {
                break;
            }
            start -= 1;
        }
        start
    }

    /// End (exclusive) of the complement of a head ending before `from`: capitalized words,
    /// connectors between them, country names; stops before another mention.
    fn complement(
        &self,
        text: &str,
        toks: &[Token],
        from: usize,
        found: &Found,
        connectors: &HashSet<String>,
    ) -> usize {
        let mut end = from;
        let mut j = from;
        while j < toks.len() {
            if !spaced(text, &toks[j - 1], &toks[j]) {
                break;
            }
            if self.starts_person(text, toks, j) {
                break;
            }
            let content = (toks[j].cap && !self.calendar.contains(toks[j].folded()))
                || found.is_country_acronym(toks[j].span);
            if content && found.free(toks[j].span) {
                j += 1;
                end = j;
                continue;
            }
            // A connector of one or two words, then a capitalized word.
            let mut took = false;
            for n in [2, 1] {
                if j + n >= toks.len() {
                    continue;
                }
                let run = &toks[j..j + n];
                if run.iter().any(|t| t.cap) || run.windows(2).any(|w| !spaced(text, &w[0], &w[1]))
                {
                    continue;
                }
                let phrase = run.iter().map(|t| t.folded()).collect::<Vec<_>>().join(" ");
                let next = &toks[j + n];
                if connectors.contains(&phrase)
                    && spaced(text, &run[n - 1], next)
                    && next.cap
                    && found.free(next.span)
                    && !self.starts_person(text, toks, j + n)
                {
                    j += n;
                    took = true;
                    break;
                }
            }
            if !took {
                break;
            }
        }
        end
    }

    /// True when a person's name starts at token `j`: a given name followed by a capitalized
    /// word, or a title word followed by one ("… Unit and Ricardo Carriazo", "Bureau Ottawa
    /// Director Marie-Josee Homsy"): an institution's name stops there.
    fn starts_person(&self, text: &str, toks: &[Token], j: usize) -> bool {
        let given = |k: usize| {
            k + 1 < toks.len()
                && self.given_names.contains(toks[k].folded())
                && toks[k + 1].cap
                && spaced(text, &toks[k], &toks[k + 1])
        };
        let title = self.person_cues.iter().any(|(t, _)| *t == toks[j].folded());
        let capital_next =
            j + 1 < toks.len() && toks[j + 1].cap && spaced(text, &toks[j], &toks[j + 1]);
        given(j) || (title && capital_next)
    }

    /// Not a word of a person's name, but possibly of an institution's ("National",
    /// "Federal", "County" may come before a head noun; "The" may not).
    fn not_name_strict(&self, f: &str) -> bool {
        self.not_name.contains(f) && !self.institution_words.contains(f)
    }

    fn gangs(
        &self,
        text: &str,
        heads: &Heads,
        folded: &FoldedText,
        sentence: Span,
        toks: &[Token],
        found: &mut Found,
    ) {
        // Head first: "Cártel del Noreste", "Clan Úsuga".
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let f = t.folded();
            if t.cap && heads.gang.has(t) && found.free(t.span) {
                let end = self.complement(text, toks, i + 1, found, &self.particles);
                if end > i + 1 && !self.is_place_or_demonym(&toks[i + 1..end]) {
                    // "Primeiro Comando da Capital": capitalized words before the head too.
                    let start = self.modifiers_before(text, toks, i, found, false);
                    let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                    add(
                        found,
                        &self.known,
                        text,
                        EntityType::Gang,
                        span,
                        format!("head: {f}"),
                        HEAD,
                    );
                    i = end;
                    continue;
                }
            }
            // Head last, lower case: "the Gulf cartel".
            if !t.cap && self.all_final_heads.gang_final.has(t) && i > 0 {
                let mut start = i;
                while start > 0
                    && spaced(text, &toks[start - 1], &toks[start])
                    && toks[start - 1].cap
                    && !self.not_name.has(&toks[start - 1])
                    && found.free(toks[start - 1].span)
                {
                    start -= 1;
                }
                if start < i && !self.is_place_or_demonym(&toks[start..i]) {
                    let span = Span::new(toks[start].span.start, t.span.end);
                    add(
                        found,
                        &self.known,
                        text,
                        EntityType::Gang,
                        span,
                        format!("head: {f}"),
                        HEAD,
                    );
                }
            }
            i += 1;
        }
        // A name after a cue: "la banda “Los Rastrojos”", "la facción Los Chapitos".
        let range = folded.folded_offset(sentence.start)..folded.folded_offset(sentence.end);
        for hit in self.gang_cues.find(folded, range) {
            let after = &text[hit.span.end..sentence.end];
            let cue = fold_str(hit.span.of(text));
            if let Some(c) = self.quoted_after_gang_cue.captures(after) {
                let g = c.get(1).expect("group 1");
                let name = g.as_str().trim_end_matches([',', '.', ' ']);
                if name.chars().any(char::is_uppercase) {
                    let start = hit.span.end + g.start();
                    let span = Span::new(start, start + name.len());
                    add(
                        found,
                        &self.known,
                        text,
                        EntityType::Gang,
                        span,
                        format!("gang cue: {cue}"),
                        GANG_CUE,
                    );
                }
                continue;
            }
            // An article-led capitalized name, after an optional "de"/"of".
            let Some(mut k) = toks.iter().position(|t| t.span.start >= hit.span.end) else {
                continue;
            };
            if k < toks.len() && !toks[k].cap && self.particles.contains(toks[k].folded()) {
                k += 1;
            }
            if k + 1 >= toks.len() || !toks[k].cap || !self.gang_articles.contains(toks[k].folded())
            {
                continue;
            }
            let gap = &text[hit.span.end..toks[k].span.start];
            if gap
                .chars()
                .any(|c| !c.is_alphabetic() && !c.is_whitespace())
            {
                continue;
            }
            let mut end = k + 1;
            while end < toks.len()
                && spaced(text, &toks[end - 1], &toks[end])
                && toks[end].cap
                && !self.not_name.has(&toks[end])
            {
                end += 1;
            }
            if end > k + 1 && !self.is_place_or_demonym(&toks[k + 1..end]) {
                let span = Span::new(toks[k].span.start, toks[end - 1].span.end);
                add(
                    found,
                    &self.known,
                    text,
                    EntityType::Gang,
                    span,
                    format!("gang cue: {cue}"),
                    GANG_CUE,
                );
            }
        }
    }

    fn is_place_or_demonym(&self, toks: &[Token]) -> bool {
        let words: Vec<&str> = toks.iter().map(|t| t.folded()).collect();
        let joined = words.join(" ");
        self.places.contains(&joined)
            || self.demonyms.contains(&joined)
            || words.iter().all(|w| self.demonyms.contains(*w))
    }

    fn people(&self, text: &str, sentence: Span, toks: &[Token], found: &mut Found) {
        let mut i = 0;
        while i < toks.len() {
            let Some(end) = self.name_run(text, toks, i, found) else {
                i += 1;
                continue;
            };
            // "San Lorenzo": a run glued to a capitalized word (not the sentence's first) is
            // part of a longer proper name.
            let glued = i > 1
                && spaced(text, &toks[i - 1], &toks[i])
                && toks[i - 1].cap
                && found.free_any(toks[i - 1].span);
            if !glued {
                self.person(text, sentence, &toks[i..end], found);
            }
            i = end;
        }
    }

    /// End (exclusive) of the capitalized name run starting at token `i`.
    fn name_run(&self, text: &str, toks: &[Token], i: usize, found: &Found) -> Option<usize> {
        let name_word = |t: &Token| {
            (t.cap || is_initial(t.of(text))) && !self.not_name.has(t) && found.free_any(t.span)
        };
        // Most words are in lower case and no initial: ruled out before the closure's call.
        let t = &toks[i];
        if (!t.cap && !text.as_bytes()[..t.span.end].ends_with(b".")) || !name_word(t) {
            return None;
        }
        let mut end = i + 1;
        let mut j = i + 1;
        while j < toks.len() && spaced(text, &toks[j - 1], &toks[j]) {
            if name_word(&toks[j]) {
                j += 1;
                end = j;
                continue;
            }
            let mut took = false;
            for n in [2, 1] {
                if j + n >= toks.len() {
                    continue;
                }
                let run = &toks[j..j + n];
                if run.windows(2).any(|w| !spaced(text, &w[0], &w[1])) || run.iter().any(|t| t.cap)
                {
                    continue;
                }
                let phrase = run.iter().map(|t| t.folded()).collect::<Vec<_>>().join(" ");
                if self.particles.contains(&phrase)
                    && spaced(text, &run[n - 1], &toks[j + n])
                    && name_word(&toks[j + n])
                {
                    j += n;
                    took = true;
                    break;
                }
            }
            if !took {
                break;
            }
        }
        Some(end)
    }

    /// Decide whether the run `run` (or its tail after a title) is a person, and add it.
    fn person(&self, text: &str, sentence: Span, run: &[Token], found: &mut Found) {
        let before_run = &text[sentence.start..run[0].span.start];
        let run_at_start = before_run
            .trim_matches(|c: char| !c.is_alphanumeric())
            .is_empty();
        // Where the name starts: after the longest title inside the run ("Special Agent Dana
        // Kowalski"), else at the run's start, or one word later when the run starts the
        // sentence with a word that is no given name ("Agentes Federales…").
        let titled = (0..run.len().saturating_sub(1)).find_map(|k| {
            self.title_before(&text[sentence.start..run[k].span.start])
                .map(|t| (k, Some(t)))
        });
        let given = |k: usize| self.given_names.contains(run[k].folded());
        let (k, title) = match titled {
            Some(found) => found,
            None if run_at_start && !given(0) => (1, None),
            None => (0, None),
        };
        if run.len() < k + 2 {
            return;
        }
        let name = &run[k..];
        let span = Span::new(name[0].span.start, name[name.len() - 1].span.end);
        if !self.plausible_person(name) || quoted(text, span) {
            return;
        }
        let before = &text[sentence.start..span.start];
        let mut cues: Vec<(String, f64)> = Vec::new();
        if let Some((t, kind)) = title {
            cues.push((format!("{kind}: {t}"), TITLE));
        }
        // After the name: an age and a nickname, in either order.
        let mut rest = &text[span.end..sentence.end];
        let mut nickname: Option<Span> = None;
        for _ in 0..2 {
            if let Some(m) = self.age.find(rest) {
                if !cues.iter().any(|(c, _)| c == "age") {
                    cues.push(("age".into(), AGE));
                }
                rest = &rest[m.end()..];
                continue;
            }
            let Some(c) = self
                .nickname_quoted
                .captures(rest)
                .or_else(|| self.nickname_bare.captures(rest))
            else {
                break;
            };
            let g = c.get(1).expect("group 1");
            let nick = g.as_str().trim_end_matches([',', '.', ' ']);
            if nickname.is_some() || !nick.chars().any(char::is_uppercase) {
                break;
            }
            let s = sentence.end - rest.len() + g.start();
            nickname = Some(Span::new(s, s + nick.len()));
            cues.push(("nickname".into(), NICKNAME));
            rest = &rest[c.get(0).expect("group 0").end()..];
        }
        let previous = before
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .map(fold_str);
        let after_place_word =
            previous.is_some_and(|p| self.place_prepositions.contains(&p)) && title.is_none();
        if given(k) && !after_place_word {
            cues.push((format!("given name: {}", name[0].of(text)), GIVEN_NAME));
        }
        if cues.is_empty() {
            return;
        }
        let confidence = if cues.len() > 1 { BOTH } else { cues[0].1 };
        let cue = cues
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let Some(i) = add_person(found, &self.known, text, span, cue, confidence) else {
            return;
        };
        if let Some(n) = nickname {
            let entities = &mut found.entities;
            let id = entities[i].id.clone();
            // "Rodrigo Salcedo Ibarra, dit « El Güero »": the text says whose nickname it is,
            // which beats another person's alias matched inside it.
            for e in entities.iter_mut().filter(|e| e.kind == EntityType::Person) {
                e.mentions.retain(|m| !n.contains(m.span()));
            }
            entities.retain(|e| !e.mentions.is_empty());
            found.reindex();
            if found.free_any(n) {
                if let Some(i) = found.entities.iter().position(|e| e.id == id) {
                    found.insert(i, SpanText::new(text, n));
                }
            }
        }
    }

    /// The longest title or description ending `before` on a word boundary.
    fn title_before<'s>(&'s self, before: &str) -> Option<(&'s str, &'static str)> {
        if before.len() == before.trim_end().len() && !before.is_empty() {
            return None; // no space between the title and the name
        }
        // A cue and the char before it: the end of the folded text is enough.
        let tail = folded_tail(before.trim_end(), self.longest_cue + 4);
        self.cues_by_last_word
            .get(last_word(&tail))?
            .iter()
            .map(|&k| &self.person_cues[k])
            .find(|(t, _)| {
                tail.ends_with(t.as_str())
                    && !tail[..tail.len() - t.len()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
            .map(|(t, k)| (t.as_str(), *k))
    }

    fn plausible_person(&self, name: &[Token]) -> bool {
        let words: Vec<&str> = name.iter().map(|t| t.folded()).collect();
        let caps = name.iter().filter(|t| t.cap).count();
        if caps < 2 || name.len() > 7 {
            return false;
        }
        if words
            .iter()
            .any(|w| self.all_heads.contains(*w) || self.demonyms.contains(*w))
        {
            return false;
        }
        // "Pedro Juan Caballero" is a city: no prefix of the name may be a listed place.
        (1..=words.len()).all(|n| !self.places.contains(&words[..n].join(" ")))
    }
}

/// The letters and digits that end `s` (empty when it ends with another character).
fn last_word(s: &str) -> &str {
    &s[s.trim_end_matches(char::is_alphanumeric).len()..]
}

/// The end of `fold_str(s)`, at least `need` bytes of it (all of it when shorter). Folding
/// is per character but for runs of white space made one: from an ASCII letter or digit on,
/// the fold of the rest of `s` is the end of the fold of `s`.
fn folded_tail(s: &str, need: usize) -> String {
    let bytes = s.as_bytes();
    let mut from = s.len().saturating_sub(need);
    while from > 0 && !bytes[from].is_ascii_alphanumeric() {
        from -= 1;
    }
    let tail = fold_str(&s[from..]);
    if from == 0 || tail.len() >= need {
        tail
    } else {
        fold_str(s) // folding shrank the tail (white space, marks)
    }
}

/// A word of the text with its span and its folded form (a slice of the document's folded
/// text, so that tokens cost no allocation).
#[derive(Clone, Copy, Debug)]
struct Token<'f> {
    span: Span,
    folded: &'f str,
    /// [`capitalized`], asked of most words several times, worked out once.
    cap: bool,
    /// [`word_hash`] of `folded`, for [`WordSet::has`].
    hash: u64,
}

impl<'f> Token<'f> {
    fn of<'t>(&self, text: &'t str) -> &'t str {
        self.span.of(text)
    }

    fn folded(&self) -> &'f str {
        self.folded
    }
}

fn word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if let Some(letter) = crate::fold::latin_letter(c) {
        return letter;
    }
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Words of `text[span]`: letters and digits, with inner hyphens, apostrophes and dots
/// ("Jean-François", "d'Artagnan", "U.S."); a trailing possessive "'s" is left out.
fn tokens<'f>(text: &str, folded: &'f FoldedText, span: Span) -> Vec<Token<'f>> {
    let s = &text[span.start..span.end];
    // A word with the space after it takes more than four bytes: rarely grown.
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let mut fold = folded.cursor();
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < s.len() {
        // One table load per byte of a body ([`ByteClass`]), not range tests.
        match ByteClass::of(bytes[at]) {
            ByteClass::Space | ByteClass::Other => {
                at += 1;
                continue;
            }
            ByteClass::Word => {}
            ByteClass::NotAscii => {
                let (c, n) = char_at(s, at);
                if !word_char(c) {
                    at += n;
                    continue;
                }
            }
        }
        let i = at;
        // Letters and digits, and a hyphen, apostrophe or dot between two of them.
        loop {
            while at < s.len() && ByteClass::of(bytes[at]) == ByteClass::Word {
                at += 1;
            }
            if at == s.len() {
                break;
            }
            let (d, n) = char_at(s, at);
            let joins = word_char(d)
                || (matches!(d, '-' | '\'' | '’' | '.')
                    && at + n < s.len()
                    && word_char(char_at(s, at + n).0));
            if joins {
                at += n;
                continue;
            }
            // "U.S." and initials keep their final dot.
            if d == '.' && (s[i..at].contains('.') || s[i..at].chars().count() == 1) {
                at += 1;
            }
            break;
        }
        let end = at;
        let mut w = &s[i..end];
        for poss in ["'s", "’s"] {
            if w.len() > poss.len() + 1 && w.ends_with(poss) {
                w = &w[..w.len() - poss.len()];
            }
        }
        let word = Span::new(span.start + i, span.start + i + w.len());
        let folded = fold.fold_of(word);
        out.push(Token {
            span: word,
            folded,
            cap: capitalized(w),
            hash: word_hash(folded),
        });
    }
    out
}

/// French and Portuguese names are written in sentence case ("Direction des opérations
/// douanières (DOD)"): after a head, words of any case up to an acronym in parentheses make a
/// name when the acronym spells their initials. Returns the end (exclusive) of the last word
/// before the parentheses.
fn defined_end(
    text: &str,
    toks: &[Token],
    head: usize,
    found: &Found,
    connectors: &HashSet<String>,
) -> Option<usize> {
    const MAX_WORDS: usize = 10;
    for k in head + 1..toks.len().min(head + 1 + MAX_WORDS) {
        // Elisions ("d'intervention") are inside one token, so words are space-separated.
        if !spaced(text, &toks[k - 1], &toks[k]) || !found.free(toks[k].span) {
            return None;
        }
        if let Some(c) = PAREN_ACRONYM_AFTER.captures(&text[toks[k].span.end..]) {
            let acr = c.get(1).expect("group 1").as_str();
            // At most 12 characters (see PAREN_ACRONYM_AFTER).
            if acr.chars().nth(12).is_none() && spells(acr, text, &toks[head..=k], connectors) {
                return Some(k + 1);
            }
        }
    }
    None
}

/// True when the capitals of `acronym` are the initials of the words of `words` that are no
/// connectors ("BRIF": Brigade de recherche et d'intervention financière).
fn spells(acronym: &str, text: &str, words: &[Token], connectors: &HashSet<String>) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
    let initials: Vec<char> = words
        .iter()
        .map(|t| t.of(text))
        .filter(|w| !connectors.contains(&fold_str(w)))
        .filter_map(|w| {
            // "d'intervention": the initial is the word's, not the elided article's.
            let w = w.rsplit(['\'', '’']).next().unwrap_or(w);
            w.chars().next()
        })
        .flat_map(char::to_uppercase)
        .collect();
    letters.len() >= 2
        && fold_str(&letters.iter().collect::<String>())
            == fold_str(&initials.iter().collect::<String>())
}

/// " (DOD)": an acronym in parentheses right after a word; its callers also require at most
/// 12 characters. The regex does not say so with a bounded repetition: `[\p{L}…]{1,11}` makes
/// eleven copies of every letter of Unicode, which took 17M instructions to compile, against
/// one copy with `+`, and a run of these characters can only end at the parenthesis anyway.
static PAREN_ACRONYM_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(\s*(\p{Lu}[\p{L}0-9&\-]+)\s*\)").expect("valid regex"));

/// True for a word written with a capital and at least one lower-case letter ("Pérez",
/// "McAllister"; not "DEA" nor "de").
fn capitalized(w: &str) -> bool {
    let first_upper = match w.as_bytes().first() {
        // Most words: an ASCII first letter, tested without decoding.
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    };
    first_upper
        && if w.is_ascii() {
            w.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            w.chars().any(char::is_lowercase)
        }
}

/// "J." and "J.R.": initials.
fn is_initial(w: &str) -> bool {
    w.ends_with('.')
        && w.chars().filter(|c| c.is_alphabetic()).count() <= 2
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// True when the two tokens are separated by one plain space.
fn spaced(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.span.end..b.span.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// The document's entities while the finder adds to them, with an index of where their
/// mentions are. Whether a span is free is asked of almost every token; asking every entity
/// (a binary search in each) took a fifth of the stage. Every change to the mentions goes
/// through [`Found::insert`], [`Found::push`] or ends with [`Found::reindex`].
struct Found {
    entities: Vec<EntityRecord>,
    /// Non-country mentions.
    named: SpanIndex,
    /// Every mention: a country mention may lie inside a name ("Policía Nacional del Perú").
    any: SpanIndex,
    /// Country mentions, sorted by start then end.
    countries: Vec<Span>,
}

impl Found {
    fn new(entities: Vec<EntityRecord>) -> Found {
        let mut found = Found {
            entities,
            named: SpanIndex::default(),
            any: SpanIndex::default(),
            countries: Vec::new(),
        };
        found.reindex();
        found
    }

    /// Rebuild the index from the entities (a few hundred mentions: cheap, and mentions are
    /// added far more rarely than spans are tested).
    fn reindex(&mut self) {
        let mut named = Vec::new();
        let mut any = Vec::new();
        self.countries.clear();
        for e in &self.entities {
            let country = e.kind == EntityType::Country;
            for m in &e.mentions {
                any.push(m.span());
                if country {
                    self.countries.push(m.span());
                } else {
                    named.push(m.span());
                }
            }
        }
        self.countries.sort_unstable_by_key(|m| (m.start, m.end));
        self.named = SpanIndex::new(named);
        self.any = SpanIndex::new(any);
    }

    /// True when no non-country mention overlaps `span`.
    fn free(&self, span: Span) -> bool {
        !self.named.overlaps(span)
    }

    /// True when no mention at all (countries included) overlaps `span`: a person's name
    /// never holds a country.
    fn free_any(&self, span: Span) -> bool {
        !self.any.overlaps(span)
    }

    /// True when `span` is exactly a country mention written in capitals ("U.S.", "EE.UU.").
    fn is_country_acronym(&self, span: Span) -> bool {
        // The last country mention starting at or before `span.start` is the longest of
        // those starting there, if any does.
        let i = self.countries.partition_point(|m| m.start <= span.start);
        i > 0 && {
            let m = self.countries[i - 1];
            m.start == span.start && m.end >= span.end
        }
    }

    /// Add `mention` to entity `i` at its place in text order.
    fn insert(&mut self, i: usize, mention: SpanText) {
        let mentions = &mut self.entities[i].mentions;
        let at = mentions.partition_point(|m| (m.start, m.end) <= (mention.start, mention.end));
        mentions.insert(at, mention);
        self.reindex();
    }

    /// Add an entity (no mentions yet); its index.
    fn push(&mut self, entity: EntityRecord) -> usize {
        self.entities.push(entity);
        self.entities.len() - 1
    }
}

/// Spans sorted by start, each with the largest end among it and those before: the spans
/// overlapping a given one are among those starting before its end, and one does when the
/// largest end among those is past its start.
#[derive(Default)]
struct SpanIndex {
    spans: Vec<Span>,
    reach: Vec<usize>,
}

impl SpanIndex {
    fn new(mut spans: Vec<Span>) -> SpanIndex {
        spans.sort_unstable_by_key(|m| (m.start, m.end));
        let reach = spans
            .iter()
            .scan(0, |max, m| {
                *max = m.end.max(*max);
                Some(*max)
            })
            .collect();
        SpanIndex { spans, reach }
    }

    /// True when one of the spans overlaps `span`.
    fn overlaps(&self, span: Span) -> bool {
        let n = self.spans.partition_point(|m| m.start < span.end);
        n > 0 && self.reach[n - 1] > span.start
    }
}

/// True when the text around `span` is a pair of quotes: a title of a work, not a person.
fn quoted(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end().chars().next_back();
    let after = text[span.end..].trim_start().chars().next();
    matches!(before, Some('“' | '"' | '«' | '‘')) && matches!(after, Some('”' | '"' | '»' | '’'))
}

/// A headline: a paragraph of one sentence that does not end as a sentence does.
fn is_headline(view: &TextView, si: usize) -> bool {
    let s = &view.sentences[si];
    let p = &view.paragraphs[s.paragraph];
    // Sentences are in text order, so a paragraph's are neighbours.
    let alone = |o: Option<&crate::model::Sentence>| !o.is_some_and(|o| o.paragraph == s.paragraph);
    let one = alone(si.checked_sub(1).and_then(|i| view.sentences.get(i)))
        && alone(view.sentences.get(si + 1));
    let last = p.span.of(view.text).trim_end().chars().next_back();
    one && !matches!(
        last,
        Some('.' | '!' | '?' | '»' | '”' | '"' | '…' | ')' | ':' | ';')
    )
}

/// " (MAOC-N)", " – Narcóticos (MAOC-N)": a short form in parentheses after a name.
static ACRONYM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\s+[–-]\s+\p{Lu}[\p{L}\p{M}]+)?\s*\(\s*([^()\s]+)\s*\)").expect("valid regex")
});

/// Add an agency; a name followed by the acronym of an entity already found
/// ("Centro de Análisis y Operaciones Marítimas (MAOC-N)") is a mention of that entity.
fn add_agency(
    found: &mut Found,
    known: &HashSet<String>,
    text: &str,
    span: Span,
    cue: String,
    connectors: &HashSet<String>,
) -> Option<usize> {
    // 2 to 15 characters: said here rather than in the regex, for the reason given at
    // PAREN_ACRONYM_AFTER; the run can only end at the parenthesis, so no shorter match hides.
    let short_form = |c: &regex::Captures| {
        let n = c.get(2).map_or(0, |a| a.as_str().chars().take(16).count());
        (2..=15).contains(&n)
    };
    if let Some(c) = ACRONYM_AFTER.captures(&text[span.end..]).filter(short_form) {
        let acr = c.get(2).expect("group 2");
        let (a_start, a_end) = (span.end + acr.start(), span.end + acr.end());
        let end = c.get(1).map_or(span.end, |g| span.end + g.end());
        let whole = Span::new(span.start, end);
        // Only an agency's acronym names an agency, and only one that could abbreviate the
        // name: "Policía Nacional del Perúa (TdA)" is no mention of the gang TdA.
        let owner = found.entities.iter().position(|e| {
            e.kind == EntityType::Agency
                && e.mentions
                    .iter()
                    .any(|m| m.start == a_start && m.end == a_end)
        });
        let owner = owner
            .filter(|_| super::learn::may_abbreviate(acr.as_str(), whole.of(text), connectors));
        if let Some(i) = owner {
            if !found.free(whole) {
                return None;
            }
            found.insert(i, SpanText::new(text, whole));
            return Some(i);
        }
        // "Centro de Análise e Operações Marítimas – Narcóticos (MAOC-N)": the part after
        // the dash belongs to the name its acronym abbreviates.
        return add(found, known, text, EntityType::Agency, whole, cue, HEAD);
    }
    add(found, known, text, EntityType::Agency, span, cue, HEAD)
}

/// Add a mention of a pattern entity of `kind` named by `span`, creating it when new.
fn add(
    found: &mut Found,
    known: &HashSet<String>,
    text: &str,
    kind: EntityType,
    span: Span,
    cue: String,
    confidence: f64,
) -> Option<usize> {
    let name = span.of(text);
    if !found.free(span) || span.is_empty() || known.contains(&fold_str(name)) {
        return None;
    }
    let id = format!("pattern:{}:{}", kind.as_str(), slug(name));
    let i = match found.entities.iter().position(|e| e.id == id) {
        Some(i) => i,
        None => found.push(EntityRecord {
            id,
            kind,
            name: name.to_string(),
            source: EntitySource::Pattern,
            candidates: Vec::new(),
            cue: Some(cue),
            confidence: Some(confidence),
            evidence: None,
            mentions: Vec::new(),
        }),
    };
    found.insert(i, SpanText::new(text, span));
    Some(i)
}

/// Add a person; a name that ends another pattern person's full name ("Cifuentes Rojas"
/// after "Hernán Cifuentes Rojas") is a mention of that person.
fn add_person(
    found: &mut Found,
    known: &HashSet<String>,
    text: &str,
    span: Span,
    cue: String,
    confidence: f64,
) -> Option<usize> {
    let name = fold_str(span.of(text));
    let owner = found.entities.iter().position(|e| {
        e.kind == EntityType::Person
            && e.source == EntitySource::Pattern
            && fold_str(&e.name).ends_with(&format!(" {name}"))
    });
    match owner {
        Some(i) if found.free_any(span) => {
            found.insert(i, SpanText::new(text, span));
            Some(i)
        }
        Some(_) => None,
        None if found.free_any(span) => add(
            found,
            known,
            text,
            EntityType::Person,
            span,
            cue,
            confidence,
        ),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_hyphens_initials_and_drop_possessives() {
        let text = "Jean-François J. Lapointe, the DEA's U.S. office.";
        let folded = FoldedText::new(text);
        let got: Vec<&str> = tokens(text, &folded, Span::new(0, text.len()))
            .iter()
            .map(|t| t.of(text))
            .collect();
        assert_eq!(
            got,
            [
                "Jean-François",
                "J.",
                "Lapointe",
                "the",
                "DEA",
                "U.S.",
                "office"
            ]
        );
    }

    #[test]
    fn latin_letters_are_word_chars_as_unicode_says() {
        for c in '\u{80}'..='\u{24f}' {
            let marks = ('\u{300}'..='\u{36f}').contains(&c);
            assert_eq!(word_char(c), c.is_alphanumeric() || marks, "{c:?}");
        }
    }

    #[test]
    fn the_tables_load() {
        let f = PatternFinder::new(&Gazetteer::shipped().unwrap()).unwrap();
        assert!(f.given_names.contains("julian"));
        assert!(f.not_name.contains("fevrier"));
    }
}
