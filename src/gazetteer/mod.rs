//! Gazetteers: loading the entity lists, matching them in text, resolving what matched.
//!
//! Input: the shipped CSV files (embedded at build time) plus user folders
//! (`--gazetteers DIR`), and a document's folded text. Output: a [`Gazetteer`] built once and
//! shared by every thread, and per document a list of [`EntityRecord`](crate::model::EntityRecord)s
//! with every mention.
//!
//! The file format is documented in `gazetteers/README.md`. Loading fails with a
//! [`LoadError`] naming file, line and column for a malformed row (unknown column, missing
//! id, name or source, an id of the wrong type, a duplicate id within one folder). A user row
//! with the id of a shipped row replaces it.
//!
//! Matching semantics ([`matcher`]): case- and accent-insensitive by full Unicode folding,
//! whole words, leftmost-longest within a layer (countries are their own layer, so a country
//! named inside an agency's name is still a country mention), case-sensitive aliases only as
//! written. Resolution ([`resolve`]): weak aliases only count when the document names the
//! entity otherwise or names its country; an alias shared by several entities is resolved by
//! the countries the document names, and when it cannot be, the entity is written once with
//! its `candidates`.
//!
//! After resolution, [`learn`] adds the aliases a document teaches itself, [`patterns`] finds
//! people, agencies and gangs no list has by cues in the text (`source: "pattern"`), and
//! [`suggest`] turns those into candidate rows for a user gazetteer.

pub mod check;
pub mod learn;
pub mod matcher;
pub mod patterns;
pub mod resolve;
pub mod suggest;

use crate::model::EntityType;
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use matcher::Matcher;

/// One alias of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written in the gazetteer.
    pub text: String,
    /// Matched only exactly as written.
    pub case_sensitive: bool,
    /// Matched only when the document names the entity otherwise, or its country.
    pub weak: bool,
}

/// One entity: a row of an entity file.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable id (`agency:us-dea`).
    pub id: String,
    /// Type, from the file the row is in.
    pub kind: EntityType,
    /// Canonical name.
    pub name: String,
    /// The name and every alias.
    pub aliases: Vec<Alias>,
    /// ISO 3166-1 alpha-2 (upper case), if any.
    pub country: Option<String>,
    /// Parent entity id.
    pub parent: Option<String>,
    /// Wikidata Q-id.
    pub wikidata: Option<String>,
    /// Topic tags.
    pub topics: Vec<String>,
    /// Free notes.
    pub notes: String,
    /// Where the facts come from.
    pub source: String,
    /// The file it was loaded from.
    pub file: String,
}

/// A role a person held (`person_roles.csv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRole {
    /// Person id.
    pub person_id: String,
    /// Title.
    pub title: String,
    /// Organization id.
    pub organization_id: String,
    /// ISO date or blank.
    pub from: String,
    /// ISO date or blank.
    pub to: String,
    /// Source.
    pub source: String,
}

/// A designation (`designations.csv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Designation {
    /// Entity id.
    pub entity_id: String,
    /// Designating authority.
    pub authority: String,
    /// FTO, SDGT, TCO, SDNTK, OTHER.
    pub program: String,
    /// ISO date or blank.
    pub date: String,
    /// Source.
    pub source: String,
}

/// A loaded gazetteer file, for `run.json`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FileInfo {
    /// `gazetteers/agencies.csv` for a shipped file, the path for a user file.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Number of rows.
    pub entries: usize,
}

/// A malformed gazetteer row or file: where and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct LoadError {
    /// The file.
    pub file: String,
    /// 1-based line, 0 when the error is about the whole file.
    pub line: u64,
    /// The column name, if the error is about one cell.
    pub column: Option<String>,
    /// Why.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(c) = &self.column {
            write!(f, " (column {c})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The shipped files, embedded at build time: (file name, contents).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "agencies.csv",
        include_str!("../../gazetteers/agencies.csv"),
    ),
    ("people.csv", include_str!("../../gazetteers/people.csv")),
    ("gangs.csv", include_str!("../../gazetteers/gangs.csv")),
    (
        "countries.csv",
        include_str!("../../gazetteers/countries.csv"),
    ),
    ("orgs.csv", include_str!("../../gazetteers/orgs.csv")),
    (
        "person_roles.csv",
        include_str!("../../gazetteers/person_roles.csv"),
    ),
    (
        "designations.csv",
        include_str!("../../gazetteers/designations.csv"),
    ),
];

