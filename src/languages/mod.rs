//! Per-language knowledge, as data: one folder per language, one TOML file per stage.
//!
//! `src/languages/<code>/` holds `text.toml` (sentence-splitter abbreviations, boilerplate and
//! teaser phrases, stop words and distinctive letters for language detection), `dates.toml`
//! (months, weekdays, relative words, date shapes), `numbers.toml` (number words, scales,
//! qualifiers, counted nouns, currencies), `events.toml` (event triggers by type), `names.toml`
//! (cues for people, agencies and groups no gazetteer lists) and `given_names.txt` (generated
//! by `tools/gen_given_names.py`, one given name a line). Each
//! stage parses the file it owns with its own types; this module only registers the files,
//! embedded at compile time so an installed binary needs nothing on disk.
//!
//! Adding a language is adding a folder with those files and one line to [`LANGUAGES`].

use crate::model::Lang;

/// The embedded data files of one language.
#[derive(Debug)]
pub struct LanguageData {
    /// The language.
    pub lang: Lang,
    /// `text.toml`.
    pub text: &'static str,
    /// `dates.toml`.
    pub dates: &'static str,
    /// `numbers.toml`.
    pub numbers: &'static str,
    /// `events.toml`.
    pub events: &'static str,
    /// `names.toml`.
    pub names: &'static str,
    /// `given_names.txt`: one name a line, `#` starts a comment line.
    pub given_names: &'static str,
}

macro_rules! language {
    ($code:literal) => {
        LanguageData {
            lang: Lang($code),
            text: include_str!(concat!($code, "/text.toml")),
            dates: include_str!(concat!($code, "/dates.toml")),
            numbers: include_str!(concat!($code, "/numbers.toml")),
            events: include_str!(concat!($code, "/events.toml")),
            names: include_str!(concat!($code, "/names.toml")),
            given_names: include_str!(concat!($code, "/given_names.txt")),
        }
    };
}

/// Every language trawl has data for.
pub static LANGUAGES: &[LanguageData] = &[
    language!("en"),
    language!("es"),
    language!("fr"),
    language!("pt"),
];

/// The data of `lang`, if trawl has any.
pub fn data(lang: Lang) -> Option<&'static LanguageData> {
    LANGUAGES.iter().find(|d| d.lang == lang)
}

/// Parse one language file, naming the file in the error. The files are embedded and tested,
/// so a failure here is a build defect, reported rather than panicking.
pub fn parse<T: serde::de::DeserializeOwned>(
    lang: Lang,
    file: &str,
    source: &str,
) -> Result<T, String> {
    toml::from_str(source).map_err(|e| format!("src/languages/{lang}/{file}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_valid_toml() {
        for d in LANGUAGES {
            for (name, src) in [
                ("text", d.text),
                ("dates", d.dates),
                ("numbers", d.numbers),
                ("events", d.events),
                ("names", d.names),
            ] {
                if let Err(e) = src.parse::<toml::Table>() {
                    panic!("{}/{name}.toml: {e}", d.lang);
                }
            }
        }
    }
}
