//! One phrase trie over every folded alias, and the matching rules.
//!
//! The [`PhraseSet`] reports every occurrence of every folded alias on whole words
//! (overlapping ones included), so "ICE" never matches inside "Iceland" and "Fiscalía" not
//! inside "Fiscalías"; both ends map back to original character boundaries
//! ([`crate::fold::FoldedText`]). A match becomes a hit for a case-sensitive alias only when
//! the original surface is exactly the alias.
//!
//! Because these checks happen before the leftmost-longest choice, a long match that fails
//! them cannot hide a valid shorter one. [`select`] then keeps, within one layer, the
//! leftmost match and among those starting there the longest, and repeats after its end.
//! Layers: countries are one layer and every other type another, so "Policía Nacional del
//! Perú" is an agency mention and "Perú" inside it is still a country mention.

use super::{Alias, Entity};
use crate::fold::FoldedText;
use crate::lexicon::PhraseSet;
use crate::model::{EntityType, Span};

/// A reference from an automaton pattern to the alias of an entity it stands for.
///
/// It carries the alias's flags and its entity's layer, so that matching and resolving read
/// them from the reference in hand: looking them up in the entity and alias tables cost a
/// cache miss or more per hit, the most expensive part of matching a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AliasRef {
    /// Index of the entity.
    pub entity: u32,
    /// Index of the alias in the entity's aliases.
    pub alias: u32,
    /// [`AliasRef::CASE_SENSITIVE`], [`AliasRef::WEAK`], [`AliasRef::COUNTRY`].
    flags: u8,
}

impl AliasRef {
    /// The alias matches only exactly as written.
    const CASE_SENSITIVE: u8 = 1;
    /// The alias is weak ([`Alias::weak`]).
    const WEAK: u8 = 2;
    /// The entity is a country (layer 1).
    const COUNTRY: u8 = 4;

    fn new(entity: usize, alias: usize, e: &Entity, a: &Alias) -> AliasRef {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        AliasRef {
            entity: entity as u32,
            alias: alias as u32,
            flags: flag(a.case_sensitive, Self::CASE_SENSITIVE)
                | flag(a.weak, Self::WEAK)
                | flag(e.kind == EntityType::Country, Self::COUNTRY),
        }
    }

    /// The alias counts only where the document names its entity otherwise.
    pub fn is_weak(&self) -> bool {
        self.flags & Self::WEAK != 0
    }

    fn is_case_sensitive(&self) -> bool {
        self.flags & Self::CASE_SENSITIVE != 0
    }

    /// 0 for agencies, people, gangs and orgs; 1 for countries.
    fn layer(&self) -> u8 {
        u8::from(self.flags & Self::COUNTRY != 0)
    }
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

/// The compiled automaton: every folded alias, with the aliases it stands for.
#[derive(Debug)]
pub struct Matcher {
    aliases: PhraseSet<AliasRef>,
}

impl Matcher {
    /// Compile every alias of every entity.
    pub fn build(entities: &[Entity]) -> Result<Matcher, String> {
        let refs = entities.iter().enumerate().flat_map(|(ei, e)| {
            e.aliases
                .iter()
                .enumerate()
                .map(move |(ai, a)| (a.text.as_str(), AliasRef::new(ei, ai, e, a)))
        });
        Ok(Matcher {
            aliases: PhraseSet::new(refs)?,
        })
    }

    /// Number of distinct folded aliases.
    pub fn pattern_count(&self) -> usize {
        self.aliases.len()
    }

    /// Every valid hit in `text` (whose folded form is `folded`), before layer selection.
    pub fn hits(&self, text: &str, folded: &FoldedText, entities: &[Entity]) -> Vec<Hit> {
        let mut out = Vec::new();
        for h in self.aliases.all_hits(folded, 0..folded.as_str().len()) {
            // Most surfaces stand for aliases of one layer that match in any case: their hit
            // takes the payloads as they are, in one allocation.
            let layer = h.payloads.first().map_or(0, AliasRef::layer);
            if !h.payloads.is_empty()
                && h.payloads
                    .iter()
                    .all(|r| !r.is_case_sensitive() && r.layer() == layer)
            {
                out.push(Hit {
                    span: h.span,
                    layer,
                    refs: h.payloads.to_vec(),
                });
                continue;
            }
            let surface = h.span.of(text);
            let mut layers: [Vec<AliasRef>; 2] = [Vec::new(), Vec::new()];
            for r in h.payloads {
                if r.is_case_sensitive() {
                    let a: &Alias = &entities[r.entity as usize].aliases[r.alias as usize];
                    if !same_as_written(surface, &a.text) {
                        continue;
                    }
                }
                layers[usize::from(r.layer())].push(*r);
            }
            for (layer, refs) in layers.into_iter().enumerate() {
                if !refs.is_empty() {
                    out.push(Hit {
                        span: h.span,
                        layer: layer as u8,
                        refs,
                    });
                }
            }
        }
        out
    }
}

/// Sort hits for [`select`]: by layer, then start, longest first (stable).
pub fn selection_order(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        a.layer
            .cmp(&b.layer)
            .then(a.span.start.cmp(&b.span.start))
            .then(b.span.end.cmp(&a.span.end))
    });
}

/// Within each layer, leftmost-longest non-overlapping hits among those with an alias `keep`
/// accepts, as indices into `hits` (in [`selection_order`]), sorted by start and layer.
pub fn select(hits: &[Hit], keep: &dyn Fn(&AliasRef) -> bool) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(hits.len());
    let mut last: Option<(u8, usize)> = None;
    for (i, h) in hits.iter().enumerate() {
        if !h.refs.iter().any(keep) {
            continue;
        }
        if let Some((layer, end)) = last {
            if layer == h.layer && h.span.start < end {
                continue;
            }
        }
        last = Some((h.layer, h.span.end));
        out.push(i);
    }
    // Stable, so equal keys keep the selection order.
    out.sort_by_key(|&i| (hits[i].span.start, hits[i].layer));
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
