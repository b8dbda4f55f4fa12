//! What every table-driven test shares: reading its table from `tests/data/`, choosing cases
//! with `TRAWL_CASE=<part of a name>`, and reporting every failing case together instead of
//! stopping at the first.
//!
//! A table test reads `let table: MyTable = common::read_table("dates.toml");`, then for each
//! case asks `run.selects(&case.name)`, records problems with `run.fail(..)`, and ends with
//! `run.finish()`, which fails the test with the whole list.

// Each test binary compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashSet;

/// A table that is a list of `[[case]]`s and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cases<C> {
    pub case: Vec<C>,
}

/// Parse `tests/data/<file>`; a table that does not parse fails the test with the reason.
pub fn read_table<T: DeserializeOwned>(file: &str) -> T {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&source).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One pass over a table: which cases ran and what failed.
pub struct CaseRun {
    filter: String,
    names: HashSet<String>,
    ran: usize,
    failures: Vec<String>,
}

impl CaseRun {
    /// Reads the `TRAWL_CASE` filter (empty: every case).
    pub fn new() -> CaseRun {
        CaseRun {
            filter: std::env::var("TRAWL_CASE").unwrap_or_default(),
            names: HashSet::new(),
            ran: 0,
            failures: Vec::new(),
        }
    }

    /// Whether the case named `name` runs under the filter. Case names must be unique, so a
    /// failure points at exactly one case.
    pub fn selects(&mut self, name: &str) -> bool {
        assert!(
            self.names.insert(name.to_string()),
            "duplicate case name {name}"
        );
        let selected = name.contains(&self.filter);
        self.ran += usize::from(selected);
        selected
    }

    /// Record a failure; the message should name the case.
    pub fn fail(&mut self, message: String) {
        self.failures.push(message);
    }

    /// Fail the test if no case ran or any failed, listing every failure.
    pub fn finish(self) {
        assert!(self.ran > 0, "no case matches TRAWL_CASE={:?}", self.filter);
        assert!(
            self.failures.is_empty(),
            "{} of {} cases failed:\n{}",
            self.failures.len(),
            self.ran,
            self.failures.join("\n")
        );
    }
}
