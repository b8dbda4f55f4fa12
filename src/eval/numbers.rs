//! Scoring the numbers extractor against a peer suite. (Being written.)

use std::path::PathBuf;

/// Score every suite file and return the printed table.
pub fn run(paths: &[PathBuf]) -> Result<String, String> {
    let _ = paths;
    Err("trawl eval numbers is not written yet".into())
}
