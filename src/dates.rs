//! Dates: finding date expressions and normalizing them to ISO 8601.
//!
//! (Being written: see issue 4.)

use crate::model::{DateMention, ReferenceDate, TextView};

/// The date extractor, built once from every language's `dates.toml`.
#[derive(Debug)]
pub struct DateExtractor {}

impl DateExtractor {
    /// Build from the embedded language tables.
    pub fn new() -> Result<DateExtractor, String> {
        Ok(DateExtractor {})
    }

    /// The document's own reference date (dateline, publication line) or one in its file
    /// name; `None` when neither states one.
    pub fn reference_date(&self, _view: &TextView, _file_name: &str) -> Option<ReferenceDate> {
        None
    }

    /// Every date in the text, resolved against `reference` when given.
    pub fn extract(
        &self,
        _view: &TextView,
        _reference: Option<&ReferenceDate>,
    ) -> Vec<DateMention> {
        Vec::new()
    }
}