/// The columns of an entity file, in the order the shipped files use.
pub const ENTITY_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "aliases",
    "country",
    "parent",
    "wikidata",
    "case_sensitive_aliases",
    "weak_aliases",
    "topics",
    "notes",
    "source",
];
const ROLE_COLUMNS: [&str; 6] = [
    "person_id",
    "title",
    "organization_id",
    "from",
    "to",
    "source",
];
const DESIGNATION_COLUMNS: [&str; 5] = ["entity_id", "authority", "program", "date", "source"];

/// The entity type an entity file holds, by its name.
pub fn file_type(name: &str) -> Option<EntityType> {
    Some(match name {
        "agencies.csv" => EntityType::Agency,
        "people.csv" => EntityType::Person,
        "gangs.csv" => EntityType::Gang,
        "countries.csv" => EntityType::Country,
        "orgs.csv" => EntityType::Org,
        _ => return None,
    })
}

/// Every entity, the side tables, and the compiled matcher.
#[derive(Debug)]
pub struct Gazetteer {
    /// Entities, in load order (shipped files first, user overrides in place).
    pub entities: Vec<Entity>,
    /// Index of each id in `entities`.
    pub by_id: HashMap<String, usize>,
    /// Person roles.
    pub roles: Vec<PersonRole>,
    /// Designations.
    pub designations: Vec<Designation>,
    /// The files loaded, in order.
    pub files: Vec<FileInfo>,
    /// The compiled matcher.
    pub matcher: Matcher,
}

/// Builds a [`Gazetteer`] from the shipped files and user folders.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    shipped: bool,
    user_dirs: Vec<PathBuf>,
    extra: Vec<(String, String)>,
}

impl GazetteerBuilder {
    /// A builder that starts from the shipped files.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder {
            shipped: true,
            user_dirs: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// Leave the shipped files out (for tests and benchmarks).
    pub fn shipped(mut self, yes: bool) -> GazetteerBuilder {
        self.shipped = yes;
        self
    }

    /// Add a user folder on top.
    pub fn user_dir(mut self, dir: impl Into<PathBuf>) -> GazetteerBuilder {
        self.user_dirs.push(dir.into());
        self
    }

    /// Add a file from memory, by its file name (`agencies.csv`) and contents.
    pub fn file(mut self, name: &str, contents: &str) -> GazetteerBuilder {
        self.extra.push((name.to_string(), contents.to_string()));
        self
    }

    /// Load, validate and compile.
    pub fn build(self) -> Result<Gazetteer, LoadError> {
        let mut loader = Loader::default();
        if self.shipped {
            for (name, contents) in SHIPPED {
                loader.load_file(name, &format!("gazetteers/{name}"), contents, false)?;
            }
        }
        for dir in &self.user_dirs {
            loader.load_dir(dir)?;
        }
        for (name, contents) in &self.extra {
            loader.load_file(name, name, contents, true)?;
        }
        loader.finish()
    }
}

#[derive(Default)]
struct Loader {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    roles: Vec<PersonRole>,
    designations: Vec<Designation>,
    files: Vec<FileInfo>,
}

