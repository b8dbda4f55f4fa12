//! `trawl gazetteer suggest`: candidate gazetteer rows from the entities a run found by pattern.
//!
//! Input: records (`records.jsonl` lines) of one or more runs. Output: one candidate per
//! entity, written as rows of the gazetteer CSV format (`gazetteers/README.md`), ready for a
//! reviewer to accept into a user gazetteer folder (`--gazetteers DIR`), after which the next
//! run links those names with `source: "gazetteer"`.
//!
//! Grouping: entities of one type whose names fold to the same text are one candidate; a name
//! that is only the end of exactly one longer candidate's name ("Ortega Saldívar" beside
//! "Julián Ortega Saldívar") is a variant of it. Every other surface a document used becomes
//! an alias: the end of the name (a surname) a weak alias, an all-capital acronym a
//! case-sensitive alias, anything else (a nickname) an alias. `notes` says in how many
//! documents the candidate was found, by which cue, and quotes the first evidence sentence.
//!
//! What it does not do: it never says who a person is, nor guesses a country, a parent or a
//! Wikidata id; those stay blank for the reviewer. It reads only pattern-found entities.

use crate::fold::fold_str;
use crate::fold::slug;
use crate::model::{EntitySource, EntityType, Record};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, Write};
use std::path::Path;

/// One candidate gazetteer row.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Entity type, which picks the file (`people.csv`…).
    pub kind: EntityType,
    /// Canonical name: the longest form found.
    pub name: String,
    /// Every surface written in the documents, name included.
    pub forms: BTreeSet<String>,
    /// Documents that mention it, by `doc_id`.
    pub documents: BTreeSet<String>,
    /// The cue of its first finding.
    pub cue: String,
    /// The document and sentence of its first finding.
    pub evidence: Option<(String, String)>,
}

impl Candidate {
    /// The gazetteer id: `<type>:<slug>`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.as_str(), slug(&self.name))
    }

    /// Aliases, weak aliases (ends of the name) and case-sensitive aliases (acronyms).
    pub fn alias_columns(&self) -> (Vec<String>, Vec<String>, Vec<String>) {
        let name = fold_str(&self.name);
        let (mut aliases, mut weak, mut exact) = (Vec::new(), Vec::new(), Vec::new());
        let mut seen: BTreeSet<String> = BTreeSet::from([name.clone()]);
        for f in &self.forms {
            if !seen.insert(fold_str(f)) {
                continue;
            }
            let letters: Vec<char> = f.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                exact.push(f.clone());
            } else if ends_with_words(&name, &fold_str(f)) {
                weak.push(f.clone());
            } else {
                aliases.push(f.clone());
            }
        }
        (aliases, weak, exact)
    }
}

/// True when `short` is the last words of `long`.
fn ends_with_words(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long[..long.len() - short.len()].ends_with(' ')
}

/// Why suggestions could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SuggestError {
    /// A records file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A line is not a trawl record.
    #[error("{path}:{line}: not a trawl record: {message}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The JSON error.
        message: String,
    },
}

