//! Counts and money: numbers attached to what they count, and amounts of money.
//!
//! (Being written: see issue 5.)

use crate::model::{CountMention, DateMention, MoneyMention, TextView};

/// The count and money extractor, built once from every language's `numbers.toml`.
#[derive(Debug)]
pub struct CountExtractor {}

impl CountExtractor {
    /// Build from the embedded language tables.
    pub fn new() -> Result<CountExtractor, String> {
        Ok(CountExtractor {})
    }

    /// Every count and amount of money in the text. `countries` are the ISO alpha-2 codes of
    /// the countries the document names (to tell which peso is meant); numbers inside `dates` are
    /// parts of dates, not counts.
    pub fn extract(
        &self,
        _view: &TextView,
        _countries: &[String],
        _dates: &[DateMention],
    ) -> (Vec<CountMention>, Vec<MoneyMention>) {
        (Vec::new(), Vec::new())
    }
}
