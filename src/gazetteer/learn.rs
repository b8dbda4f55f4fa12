//! Aliases a document teaches about itself.
//!
//! After the gazetteer pass, a document can define names for the rest of its own text:
//! - "Tren de Aragua (TdA)" or "TdA (Tren de Aragua)": the short form in parentheses (or
//!   before them) becomes an alias of the entity for this document;
//! - a person named in full ("Kristi Noem") makes later surname mentions ("Noem") and, for
//!   names of three words or more, the family names ("Rosales Castillo") mentions of that
//!   person, when written with a capital as names are;
//! - a capitalized name that is in no gazetteer but is defined with an acronym whose letters
//!   are its initials ("Security Implementation Group (SIG)") becomes a document-local `org`,
//!   with id `doc:<slug>`, unless its head word says it is a document or an event
//!   ("Memorandum of Cooperation (MOC)": the heads are data in each language's `text.toml`).
//!
//! Learned aliases are matched case-sensitively on whole words, and never where another
//! non-country mention already is, so mentions stay non-overlapping.

use crate::fold::{fold_str, slug};
use crate::languages::{self, LANGUAGES};
use crate::model::{EntityRecord, EntitySource, EntityType, Span, SpanText};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;

/// "(ACR)": an acronym-like token in parentheses.
static PAREN_ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \(\s*
        ( [A-Z] [A-Za-z0-9&.\-]{1,11} )   # starts with a capital, short
        \s*\)",
    )
    .expect("valid regex")
});

/// "ACR (": an acronym-like token just before an opening parenthesis (what
/// [`acronyms_before_parens`] finds, written as a regex for its test); the text in the
/// parentheses must also be 3 to 120 characters long ([`paren_text_fits`]). That bound is not
/// written `{3,120}` in the regex: a hundred and twenty copies of "any character but a
/// parenthesis" took 6M instructions to compile, and the run can only end at the closing
/// parenthesis, so checking its length after the match finds the same matches.
#[cfg(test)]
static ACRONYM_BEFORE_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ( [A-Z] [A-Za-z0-9&.\-]{1,11} ) \s* \( ([^()]+) \)").expect("valid regex")
});

/// The matches of `ACRONYM_BEFORE_PAREN` in `text`, in order, as (acronym, text in the
/// parentheses): the regex's `captures_iter` without the regex, whose search (it has no
/// literal to skip ahead to) read every byte of every document. A match holds the first '('
/// after its start, ends at the first parenthesis after that (a ')', with something
/// between), and starts at the earliest capital at most twelve acronym characters and some
/// white space before the '(': so each '(' is looked at alone, in text order.
fn acronyms_before_parens(text: &str) -> Vec<(Span, Span)> {
    let bytes = text.as_bytes();
    let acronym_byte = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'&' | b'.' | b'-');
    let mut out = Vec::new();
    // Matches start at or after `from` (the end of the last one).
    let mut from = 0;
    let mut next = 0;
    while let Some(open) = memchr::memchr(b'(', &bytes[next..]).map(|i| next + i) {
        next = open + 1;
        let Some(close) = memchr::memchr2(b'(', b')', &bytes[open + 1..]).map(|i| open + 1 + i)
        else {
            break; // no parenthesis after this one: no match here or later
        };
        if bytes[close] == b'(' || close == open + 1 {
            continue;
        }
        let word_end = text[..open].trim_end_matches(char::is_whitespace).len();
        let word = bytes[..word_end]
            .iter()
            .rev()
            .take(12)
            .take_while(|b| acronym_byte(b))
            .count();
        let earliest = (word_end - word).max(from);
        let start = (earliest..word_end.saturating_sub(1)).find(|&i| bytes[i].is_ascii_uppercase());
        if let Some(start) = start {
            out.push((Span::new(start, word_end), Span::new(open + 1, close)));
            from = close + 1;
            next = from;
        }
    }
    out
}

/// True when the text in the parentheses of an `ACRONYM_BEFORE_PAREN` match is 3 to 120
/// characters long.
fn paren_text_fits(inner: &str) -> bool {
    (3..=120).contains(&inner.chars().take(121).count())
}

#[derive(Deserialize)]
struct Heads {
    #[serde(default)]
    not_org_heads: Vec<String>,
    #[serde(default)]
    name_connectors: Vec<String>,
}

