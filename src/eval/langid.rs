//! Scoring the langid extractor against a peer suite. (Being written.)

use std::path::PathBuf;

/// Score every suite file and return the printed table.
pub fn run(paths: &[PathBuf]) -> Result<String, String> {
    let _ = paths;
    Err("trawl eval langid is not written yet".into())
}