/// Collect the pattern-found entities of every record in `files`, grouped into candidates,
/// in order of first finding.
pub fn collect(files: &[impl AsRef<Path>]) -> Result<Vec<Candidate>, SuggestError> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut index: BTreeMap<(EntityType, String), usize> = BTreeMap::new();
    for file in files {
        let path = file.as_ref().display().to_string();
        let f = std::fs::File::open(file).map_err(|source| SuggestError::Read {
            path: path.clone(),
            source,
        })?;
        for (n, line) in io::BufReader::new(f).lines().enumerate() {
            let line = line.map_err(|source| SuggestError::Read {
                path: path.clone(),
                source,
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let r: Record = serde_json::from_str(&line).map_err(|e| SuggestError::Parse {
                path: path.clone(),
                line: n + 1,
                message: e.to_string(),
            })?;
            for e in r
                .entities
                .iter()
                .filter(|e| e.source == EntitySource::Pattern)
            {
                let key = (e.kind, fold_str(&e.name));
                let i = *index.entry(key).or_insert_with(|| {
                    out.push(Candidate {
                        kind: e.kind,
                        name: e.name.clone(),
                        forms: BTreeSet::new(),
                        documents: BTreeSet::new(),
                        cue: e.cue.clone().unwrap_or_default(),
                        evidence: e
                            .evidence
                            .as_ref()
                            .map(|s| (r.doc_id.clone(), s.text.clone())),
                    });
                    out.len() - 1
                });
                let c = &mut out[i];
                c.documents.insert(r.doc_id.clone());
                c.forms.insert(e.name.clone());
                c.forms.extend(e.mentions.iter().map(|m| m.text.clone()));
            }
        }
    }
    Ok(merge_short_forms(out))
}

/// A candidate whose name ends exactly one longer candidate's name of the same type is a
/// variant of that one.
fn merge_short_forms(mut all: Vec<Candidate>) -> Vec<Candidate> {
    let folded: Vec<String> = all.iter().map(|c| fold_str(&c.name)).collect();
    let mut into: Vec<Option<usize>> = vec![None; all.len()];
    for (i, short) in folded.iter().enumerate() {
        let longer: Vec<usize> = (0..all.len())
            .filter(|&j| j != i && all[j].kind == all[i].kind && ends_with_words(&folded[j], short))
            .collect();
        if let [j] = longer[..] {
            into[i] = Some(j);
        }
    }
    for i in 0..all.len() {
        if let Some(mut j) = into[i] {
            // Follow chains ("Rivas" → "Mendoza Rivas" → "Luis Alberto Mendoza Rivas").
            while let Some(k) = into[j] {
                j = k;
            }
            let c = std::mem::replace(
                &mut all[i],
                Candidate {
                    kind: EntityType::Org,
                    name: String::new(),
                    forms: BTreeSet::new(),
                    documents: BTreeSet::new(),
                    cue: String::new(),
                    evidence: None,
                },
            );
            all[j].forms.extend(c.forms);
            all[j].documents.extend(c.documents);
        }
    }
    let mut i = 0;
    all.retain(|_| {
        i += 1;
        into[i - 1].is_none()
    });
    all
}

/// The file a type's rows go to.
pub fn file_name(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Agency => "agencies.csv",
        EntityType::Person => "people.csv",
        EntityType::Gang => "gangs.csv",
        EntityType::Country => "countries.csv",
        EntityType::Org => "orgs.csv",
    }
}

/// The gazetteer columns, in the order the shipped files use.
pub use super::ENTITY_COLUMNS as COLUMNS;

/// Write `candidates` as gazetteer rows with a header, `source` in every row.
pub fn write_csv<W: Write>(w: W, candidates: &[&Candidate], source: &str) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS).map_err(io::Error::other)?;
    for c in candidates {
        let (aliases, weak, exact) = c.alias_columns();
        let docs: Vec<&str> = c.documents.iter().map(String::as_str).collect();
        let mut notes = format!(
            "candidate found by trawl in {} document{} ({}); cue: {}",
            docs.len(),
            if docs.len() == 1 { "" } else { "s" },
            docs.join(", "),
            c.cue
        );
        if let Some((doc, sentence)) = &c.evidence {
            notes.push_str(&format!("; evidence ({doc}): {sentence}"));
        }
        let weak_all: Vec<String> = weak.iter().chain(exact.iter()).cloned().collect();
        out.write_record([
            c.id().as_str(),
            c.name.as_str(),
            aliases.join("|").as_str(),
            "",
            "",
            "",
            exact.join("|").as_str(),
            // A surname or an acronym alone names the entity only where it is named in full.
            weak_all.join("|").as_str(),
            "",
            notes.as_str(),
            source,
        ])
        .map_err(io::Error::other)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(kind: EntityType, name: &str, forms: &[&str], doc: &str) -> Candidate {
        Candidate {
            kind,
            name: name.into(),
            forms: forms.iter().map(|s| s.to_string()).collect(),
            documents: BTreeSet::from([doc.to_string()]),
            cue: "age".into(),
            evidence: None,
        }
    }

    #[test]
    fn surname_only_forms_join_the_full_name() {
        let all = vec![
            cand(
                EntityType::Person,
                "Julián Ortega Saldívar",
                &["Julián Ortega Saldívar", "El Flaco"],
                "a",
            ),
            cand(
                EntityType::Person,
                "Ortega Saldívar",
                &["Ortega Saldívar"],
                "b",
            ),
            cand(
                EntityType::Agency,
                "Unidade Nacional de Combate",
                &["UNC"],
                "a",
            ),
        ];
        let merged = merge_short_forms(all);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].documents.len(), 2);
        let (aliases, weak, exact) = merged[0].alias_columns();
        assert_eq!(aliases, ["El Flaco"]);
        assert_eq!(weak, ["Ortega Saldívar"]);
        assert!(exact.is_empty());
        assert_eq!(merged[1].alias_columns().2, ["UNC"]);
        assert_eq!(merged[0].id(), "person:julian-ortega-saldivar");
    }
}
