//! One Aho-Corasick automaton over every folded alias, and the matching rules.
//!
//! The automaton reports every occurrence of every folded alias (overlapping). A raw match
//! becomes a hit only when
//! - it starts and ends on a word boundary of the folded text (the character before it and
//!   the character after it are not letters or digits, wherever the alias itself starts or
//!   ends with one), so "ICE" never matches inside "Iceland" and "Fiscalía" not inside
//!   "Fiscalías";
//! - both ends map back to original character boundaries ([`crate::fold::FoldedText`]);
//! - for a case-sensitive alias, the original surface is exactly the alias.
//!
//! Because these checks happen before the leftmost-longest choice, a long match that fails
//! them cannot hide a valid shorter one. [`select`] then keeps, within one layer, the
//! leftmost match and among those starting there the longest, and repeats after its end.
//! Layers: countries are one layer and every other type another, so "Policía Nacional del
//! Perú" is an agency mention and "Perú" inside it is still a country mention.

use super::{Alias, Entity};
use crate::fold::{fold_str, FoldedText};
use crate::model::{EntityType, Span};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// A reference from an automaton pattern to the alias of an entity it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AliasRef {
    /// Index of the entity.
    pub entity: u32,
    /// Index of the alias in the entity's aliases.
    pub alias: u32,
}

/// A match that passed the boundary and case checks, with the aliases it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The original span.
    pub span: Span,
    /// The layer: 0 for agencies, people, gangs and orgs; 1 for countries.
    pub layer: u8,
    /// Every alias this surface is, in this layer.
    pub refs: Vec<AliasRef>,
}

/// The compiled automaton and its pattern table.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern id, the aliases it stands for.
    patterns: Vec<Vec<AliasRef>>,
}

impl Matcher {
    /// Compile every alias of every entity.
    pub fn build(entities: &[Entity]) -> Result<Matcher, String> {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut folded: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<AliasRef>> = Vec::new();
        for (ei, e) in entities.iter().enumerate() {
            for (ai, a) in e.aliases.iter().enumerate() {
                let f = fold_str(a.text.trim());
                if f.is_empty() {
                    continue;
                }
                let pid = *ids.entry(f.clone()).or_insert_with(|| {
                    folded.push(f);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                let r = AliasRef {
                    entity: ei as u32,
                    alias: ai as u32,
                };
                if !patterns[pid].contains(&r) {
                    patterns[pid].push(r);
                }
            }
        }
        let automaton = if folded.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&folded)
                    .map_err(|e| format!("cannot build the gazetteer automaton: {e}"))?,
            )
        };
        Ok(Matcher {
            automaton,
            patterns,
        })
    }

    /// Number of distinct folded aliases.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every valid hit in `text` (whose folded form is `folded`), before layer selection.
    pub fn hits(&self, text: &str, folded: &FoldedText, entities: &[Entity]) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let f = folded.as_str();
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(f) {
            let (fs, fe) = (m.start(), m.end());
            if !on_word_boundaries(f, fs, fe) {
                continue;
            }
            let Some(span) = folded.original_span(fs, fe) else {
                continue;
            };
            let surface = span.of(text);
            let mut layers: [Vec<AliasRef>; 2] = [Vec::new(), Vec::new()];
            for r in &self.patterns[m.pattern().as_usize()] {
                let e = &entities[r.entity as usize];
                let a: &Alias = &e.aliases[r.alias as usize];
                if a.case_sensitive && !same_as_written(surface, &a.text) {
                    continue;
                }
                let layer = usize::from(e.kind == EntityType::Country);
                layers[layer].push(*r);
            }
            for (layer, refs) in layers.into_iter().enumerate() {
                if !refs.is_empty() {
                    out.push(Hit {
                        span,
                        layer: layer as u8,
                        refs,
                    });
                }
            }
        }
        out
    }
}

/// Within each layer, leftmost-longest non-overlapping hits; output sorted by start.
pub fn select(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        a.layer
            .cmp(&b.layer)
            .then(a.span.start.cmp(&b.span.start))
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut last: Option<(u8, usize)> = None;
    for h in hits {
        if let Some((layer, end)) = last {
            if layer == h.layer && h.span.start < end {
                continue;
            }
        }
        last = Some((h.layer, h.span.end));
        out.push(h);
    }
    out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.layer.cmp(&b.layer)));
    out
}

/// Case-sensitive comparison that still treats typographic and straight apostrophes alike.
fn same_as_written(surface: &str, alias: &str) -> bool {
    let norm = |c: char| {
        if matches!(c, '’' | '‘' | 'ʼ') {
            '\''
        } else {
            c
        }
    };
    surface.chars().map(norm).eq(alias.trim().chars().map(norm))
}

/// True when `f[fs..fe]` does not cut a word: where the match starts with a letter or digit
/// the character before it is not one, and likewise at the end.
pub fn on_word_boundaries(f: &str, fs: usize, fe: usize) -> bool {
    let inner = &f[fs..fe];
    let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back()) else {
        return false;
    };
    if first.is_alphanumeric()
        && f[..fs]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    if last.is_alphanumeric() && f[fe..].chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    true
}
