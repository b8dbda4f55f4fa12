//! Phrase lists matched in folded text: the shared mechanism behind word-list lookups.
//!
//! A [`PhraseSet`] compiles phrases (each with a payload) into one Aho-Corasick automaton over
//! their folded forms, and finds them in a [`FoldedText`] on whole words, leftmost-longest,
//! with the word-boundary check done before the longest-match choice (the same rules as the
//! gazetteer matcher). Stages use it for event triggers, mode cues and other word lists that
//! live in the language tables.

use crate::fold::{fold_str, FoldedText};
use crate::gazetteer::matcher::on_word_boundaries;
use crate::model::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// A compiled list of phrases with payloads.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    automaton: Option<AhoCorasick>,
    payloads: Vec<Vec<T>>,
}

/// One phrase found: where, in folded and original offsets, and its payloads.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseHit<'a, T> {
    /// Folded start.
    pub folded_start: usize,
    /// Folded end.
    pub folded_end: usize,
    /// Original span.
    pub span: Span,
    /// The payloads of every phrase with this folded form.
    pub payloads: &'a [T],
}

impl<T: Clone + PartialEq> PhraseSet<T> {
    /// Compile `(phrase, payload)` pairs. Phrases that fold to nothing are ignored.
    pub fn new<I, S>(phrases: I) -> Result<PhraseSet<T>, String>
    where
        I: IntoIterator<Item = (S, T)>,
        S: AsRef<str>,
    {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut folded = Vec::new();
        let mut payloads: Vec<Vec<T>> = Vec::new();
        for (p, t) in phrases {
            let f = fold_str(p.as_ref().trim());
            if f.is_empty() {
                continue;
            }
            let id = *ids.entry(f.clone()).or_insert_with(|| {
                folded.push(f);
                payloads.push(Vec::new());
                payloads.len() - 1
            });
            if !payloads[id].contains(&t) {
                payloads[id].push(t);
            }
        }
        let automaton = if folded.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&folded)
                    .map_err(|e| format!("cannot build a phrase automaton: {e}"))?,
            )
        };
        Ok(PhraseSet {
            automaton,
            payloads,
        })
    }

    /// Every whole-word hit within the folded range `range`, overlapping ones included, in
    /// the order the automaton reports them.
    pub fn all_hits(
        &self,
        folded: &FoldedText,
        range: std::ops::Range<usize>,
    ) -> Vec<PhraseHit<'_, T>> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let f = folded.as_str();
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(&f[range.clone()]) {
            let (s, e) = (m.start() + range.start, m.end() + range.start);
            if !on_word_boundaries(f, s, e) {
                continue;
            }
            if let Some(span) = folded.original_span(s, e) {
                out.push(PhraseHit {
                    folded_start: s,
                    folded_end: e,
                    span,
                    payloads: &self.payloads[m.pattern().as_usize()],
                });
            }
        }
        out
    }

    /// Leftmost-longest whole-word hits within the folded range `range` of `folded`.
    pub fn find(
        &self,
        folded: &FoldedText,
        range: std::ops::Range<usize>,
    ) -> Vec<PhraseHit<'_, T>> {
        let mut all = self.all_hits(folded, range);
        all.sort_by(|a, b| {
            a.folded_start
                .cmp(&b.folded_start)
                .then(b.folded_end.cmp(&a.folded_end))
        });
        let mut out = Vec::new();
        let mut last_end = 0;
        for h in all {
            if h.folded_start < last_end {
                continue;
            }
            last_end = h.folded_end;
            out.push(h);
        }
        out
    }

    /// Number of distinct folded phrases.
    pub fn len(&self) -> usize {
        self.payloads.len()
    }

    /// True when the set has no phrase.
    pub fn is_empty(&self) -> bool {
        self.payloads.is_empty()
    }

    /// True when any phrase occurs on whole words in the folded range.
    pub fn any_in(&self, folded: &FoldedText, range: std::ops::Range<usize>) -> bool {
        !self.find(folded, range).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_on_words() {
        let set = PhraseSet::new([("joint operation", 1), ("operation", 2), ("ice", 3)]).unwrap();
        let text = "A Joint Operation in Iceland; then an operation.";
        let f = FoldedText::new(text);
        let hits = set.find(&f, 0..f.as_str().len());
        let got: Vec<(&str, i32)> = hits
            .iter()
            .map(|h| (h.span.of(text), h.payloads[0]))
            .collect();
        assert_eq!(got, vec![("Joint Operation", 1), ("operation", 2)]);
    }
}