/// What the learner needs from the language tables, built once.
#[derive(Debug)]
pub struct Learner {
    not_org_heads: HashSet<String>,
    connectors: HashSet<String>,
}

impl Learner {
    /// Build from every language's `text.toml`.
    pub fn new() -> Result<Learner, String> {
        let mut l = Learner {
            not_org_heads: HashSet::default(),
            connectors: HashSet::default(),
        };
        for d in LANGUAGES {
            let h: Heads = languages::parse(d.lang, "text.toml", d.text)?;
            l.not_org_heads
                .extend(h.not_org_heads.iter().map(|w| fold_str(w)));
            l.connectors
                .extend(h.name_connectors.iter().map(|w| fold_str(w)));
        }
        Ok(l)
    }

    /// Add the mentions and document-local entities the document defines.
    pub fn extend(&self, text: &str, entities: &mut Vec<EntityRecord>) {
        // (entity index, alias) pairs learned from the text.
        let mut learned: Vec<(usize, String)> = Vec::new();
        for m in PAREN_ACRONYM.captures_iter(text) {
            let whole = m.get(0).expect("group 0");
            let acr = m.get(1).expect("group 1");
            if !acronym_like(acr.as_str()) {
                continue;
            }
            let before = text[..whole.start()].trim_end();
            let acr_span = Span::new(acr.start(), acr.end());
            if let Some((i, name)) = entity_ending_at(entities, before.len()) {
                // "ICE (TdA)": an acronym that already names another entity there is no short
                // form of the name before it, nor is one that shares too few letters with it
                // ("the Sinaloa Cartel (SIG)").
                if !named_by_other(entities, acr_span, i)
                    && may_abbreviate(acr.as_str(), name, &self.connectors)
                {
                    learned.push((i, acr.as_str().to_string()));
                }
            } else if let Some(name) = self
                .defined_name(before, acr.as_str())
                .filter(|_| !named_by_other(entities, acr_span, usize::MAX))
            {
                let start = before.len() - name.len();
                let id = format!("doc:{}", slug(name));
                let i = match entities.iter().position(|e| e.id == id) {
                    Some(i) => i,
                    None => {
                        entities.push(EntityRecord {
                            id,
                            kind: EntityType::Org,
                            name: name.to_string(),
                            source: EntitySource::Document,
                            candidates: Vec::new(),
                            cue: None,
                            confidence: None,
                            evidence: None,
                            mentions: Vec::new(),
                        });
                        entities.len() - 1
                    }
                };
                let span = Span::new(start, before.len());
                if free(entities, span) {
                    entities[i].mentions.push(SpanText::new(text, span));
                }
                learned.push((i, acr.as_str().to_string()));
                learned.push((i, name.to_string()));
            }
        }
        for (acr, inner) in acronyms_before_parens(text) {
            let (acr_text, inner_text) = (acr.of(text), inner.of(text));
            if !paren_text_fits(inner_text) || !acronym_like(acr_text) {
                continue;
            }
            let inner_start = inner.start + (inner_text.len() - inner_text.trim_start().len());
            let inner_end = inner.end - (inner_text.len() - inner_text.trim_end().len());
            // Only a full name in parentheses defines the short form before it.
            if !inner_text.trim().contains(char::is_whitespace) {
                continue;
            }
            if let Some(i) = entities.iter().position(|e| {
                takes_short_forms(e.kind)
                    && e.mentions
                        .iter()
                        .any(|x| x.start == inner_start && x.end == inner_end)
            }) {
                if !named_by_other(entities, acr, i)
                    && may_abbreviate(acr_text, &text[inner_start..inner_end], &self.connectors)
                {
                    learned.push((i, acr_text.to_string()));
                }
            }
        }
        // Surnames of people named in full.
        for (i, e) in entities.iter().enumerate() {
            if e.kind != EntityType::Person {
                continue;
            }
            for m in &e.mentions {
                let words: Vec<&str> = m.text.split_whitespace().collect();
                if words.len() < 2
                    || !words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                {
                    continue;
                }
                learned.push((i, words[words.len() - 1].to_string()));
                // Every family-name tail of two words or more: "Alberto Mendoza Rivas" and
                // "Mendoza Rivas" for "Luis Alberto Mendoza Rivas".
                for from in 1..words.len().saturating_sub(1) {
                    learned.push((i, words[from..].join(" ")));
                }
            }
        }
        learned.sort();
        learned.dedup();
        // Longer aliases first, so "Pérez García" is not taken as "García".
        learned.sort_by_key(|(_, a)| std::cmp::Reverse(a.len()));
        for (i, alias) in learned {
            if alias.chars().count() < 2 {
                continue;
            }
            // memchr's vectorized substring search: several times faster than
            // `str::match_indices`, and a document learns tens of aliases.
            for start in memchr::memmem::find_iter(text.as_bytes(), alias.as_bytes()) {
                let span = Span::new(start, start + alias.len());
                if on_word_edges(text, span) && free(entities, span) {
                    entities[i].mentions.push(SpanText::new(text, span));
                }
            }
        }
        for e in entities.iter_mut() {
            e.mentions.sort_by_key(|m| (m.start, m.end));
        }
        entities.retain(|e| !e.mentions.is_empty());
        entities.sort_by_key(|e| e.mentions.first().map(|m| m.start).unwrap_or(usize::MAX));
    }