impl Loader {
    fn load_dir(&mut self, dir: &Path) -> Result<(), LoadError> {
        let err = |m: String| LoadError {
            file: dir.display().to_string(),
            line: 0,
            column: None,
            message: m,
        };
        let rd = std::fs::read_dir(dir)
            .map_err(|e| err(format!("cannot read gazetteer folder: {e}")))?;
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        let mut found = false;
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // places.csv is the events stage's places layer (crate::places), not entities.
            if !name.ends_with(".csv") || name.starts_with('.') || name == "places.csv" {
                continue;
            }
            if file_type(&name).is_none()
                && name != "person_roles.csv"
                && name != "designations.csv"
            {
                return Err(LoadError {
                    file: path.display().to_string(),
                    line: 0,
                    column: None,
                    message: "unknown gazetteer file (expected agencies, people, gangs, countries, orgs, person_roles or designations .csv)".into(),
                });
            }
            let contents = std::fs::read_to_string(&path).map_err(|e| LoadError {
                file: path.display().to_string(),
                line: 0,
                column: None,
                message: format!("cannot read: {e}"),
            })?;
            self.load_file(&name, &path.display().to_string(), &contents, true)?;
            found = true;
        }
        if !found {
            return Err(err("no gazetteer CSV files in this folder".into()));
        }
        Ok(())
    }

    fn load_file(
        &mut self,
        name: &str,
        display: &str,
        contents: &str,
        user: bool,
    ) -> Result<(), LoadError> {
        let entries = if let Some(kind) = file_type(name) {
            self.load_entities(kind, display, contents, user)?
        } else if name == "person_roles.csv" {
            self.load_side(display, contents, &ROLE_COLUMNS, |c| PersonRole {
                person_id: c[0].clone(),
                title: c[1].clone(),
                organization_id: c[2].clone(),
                from: c[3].clone(),
                to: c[4].clone(),
                source: c[5].clone(),
            })
            .map(|v| {
                let n = v.len();
                self.roles.extend(v);
                n
            })?
        } else if name == "designations.csv" {
            self.load_side(display, contents, &DESIGNATION_COLUMNS, |c| Designation {
                entity_id: c[0].clone(),
                authority: c[1].clone(),
                program: c[2].clone(),
                date: c[3].clone(),
                source: c[4].clone(),
            })
            .map(|v| {
                let n = v.len();
                self.designations.extend(v);
                n
            })?
        } else {
            return Err(LoadError {
                file: display.into(),
                line: 0,
                column: None,
                message: "unknown gazetteer file".into(),
            });
        };
        self.files.push(FileInfo {
            path: display.to_string(),
            sha256: crate::ingest::sha256_hex(contents.as_bytes()),
            entries,
        });
        Ok(())
    }

    fn load_side<T>(
        &self,
        display: &str,
        contents: &str,
        columns: &[&str],
        make: impl Fn(&[String]) -> T,
    ) -> Result<Vec<T>, LoadError> {
        let (header, rows) = read_csv(display, contents)?;
        let idx = column_indexes(display, &header, columns, &["source"])?;
        let mut out = Vec::new();
        for (line, row) in rows {
            let cells: Vec<String> = idx
                .iter()
                .map(|i| i.and_then(|i| row.get(i)).unwrap_or("").trim().to_string())
                .collect();
            if cells[0].is_empty() {
                return Err(LoadError {
                    file: display.into(),
                    line,
                    column: Some(columns[0].into()),
                    message: "empty".into(),
                });
            }
            if let Some(p) = columns.iter().position(|c| *c == "source") {
                if cells[p].is_empty() {
                    return Err(LoadError {
                        file: display.into(),
                        line,
                        column: Some("source".into()),
                        message: "every row needs a source".into(),
                    });
                }
            }
            out.push(make(&cells));
        }
        Ok(out)
    }

    fn load_entities(
        &mut self,
        kind: EntityType,
        display: &str,
        contents: &str,
        user: bool,
    ) -> Result<usize, LoadError> {
        let (header, rows) = read_csv(display, contents)?;
        let idx = column_indexes(display, &header, &ENTITY_COLUMNS, &["id", "name", "source"])?;
        let mut seen_here: HashMap<String, u64> = HashMap::default();
        let mut n = 0;
        for (line, row) in rows {
            let cell = |name: &str| -> String {
                let i = ENTITY_COLUMNS
                    .iter()
                    .position(|c| *c == name)
                    .expect("known column");
                idx[i]
                    .and_then(|i| row.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let err = |column: &str, message: String| LoadError {
                file: display.into(),
                line,
                column: Some(column.into()),
                message,
            };
            let id = cell("id");
            let prefix = format!("{}:", kind.as_str());
            if id.is_empty() {
                return Err(err("id", "empty id".into()));
            }
            if !id.starts_with(&prefix) || id.len() == prefix.len() {
                return Err(err(
                    "id",
                    format!("id {id:?} must start with {prefix:?} in this file"),
                ));
            }
            if let Some(prev) = seen_here.insert(id.clone(), line) {
                return Err(err(
                    "id",
                    format!("duplicate id {id:?} (first on line {prev})"),
                ));
            }
            let name = cell("name");
            if name.is_empty() {
                return Err(err("name", "empty name".into()));
            }
            let source = cell("source");
            if source.is_empty() {
                return Err(err("source", "every row needs a source".into()));
            }
            let country = cell("country");
            let alpha2 = country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase());
            if !country.is_empty() && !alpha2 {
                return Err(err(
                    "country",
                    format!("{country:?} is not an ISO 3166-1 alpha-2 code (two capital letters)"),
                ));
            }
            let mut aliases = vec![Alias {
                text: name.clone(),
                case_sensitive: false,
                weak: false,
            }];
            for (column, case_sensitive, weak) in [
                ("aliases", false, false),
                ("case_sensitive_aliases", true, false),
                ("weak_aliases", false, true),
            ] {
                for a in split_list(&cell(column)) {
                    if crate::fold::fold_str(&a).trim().is_empty() {
                        return Err(err(column, format!("alias {a:?} is empty once folded")));
                    }
                    aliases.push(Alias {
                        text: a,
                        case_sensitive,
                        weak,
                    });
                }
            }
            merge_alias_flags(&mut aliases);
            let opt = |s: String| (!s.is_empty()).then_some(s);
            let entity = Entity {
                id: id.clone(),
                kind,
                name,
                aliases,
                country: opt(country),
                parent: opt(cell("parent")),
                wikidata: opt(cell("wikidata")),
                topics: split_list(&cell("topics")),
                notes: cell("notes"),
                source,
                file: display.to_string(),
            };
            match self.by_id.get(&id) {
                Some(&i) if user => self.entities[i] = entity,
                Some(_) => {
                    return Err(err(
                        "id",
                        format!("duplicate id {id:?} across shipped files"),
                    ))
                }
                None => {
                    self.by_id.insert(id, self.entities.len());
                    self.entities.push(entity);
                }
            }
            n += 1;
        }
        Ok(n)
    }

    fn finish(self) -> Result<Gazetteer, LoadError> {
        let matcher = Matcher::build(&self.entities).map_err(|m| LoadError {
            file: "gazetteers".into(),
            line: 0,
            column: None,
            message: m,
        })?;
        Ok(Gazetteer {
            entities: self.entities,
            by_id: self.by_id,
            roles: self.roles,
            designations: self.designations,
            files: self.files,
            matcher,
        })
    }
}

