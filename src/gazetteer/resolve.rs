//! From hits to entities: weak aliases, ambiguity, one record per entity.
//!
//! 1. Strong aliases alone are selected leftmost-longest; the entities they name without
//!    ambiguity, and the countries among them, are what "the document names".
//! 2. A weak alias counts only for an entity the document names, or whose country it names.
//!    Selection runs again with the weak aliases that count.
//! 3. A surface that is an alias of several entities keeps the ones the document names (or
//!    whose country it names); when exactly one remains it is that entity, otherwise the
//!    mention goes to one entity record listing every remaining id in `candidates`.
//!
//! 4. An agency's or organization's name followed by a link word and its own country on the
//!    same line ("Policía Nacional Civil de Guatemala") is one mention; the country stays a
//!    country mention inside it.
//!
//! Entities are written in the order of their first mention; mentions in text order.

use super::matcher::{select, selection_order, AliasRef};
use super::Gazetteer;
use crate::fold::FoldedText;
use crate::model::{EntityRecord, EntitySource, EntityType, SpanText};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Find and resolve every gazetteer entity in `text`.
pub fn entities(g: &Gazetteer, text: &str, folded: &FoldedText) -> Vec<EntityRecord> {
    let mut raw = g.matcher.hits(text, folded, &g.entities);
    if raw.is_empty() {
        return Vec::new();
    }
    // Both selections below walk the hits in the same order: sort them once. A selection
    // skips the aliases it does not keep in place, rather than copying the hits without them.
    selection_order(&mut raw);
    // The distinct entities of a hit's kept aliases, in increasing order, in `out`.
    let distinct = |refs: &[AliasRef], keep: &dyn Fn(&AliasRef) -> bool, out: &mut Vec<u32>| {
        out.clear();
        out.extend(refs.iter().filter(|r| keep(r)).map(|r| r.entity));
        out.sort_unstable();
        out.dedup();
    };
    let mut ents: Vec<u32> = Vec::new();

    // 1. What the document names by strong aliases alone.
    let strong = |r: &AliasRef| !r.is_weak();
    let mut named: HashSet<u32> = HashSet::default();
    for i in select(&raw, &strong) {
        distinct(&raw[i].refs, &strong, &mut ents);
        if ents.len() == 1 {
            named.insert(ents[0]);
        }
    }
    let countries: HashSet<&str> = named
        .iter()
        .map(|&e| &g.entities[e as usize])
        .filter(|e| e.kind == EntityType::Country)
        .filter_map(|e| e.country.as_deref())
        .collect();
    let supported = |e: u32| {
        named.contains(&e)
            || g.entities[e as usize]
                .country
                .as_deref()
                .is_some_and(|c| countries.contains(c))
    };

    // 2. Weak aliases that count, and selection again.
    let usable = |r: &AliasRef| !r.is_weak() || supported(r.entity);

    // 3. One entity (or one candidate set) per hit: mentions grouped by key, keys in the
    // order of their first mention.
    let mut groups: Vec<(Vec<u32>, Vec<SpanText>)> = Vec::new();
    let mut group_of: HashMap<Vec<u32>, usize> = HashMap::default();
    let mut narrowed: Vec<u32> = Vec::new();
    for i in select(&raw, &usable) {
        let h = &raw[i];
        distinct(&h.refs, &usable, &mut ents);
        let mut key: &[u32] = &ents;
        if ents.len() > 1 {
            narrowed.clear();
            narrowed.extend(ents.iter().copied().filter(|&e| supported(e)));
            if !narrowed.is_empty() {
                key = &narrowed;
            }
        }
        let at = match group_of.get(key) {
            Some(&at) => at,
            None => {
                group_of.insert(key.to_vec(), groups.len());
                groups.push((key.to_vec(), Vec::new()));
                groups.len() - 1
            }
        };
        groups[at].1.push(SpanText::new(text, h.span));
    }
    let mut records: Vec<EntityRecord> = groups
        .into_iter()
        .map(|(key, mentions)| {
            // The record is the entity with the least id (ids are unique in a gazetteer).
            let first = key
                .iter()
                .map(|&e| &g.entities[e as usize])
                .min_by(|a, b| a.id.cmp(&b.id))
                .expect("a key names an entity");
            let candidates = if key.len() > 1 {
                let mut ids: Vec<String> = key
                    .iter()
                    .map(|&e| g.entities[e as usize].id.clone())
                    .collect();
                ids.sort_unstable();
                ids
            } else {
                Vec::new()
            };
            EntityRecord {
                id: first.id.clone(),
                kind: first.kind,
                name: first.name.clone(),
                source: EntitySource::Gazetteer,
                candidates,
                cue: None,
                confidence: None,
                evidence: None,
                mentions,
            }
        })
        .collect();
    attach_countries(g, text, &mut records);
    records
}

#[derive(serde::Deserialize)]
struct CountryLinks {
    #[serde(default)]
    country_links: Vec<String>,
}

/// "of", "de la", "do"… between a generic name and its country: the `country_links` of every
/// language's `text.toml`, longest first.
static COUNTRY_LINK: LazyLock<Regex> = LazyLock::new(|| {
    let mut links: Vec<String> = Vec::new();
    for d in crate::languages::LANGUAGES {
        // The tables are embedded and tested; a broken one only loses this refinement.
        if let Ok(t) = crate::languages::parse::<CountryLinks>(d.lang, "text.toml", d.text) {
            links.extend(t.country_links);
        }
    }
    links.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    links.dedup();
    let alternatives: Vec<String> = links
        .iter()
        .map(|l| {
            l.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    Regex::new(&format!(r"^\s+(?:{})\s*", alternatives.join("|"))).expect("escaped alternatives")
});

/// "Policía Nacional Civil de Guatemala": a name followed by a link word and the entity's own
/// country is one mention, with the country still a country mention inside it.
fn attach_countries(g: &Gazetteer, text: &str, records: &mut [EntityRecord]) {
    let country_mentions: Vec<(usize, usize, String)> = records
        .iter()
        .filter(|r| r.kind == EntityType::Country && r.candidates.is_empty())
        .filter_map(|r| g.get(&r.id).and_then(|e| e.country.clone()).map(|c| (r, c)))
        .flat_map(|(r, c)| r.mentions.iter().map(move |m| (m.start, m.end, c.clone())))
        .collect();
    for r in records.iter_mut() {
        // Bodies are named after their country; a person or a gang is not ("Kristi Noem of the
        // United States" is a person and a country).
        if !matches!(r.kind, EntityType::Agency | EntityType::Org) || !r.candidates.is_empty() {
            continue;
        }
        let Some(own) = g.get(&r.id).and_then(|e| e.country.clone()) else {
            continue;
        };
        for m in r.mentions.iter_mut() {
            let Some(link) = COUNTRY_LINK.find(&text[m.end..]) else {
                continue;
            };
            let at = m.end + link.end();
            // A name does not run on over a line break.
            if text[m.end..at].contains(['\n', '\r']) {
                continue;
            }
            if let Some((_, end, _)) = country_mentions
                .iter()
                .find(|(s, _, c)| *s == at && *c == own)
            {
                *m = SpanText::new(text, crate::model::Span::new(m.start, *end));
            }
        }
    }
}