    /// The capitalized name that ends `before` and whose initials spell `acronym`.
    fn defined_name<'t>(&self, before: &'t str, acronym: &str) -> Option<&'t str> {
        let letters: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
        // A plural acronym ("RLAs", "NGOs") names a kind of thing, not one organization.
        let plural =
            acronym.ends_with('s') && acronym.chars().filter(|c| c.is_lowercase()).count() == 1;
        if letters.len() < 2 || plural {
            return None;
        }
        // Walk back over words: capitalized words count, connectors are allowed inside.
        let mut start = before.len();
        let mut initials: Vec<char> = Vec::new();
        let mut first_word = "";
        for (ws, w) in words_backwards(before) {
            let first = w.chars().next()?;
            if first.is_uppercase() {
                initials.push(first);
                start = ws;
                first_word = w;
                if initials.len() == letters.len() {
                    break;
                }
            } else if self.connectors.contains(&fold_str(w)) && !initials.is_empty() {
                continue;
            } else {
                break;
            }
        }
        initials.reverse();
        if initials != letters || self.not_org_heads.contains(&fold_str(first_word)) {
            return None;
        }
        Some(&before[start..])
    }
}

/// Words of `s` from the end, with their start offsets; stops at punctuation that ends a name.
fn words_backwards(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = s.len();
    std::iter::from_fn(move || {
        let head = s[..end].trim_end();
        if head.is_empty() || head.ends_with([',', ';', ':', '.', '(', ')', '"', '“', '”']) {
            return None;
        }
        let ws = head
            .rfind(char::is_whitespace)
            .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        end = ws;
        Some((ws, &head[ws..]))
    })
}

/// True for a token that reads as an acronym: two capitals at least, and short unless it is
/// all capitals ("TdA", "MS-13", "OPDAT"; not "Colombia").
fn acronym_like(s: &str) -> bool {
    let caps = s.chars().filter(|c| c.is_uppercase()).count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    caps >= 2 && (caps == letters || s.chars().count() <= 5)
}

/// True when at least half the capitals of `acronym` are initials of words of `name` that are
/// no `connectors` (folded), of any case: "Brigade de recherche et d'intervention financière
/// (BRIF)", where the initial of an elided word is its own, i. The connectors ("de", "la",
/// "et", "del") would otherwise lend their letters to any acronym. Not a spelling test:
/// acronyms are often those of the name in another language, in another word order ("Centro de
/// Análisis y Operaciones Marítimas (MAOC-N)", "Agencia Antidrogas de Estados Unidos (DEA)"),
/// but they share letters with it.
pub(super) fn may_abbreviate(acronym: &str, name: &str, connectors: &HashSet<String>) -> bool {
    let initials: HashSet<String> = name
        .split_whitespace()
        // "d'intervention": the word after an elided article; "General's" stays whole.
        .map(|w| match w.split_once(['\'', '’']) {
            Some((article, word)) if article.chars().count() <= 2 && !word.is_empty() => word,
            _ => w,
        })
        .filter(|w| !connectors.contains(&fold_str(w)))
        .filter_map(|w| w.chars().next())
        .map(|c| fold_str(c.encode_utf8(&mut [0; 4])))
        .collect();
    let mut letters: Vec<String> = acronym
        .chars()
        .filter(|c| c.is_uppercase())
        .map(|c| fold_str(c.encode_utf8(&mut [0; 4])))
        .collect();
    letters.sort();
    letters.dedup();
    let shared = letters.iter().filter(|l| initials.contains(*l)).count();
    !letters.is_empty() && 2 * shared >= letters.len()
}

