//! Accuracy measurement against the converted peer suites (`../shared/eval` in development).
//!
//! `trawl eval <kind> <suite.jsonl>...` reads JSON Lines test cases, runs the matching
//! extractor on each and prints a table. Nothing here is needed to use trawl: the suites live
//! outside the project and are read from wherever they are given.

pub mod dates;
pub mod langid;
pub mod numbers;

use std::path::Path;

/// Read a JSON Lines file into values, naming the file and line on a malformed line.
pub fn read_jsonl(path: &Path) -> Result<Vec<serde_json::Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?,
        );
    }
    Ok(out)
}

/// Precision, recall and F1 from counts.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
