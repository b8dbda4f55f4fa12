//! Places: where events happened, from `gazetteers/places.csv` (capitals and major cities of
//! the Americas and Europe, U.S., Mexican, Canadian and Brazilian states).
//!
//! A separate layer from the entity gazetteer: places never become entities or country
//! mentions, and a place inside an entity's mention ("Québec" in "Sûreté du Québec",
//! "Washington" in "INTERPOL Washington") is no place. Matching is folded, on whole words,
//! leftmost-longest, and the surface must start with a capital letter ("Nice", not "nice").
//! Countries are not in the file: an event's place falls back to a country entity.

use crate::fold::FoldedText;
use crate::gazetteer::split_list;
use crate::lexicon::PhraseSet;
use crate::model::{EntityRecord, PlaceMention};

/// The shipped places file, embedded at build time.
pub const PLACES_CSV: &str = include_str!("../gazetteers/places.csv");

#[derive(Debug, Clone)]
struct Place {
    id: String,
    name: String,
    kind: String,
    country: String,
}

/// The compiled places gazetteer.
#[derive(Debug)]
pub struct PlaceMatcher {
    places: Vec<Place>,
    set: PhraseSet<usize>,
}

impl PlaceMatcher {
    /// Load the shipped places.
    pub fn shipped() -> Result<PlaceMatcher, String> {
        PlaceMatcher::from_csv(PLACES_CSV)
    }

    /// Load places from CSV text with columns id, name, aliases, kind, country, source.
    pub fn from_csv(text: &str) -> Result<PlaceMatcher, String> {
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        let mut places = Vec::new();
        let mut phrases = Vec::new();
        for (i, row) in rd.records().enumerate() {
            let row = row.map_err(|e| format!("gazetteers/places.csv: {e}"))?;
            let get = |n: usize| row.get(n).unwrap_or("").trim().to_string();
            let (id, name, aliases, kind, country) = (get(0), get(1), get(2), get(3), get(4));
            if id.is_empty() || name.is_empty() {
                return Err(format!(
                    "gazetteers/places.csv line {}: id and name are required",
                    i + 2
                ));
            }
            let n = places.len();
            phrases.push((name.clone(), n));
            for a in split_list(&aliases) {
                phrases.push((a, n));
            }
            places.push(Place {
                id,
                name,
                kind,
                country,
            });
        }
        Ok(PlaceMatcher {
            places,
            set: PhraseSet::new(phrases)?,
        })
    }

    /// Every place mentioned in `text`, in text order, outside entity mentions.
    pub fn find(
        &self,
        text: &str,
        folded: &FoldedText,
        entities: &[EntityRecord],
    ) -> Vec<PlaceMention> {
        let mut out = Vec::new();
        for h in self.set.find(folded, 0..folded.as_str().len()) {
            let surface = h.span.of(text);
            if !surface.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let inside = entities.iter().any(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.start < h.span.end && h.span.start < m.end)
            });
            if inside {
                continue;
            }
            let p = &self.places[h.payloads[0]];
            out.push(PlaceMention {
                id: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind.clone(),
                country: p.country.clone(),
                start: h.span.start,
                end: h.span.end,
                text: surface.to_string(),
            });
        }
        out
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when there is no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}
