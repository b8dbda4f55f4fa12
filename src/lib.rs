//! trawl turns folders of unstructured reports on transnational organized crime and
//! cross-border law-enforcement cooperation into structured, reviewable records.
//!
//! # Vocabulary
//! - A **document** is one input file, decoded to **text** ([`ingest`]).
//! - A **span** is a half-open byte range into that text; its **surface** is
//!   `&text[span.start..span.end]`, verbatim. Every offset trawl writes is such a span.
//! - The text is cut into **paragraphs** and **sentences** ([`segment`]), each paragraph in a
//!   **section** (body, teaser, boilerplate) and a language ([`lang`]).
//! - A **mention** is a span that names something: an **entity** from a gazetteer
//!   ([`gazetteer`]: agencies, people, gangs, countries, other organizations), a **date**
//!   ([`dates`]), a **count** or an amount of **money** ([`counts`]). An entity in no
//!   gazetteer can still be found by a **cue** in the text (a title, an age, a head noun:
//!   [`gazetteer::patterns`]); it is marked `source: "pattern"`.
//! - An **event** ([`events`]) is a sentence-level record of who did what: a trigger word, its
//!   type, mode and section, and the entities, date and counts of its sentence.
//! - A **record** ([`model::Record`]) is everything written for one input; [`output`] writes
//!   records as JSON Lines and CSV projections of them.
//!
//! [`pipeline::Pipeline`] composes the stages; it is built once and is a pure function of its
//! input. The binary's flags live in [`cli`].
#![warn(missing_docs)]

pub mod bench;
mod byte_trie;
pub mod check;
pub mod cli;
pub mod counts;
pub mod dates;
pub mod eval;
pub mod events;
pub mod fold;
pub mod gazetteer;
pub mod ingest;
pub mod lang;
pub mod languages;
pub mod lexicon;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod places;
pub mod segment;