/// An alias listed in several columns is one alias with every flag it was given.
fn merge_alias_flags(aliases: &mut Vec<Alias>) {
    let mut out: Vec<Alias> = Vec::with_capacity(aliases.len());
    for a in aliases.drain(..) {
        if let Some(prev) = out.iter_mut().find(|p| p.text == a.text) {
            // Listing the name (or an alias) again as weak makes it weak: "Georgia" is a
            // country, a U.S. state and a first name, so its own name is weak.
            prev.case_sensitive |= a.case_sensitive;
            prev.weak |= a.weak;
        } else {
            out.push(a);
        }
    }
    *aliases = out;
}

/// Split a `|`-separated list cell.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

type Rows = Vec<(u64, csv::StringRecord)>;

fn read_csv(display: &str, contents: &str) -> Result<(csv::StringRecord, Rows), LoadError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(contents.as_bytes());
    let header = rdr
        .headers()
        .map_err(|e| LoadError {
            file: display.into(),
            line: 1,
            column: None,
            message: format!("bad header: {e}"),
        })?
        .clone();
    let mut rows = Vec::new();
    for r in rdr.records() {
        match r {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line()).unwrap_or(0);
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                rows.push((line, rec));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(LoadError {
                    file: display.into(),
                    line,
                    column: None,
                    message: format!("malformed row: {e}"),
                });
            }
        }
    }
    Ok((header, rows))
}