/// Index of the entity with short forms ([`takes_short_forms`]) with a mention ending exactly
/// at `end`, and that mention's text.
fn entity_ending_at(entities: &[EntityRecord], end: usize) -> Option<(usize, &str)> {
    entities.iter().enumerate().find_map(|(i, e)| {
        if !takes_short_forms(e.kind) {
            return None;
        }
        let m = e.mentions.iter().find(|m| m.end == end)?;
        Some((i, m.text.as_str()))
    })
}

/// Organizations, agencies and gangs have short forms. A person's name before an acronym in
/// parentheses is followed by an affiliation ("Kristi Noem (DHS)"), and a country's by
/// whatever the text says of it.
fn takes_short_forms(kind: EntityType) -> bool {
    !matches!(kind, EntityType::Country | EntityType::Person)
}

/// True when an entity other than the one at index `owner` has a mention within `span`, the
/// acronym. A mention around it ("Transnational Criminal Organizations (TCO) Working Group")
/// does not count: the acronym still abbreviates the words before it.
fn named_by_other(entities: &[EntityRecord], span: Span, owner: usize) -> bool {
    entities.iter().enumerate().any(|(j, e)| {
        j != owner
            && e.mentions
                .iter()
                .any(|m| span.start <= m.start && m.end <= span.end)
    })
}

/// True when no non-country mention overlaps `span`.
fn free(entities: &[EntityRecord], span: Span) -> bool {
    !entities
        .iter()
        .filter(|e| e.kind != EntityType::Country)
        .any(|e| {
            e.mentions
                .iter()
                .any(|m| m.start < span.end && span.start < m.end)
        })
}

/// True when `span` is a whole word: no letter, digit or combining mark just outside it
/// ("TdA\u{301}" is another word than "TdA").
fn on_word_edges(text: &str, span: Span) -> bool {
    let word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(word) && !after.is_some_and(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_before_parens_are_the_regex_matches() {
        let texts = [
            "la DEA (Drug Enforcement Administration) y el FBI (Federal Bureau)",
            "x (a) ABC (def ghi) ABCDEFGHIJKLMNOP (too long) OK\u{a0}\u{2003}(fine one)",
            "AB(c) (AB) CD ((nested)) EF (unclosed GH (x y) IJ () KL (  ) MN",
            "(ABC)DEF (x y)ZZ (p q) A.B.-C& (r s) é (t u) Éa (v w) TdA (Tren de Aragua)",
            "ABC\n\n(one\ntwo) ABC (open ( ABC (x) ) ) ( ) ((AB (c d)",
        ];
        for t in texts {
            let span = |g: regex::Match| Span::new(g.start(), g.end());
            let want: Vec<(Span, Span)> = ACRONYM_BEFORE_PAREN
                .captures_iter(t)
                .map(|c| (span(c.get(1).unwrap()), span(c.get(2).unwrap())))
                .collect();
            let got = acronyms_before_parens(t);
            assert_eq!(got, want, "{t}");
        }
    }

    #[test]
    fn acronyms_that_may_abbreviate_a_name() {
        let connectors = Learner::new().unwrap().connectors;
        for (acronym, name, may) in [
            ("TdA", "Tren de Aragua", true),
            (
                "BRIF",
                "Brigade de recherche et d'intervention financière",
                true,
            ),
            ("MAOC-N", "Centro de Análisis y Operaciones Marítimas", true),
            ("DEA", "Agencia Antidrogas de Estados Unidos", true),
            ("CDS", "Cártel de Sinaloa", true),
            ("SIG", "the Sinaloa Cartel", false),
            ("TdA", "Policía Nacional del Perúa", false),
            // The letters of connectors and of a possessive 's lend nothing.
            ("DLA", "Policía de la Nación", false),
            ("PSP", "Mexican Attorney General's Office", false),
        ] {
            assert_eq!(
                may_abbreviate(acronym, name, &connectors),
                may,
                "{acronym} for {name}"
            );
        }
    }
}
