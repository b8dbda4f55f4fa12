//! `trawl gazetteer check`: what a loaded gazetteer holds and what looks wrong in it.
//!
//! Loading already rejects malformed rows (with file, line and column). This report adds what
//! is legal but worth a look: aliases shared by several entities (ambiguities, resolved per
//! document by country), aliases that are common words of a language (warnings), and side-table
//! rows that point at ids no entity file has.

use super::Gazetteer;
use crate::fold::fold_str;
use crate::languages::{self, LANGUAGES};
use crate::model::EntityType;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

#[derive(Deserialize)]
struct StopWords {
    stop_words: Vec<String>,
}

/// Everything the check found, ready to print.
#[derive(Debug, Default)]
pub struct Report {
    /// Entities per type.
    pub counts: BTreeMap<&'static str, usize>,
    /// Aliases and totals.
    pub aliases: usize,
    /// Folded alias → entity ids, for aliases shared by several entities.
    pub ambiguities: BTreeMap<String, Vec<String>>,
    /// Warnings (common words, dangling references).
    pub warnings: Vec<String>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        writeln!(s, "entities:").ok();
        for t in EntityType::ALL {
            writeln!(
                s,
                "  {:<10}{:>6}",
                t.as_str(),
                self.counts.get(t.as_str()).copied().unwrap_or(0)
            )
            .ok();
        }
        writeln!(s, "aliases: {}", self.aliases).ok();
        writeln!(
            s,
            "ambiguous aliases (resolved per document by the countries it names): {}",
            self.ambiguities.len()
        )
        .ok();
        for (alias, ids) in &self.ambiguities {
            writeln!(s, "  {alias:?}: {}", ids.join(", ")).ok();
        }
        writeln!(s, "warnings: {}", self.warnings.len()).ok();
        for w in &self.warnings {
            writeln!(s, "  {w}").ok();
        }
        f.write_str(&s)
    }
}

/// Build the report for a loaded gazetteer.
pub fn report(g: &Gazetteer) -> Report {
    let mut r = Report::default();
    let mut by_alias: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in &g.entities {
        *r.counts.entry(e.kind.as_str()).or_default() += 1;
        for a in &e.aliases {
            r.aliases += 1;
            by_alias
                .entry(fold_str(&a.text))
                .or_default()
                .insert(e.id.clone());
        }
    }
    for (alias, ids) in &by_alias {
        if ids.len() > 1 {
            r.ambiguities
                .insert(alias.clone(), ids.iter().cloned().collect());
        }
    }
    for d in LANGUAGES {
        if let Ok(sw) = languages::parse::<StopWords>(d.lang, "text.toml", d.text) {
            for w in sw.stop_words {
                let f = fold_str(&w);
                for e in &g.entities {
                    for a in &e.aliases {
                        if !a.case_sensitive && !a.weak && fold_str(&a.text) == f {
                            r.warnings.push(format!(
                                "{} ({}): alias {:?} is a common {} word; make it case-sensitive or weak",
                                e.id, e.file, a.text, d.lang
                            ));
                        }
                    }
                }
            }
        }
    }
    for role in &g.roles {
        if g.get(&role.person_id).is_none() {
            r.warnings.push(format!(
                "person_roles: unknown person id {:?}",
                role.person_id
            ));
        }
        if !role.organization_id.is_empty() && g.get(&role.organization_id).is_none() {
            r.warnings.push(format!(
                "person_roles: {} has unknown organization id {:?}",
                role.person_id, role.organization_id
            ));
        }
    }
    for d in &g.designations {
        if g.get(&d.entity_id).is_none() {
            r.warnings
                .push(format!("designations: unknown entity id {:?}", d.entity_id));
        }
    }
    for e in &g.entities {
        if let Some(p) = &e.parent {
            if g.get(p).is_none() {
                r.warnings
                    .push(format!("{} ({}): unknown parent id {p:?}", e.id, e.file));
            }
        }
    }
    r
}