/// For each expected column, its index in the header; unknown columns are an error, and
/// `required` columns must be present.
fn column_indexes(
    display: &str,
    header: &csv::StringRecord,
    columns: &[&str],
    required: &[&str],
) -> Result<Vec<Option<usize>>, LoadError> {
    for (i, h) in header.iter().enumerate() {
        if !columns.contains(&h.trim()) {
            return Err(LoadError {
                file: display.into(),
                line: 1,
                column: Some(format!("{} ({h})", i + 1)),
                message: format!("unknown column {h:?}; expected {}", columns.join(",")),
            });
        }
    }
    let idx: Vec<Option<usize>> = columns
        .iter()
        .map(|c| header.iter().position(|h| h.trim() == *c))
        .collect();
    for r in required {
        let i = columns
            .iter()
            .position(|c| c == r)
            .expect("required column is known");
        if idx[i].is_none() {
            return Err(LoadError {
                file: display.into(),
                line: 1,
                column: Some((*r).into()),
                message: "required column missing".into(),
            });
        }
    }
    Ok(idx)
}

impl Gazetteer {
    /// The shipped gazetteers alone.
    pub fn shipped() -> Result<Gazetteer, LoadError> {
        GazetteerBuilder::new().build()
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED_ROW: &str =
        "id,name,aliases,country,source\nagency:xx-one,First Name,Alias One,US,test\n";

    #[test]
    fn a_user_row_overrides_a_shipped_row_by_id() {
        let g = GazetteerBuilder::new()
            .shipped(false)
            .file("agencies.csv", SHIPPED_ROW)
            .file(
                "agencies.csv",
                "id,name,aliases,source\nagency:xx-one,Renamed Body,Other Alias,user\n",
            )
            .build()
            .unwrap();
        let e = g.get("agency:xx-one").unwrap();
        assert_eq!(e.name, "Renamed Body");
        assert_eq!(
            e.aliases
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>(),
            vec!["Renamed Body", "Other Alias"]
        );
        assert_eq!(g.entities.len(), 1);
    }

    #[test]
    fn load_errors_name_file_line_and_column() {
        let cases = [
            (
                "agencies.csv",
                "id,name,source\nagency:a,A,s\nagency:a,B,s\n",
                3,
                "id",
                "duplicate id",
            ),
            (
                "agencies.csv",
                "id,name,source\nagency:a,,s\n",
                2,
                "name",
                "empty name",
            ),
            (
                "agencies.csv",
                "id,name,source\nagency:a,A,\n",
                2,
                "source",
                "source",
            ),
            (
                "agencies.csv",
                "id,name,source\ngang:a,A,s\n",
                2,
                "id",
                "must start with",
            ),
            (
                "agencies.csv",
                "id,name,country,source\nagency:a,A,usa,s\n",
                2,
                "country",
                "alpha-2",
            ),
            (
                "agencies.csv",
                "id,name,colour,source\n",
                1,
                "3 (colour)",
                "unknown column",
            ),
        ];
        for (file, contents, line, column, message) in cases {
            let err = GazetteerBuilder::new()
                .shipped(false)
                .file(file, contents)
                .build()
                .unwrap_err();
            assert_eq!(
                (err.line, err.column.as_deref()),
                (line, Some(column)),
                "{contents:?}: {err}"
            );
            assert!(err.message.contains(message), "{contents:?}: {err}");
        }
    }
}
