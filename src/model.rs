//! The data that flows between stages, in one place.
//!
//! Every stage reads and writes these plain types; none of them carries behaviour beyond small
//! helpers. [`Record`] is what the writers serialize: the CSV files are projections of it, so
//! the JSON and the CSV can never disagree.
//!
//! Offsets: every `start`/`end` in this module is a byte offset into the document text as
//! decoded ([`crate::ingest::Document::text`]), half-open, on `char` boundaries, so that
//! `&text[start..end]` is the mention verbatim.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// The schema tag written in every record.
pub const SCHEMA: &str = "trawl.document/1";

/// A half-open byte range into a document's text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; panics when `start > end`, which is always a bug.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} > end {end}");
        Span { start, end }
    }

    /// The span's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The surface of this span in `text`.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A span together with its surface text, as written in the outputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpanText {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
}

impl SpanText {
    /// Cut `span` out of `text`.
    pub fn new(text: &str, span: Span) -> SpanText {
        SpanText {
            start: span.start,
            end: span.end,
            text: span.of(text).to_string(),
        }
    }

    /// The span without its text.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A numeric value written as an integer when it is one (`5000`, not `5000.0`).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Deserialize, Default)]
#[serde(transparent)]
pub struct Quantity(pub f64);

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            write!(f, "{}", v as i64)
        } else {
            write!(f, "{v}")
        }
    }
}

/// What became of one input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Decoded and processed.
    Ok,
    /// Empty or whitespace only.
    Empty,
    /// Deliberately not processed (binary, too large).
    Skipped,
    /// Could not be read or processed.
    Error,
}

impl Status {
    /// The lower-case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }
}

/// The small fixed set of things that can go wrong with one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file could not be opened or read.
    Unreadable,
    /// The file looks binary (it has NUL bytes).
    Binary,
    /// The file is larger than `--max-bytes`.
    TooLarge,
    /// The bytes were not valid in the detected encoding; replacement characters were used.
    Decode,
    /// The file has no text.
    Empty,
    /// A stage failed on this document (a bug: the document is written with what was done).
    Internal,
}

impl ProblemKind {
    /// The snake_case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::Binary => "binary",
            ProblemKind::TooLarge => "too_large",
            ProblemKind::Decode => "decode",
            ProblemKind::Empty => "empty",
            ProblemKind::Internal => "internal",
        }
    }
}

/// Something noteworthy about one input, written with its record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// Where and why, for a person.
    pub message: String,
}

/// A detected language with a confidence in [0, 1].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LanguageGuess {
    /// ISO 639-1 code (`en`).
    pub code: String,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

/// Which part of an article a paragraph belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The story itself.
    #[default]
    Body,
    /// Related-article teasers: they report other stories.
    Teaser,
    /// Web furniture: cookie notices, share buttons, comment prompts.
    Boilerplate,
}

impl Section {
    /// The lower-case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Section::Body => "body",
            Section::Teaser => "teaser",
            Section::Boilerplate => "boilerplate",
        }
    }
}

/// One paragraph of a document, as written in the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParagraphRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// ISO 639-1 code, or null when the paragraph is too short to tell.
    pub language: Option<String>,
    /// True for web furniture (cookie notices, share buttons, "Leave a Reply").
    pub boilerplate: bool,
    /// body, teaser or boilerplate.
    pub section: Section,
}

/// A run of consecutive paragraphs in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// ISO 639-1 code.
    pub language: String,
    /// Mean confidence of the paragraphs, weighted by length.
    pub confidence: f64,
}

/// Where a document's reference date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceSource {
    /// A dateline or publication line in the text.
    Text,
    /// A date in the file name.
    FileName,
    /// `--reference-date`.
    Option,
}

impl ReferenceSource {
    /// The snake_case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            ReferenceSource::Text => "text",
            ReferenceSource::FileName => "file_name",
            ReferenceSource::Option => "option",
        }
    }
}

/// The date that relative and year-less dates resolve against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferenceDate {
    /// ISO date `YYYY-MM-DD`.
    pub value: String,
    /// Where it came from.
    pub source: ReferenceSource,
}

/// The closed set of entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A public body.
    Agency,
    /// A person.
    Person,
    /// A criminal group.
    Gang,
    /// A country.
    Country,
    /// Any other named organization.
    Org,
}

impl EntityType {
    /// The lower-case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Agency => "agency",
            EntityType::Person => "person",
            EntityType::Gang => "gang",
            EntityType::Country => "country",
            EntityType::Org => "org",
        }
    }

    /// All types, in output order.
    pub const ALL: [EntityType; 5] = [
        EntityType::Agency,
        EntityType::Person,
        EntityType::Gang,
        EntityType::Country,
        EntityType::Org,
    ];
}

/// How an entity was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitySource {
    /// A gazetteer row.
    Gazetteer,
    /// Defined by the document itself ("Security Implementation Group (SIG)").
    Document,
    /// Found by a cue in the text (a title, an age, a head noun): in no gazetteer, to review.
    Pattern,
}

impl EntitySource {
    /// The snake_case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntitySource::Gazetteer => "gazetteer",
            EntitySource::Document => "document",
            EntitySource::Pattern => "pattern",
        }
    }
}

/// One entity mentioned in a document, with every mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Gazetteer id, `doc:<slug>` for a document-local entity, `pattern:<type>:<slug>` for
    /// one found by a cue.
    pub id: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name.
    pub name: String,
    /// How it was found.
    pub source: EntitySource,
    /// When an ambiguous alias could not be resolved: every possible id (`id` is the first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
    /// For a pattern-found entity: the cue that found it ("title: fiscal", "age").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// For a pattern-found entity: how sure the cue is, in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// For a pattern-found entity: the sentence of its first mention, for a reviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<SpanText>,
    /// Every mention, in text order.
    pub mentions: Vec<SpanText>,
}

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A season.
    Season,
    /// A year.
    Year,
}

impl Precision {
    /// The lower-case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
        }
    }
}

/// A date mentioned in the text, normalized.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The surface.
    pub text: String,
    /// ISO 8601 with `X` for unknown digits (`XXXX-02-13`), `start/end` for ranges.
    pub value: String,
    /// How precise `value` is.
    pub precision: Precision,
    /// early, mid or late, when the text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The relative form when the date is relative to another ("last-friday", "today").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<String>,
    /// True when the year was borrowed from another date of the document.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    /// What the date was resolved against (a reference date, or the mention it borrowed from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// How a count is qualified in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated.
    #[default]
    Exact,
    /// "around", "some", "cerca de".
    Approx,
    /// "at least".
    AtLeast,
    /// "at most", "up to".
    AtMost,
    /// "more than", "over".
    MoreThan,
}

impl Qualifier {
    /// The lower-case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::MoreThan => "more_than",
        }
    }
}

/// A number attached to what it counts ("eight individuals").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The surface, number and counted noun.
    pub text: String,
    /// The number (the lower bound of a range).
    pub value: Quantity,
    /// The upper bound of a range.
    pub value_max: Option<Quantity>,
    /// exact, approx, at_least, at_most, more_than.
    pub qualifier: Qualifier,
    /// The counted noun, lightly normalized ("members").
    pub what: Option<String>,
    /// A unit of weight or volume ("kg"), when the count is a measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// An amount of money.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoneyMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The surface.
    pub text: String,
    /// The amount (the lower bound of a range).
    pub value: Quantity,
    /// The upper bound of a range.
    pub value_max: Option<Quantity>,
    /// ISO 4217 code, or `PESO?` when the text does not say which peso.
    pub currency: String,
}

/// The closed set of event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A signed or agreed instrument.
    Agreement,
    /// A meeting, summit, working group session.
    Meeting,
    /// Exchange of intelligence or data.
    InformationSharing,
    /// Training given or received.
    Training,
    /// A joint operation or raid.
    Operation,
    /// An arrest or capture.
    Arrest,
    /// Charges filed, an indictment.
    Charge,
    /// An extradition.
    Extradition,
    /// A hand-over, expulsion or deportation.
    Transfer,
    /// A terrorist or TCO designation, a sanctions listing, or a call to designate.
    Designation,
    /// A conviction.
    Conviction,
    /// A sentence.
    Sentence,
    /// A seizure.
    Seizure,
}

impl EventType {
    /// Every type, in a fixed order.
    pub const ALL: [EventType; 13] = [
        EventType::Agreement,
        EventType::Meeting,
        EventType::InformationSharing,
        EventType::Training,
        EventType::Operation,
        EventType::Arrest,
        EventType::Charge,
        EventType::Extradition,
        EventType::Transfer,
        EventType::Designation,
        EventType::Conviction,
        EventType::Sentence,
        EventType::Seizure,
    ];

    /// The snake_case name used in every output and in the language tables.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Agreement => "agreement",
            EventType::Meeting => "meeting",
            EventType::InformationSharing => "information_sharing",
            EventType::Training => "training",
            EventType::Operation => "operation",
            EventType::Arrest => "arrest",
            EventType::Charge => "charge",
            EventType::Extradition => "extradition",
            EventType::Transfer => "transfer",
            EventType::Designation => "designation",
            EventType::Conviction => "conviction",
            EventType::Sentence => "sentence",
            EventType::Seizure => "seizure",
        }
    }

    /// The default subtype, CAMEO code and PLOVER type (see the README's "Events" table).
    pub fn codes(&self) -> (&'static str, &'static str, &'static str) {
        match self {
            EventType::Agreement => ("agreement", "057", "AGREE"),
            EventType::Meeting => ("meeting", "040", "CONSULT"),
            EventType::InformationSharing => ("intelligence", "064", "COOPERATE"),
            EventType::Training => ("training", "070", "AID"),
            EventType::Operation => ("operation", "170", "COERCE"),
            EventType::Arrest => ("arrest", "173", "COERCE"),
            EventType::Charge => ("charge", "173", "COERCE"),
            EventType::Extradition => ("extradition", "063", "COOPERATE"),
            EventType::Transfer => ("handover", "174", "COERCE"),
            EventType::Designation => ("designation", "163", "SANCTION"),
            EventType::Conviction => ("conviction", "173", "COERCE"),
            EventType::Sentence => ("sentence", "173", "COERCE"),
            EventType::Seizure => ("seizure", "1711", "COERCE"),
        }
    }

    /// Parse the snake_case name.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

/// Whether an event happened, by the text's account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The text says it happened.
    #[default]
    Asserted,
    /// Planned or announced ("will sign").
    Future,
    /// Possible ("could face charges").
    Hypothetical,
    /// Denied ("did not sign").
    Negated,
    /// A claim attributed to someone.
    Reported,
}

impl Mode {
    /// The lower-case name used in every output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Mode::Asserted => "asserted",
            Mode::Future => "future",
            Mode::Hypothetical => "hypothetical",
            Mode::Negated => "negated",
            Mode::Reported => "reported",
        }
    }
}

/// One event: who did what, when, how many, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `e1`, `e2`… in text order within the document.
    pub id: String,
    /// Event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// asserted, future, hypothetical, negated, reported.
    pub mode: Mode,
    /// body, teaser or boilerplate.
    pub section: Section,
    /// The event's date as a plain ISO string, or null.
    pub date: Option<String>,
    /// Agency ids.
    pub agencies: Vec<String>,
    /// Country ids.
    pub countries: Vec<String>,
    /// Person ids.
    pub people: Vec<String>,
    /// Gang ids.
    pub gangs: Vec<String>,
    /// The values of the counts in the sentence.
    pub counts: Vec<Quantity>,
    /// The evidence sentence (the first, when several sentences report the event).
    pub sentence: SpanText,
    /// The trigger word or phrase.
    pub trigger: SpanText,
    /// Confidence in [0, 1] (see [`crate::events`] for how it is computed).
    pub confidence: f64,
    /// A finer distinction within the type (`memorandum`, `surrender`, `call_to_designate`…).
    pub subtype: String,
    /// The CAMEO code of the type (`057`, `1711`).
    pub cameo: String,
    /// The PLOVER event type (`AGREE`, `COERCE`…).
    pub plover: String,
    /// Shared by the events of one run that report the same real-world event (`c1`, `c2`…).
    pub cluster: String,
    /// How precise `date` is.
    pub date_precision: Option<Precision>,
    /// Who acts: agency, country and person ids.
    pub actors: Vec<String>,
    /// Who is acted upon: gang and person ids.
    pub targets: Vec<String>,
    /// Where it happened: a city, state or country.
    pub place: Option<PlaceMention>,
    /// How many people or things it concerns.
    pub count: Option<EventCount>,
    /// The amount of money it concerns.
    pub money: Option<EventMoney>,
    /// Every sentence that reports the event, in text order (`sentence` is the first).
    pub evidence: Vec<SpanText>,
}

/// A place named in the text (from `gazetteers/places.csv`, or a country).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Place id (`place:us-tn`) or country entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// city, state or country.
    pub kind: String,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The surface.
    pub text: String,
}

/// How many people or things an event concerns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventCount {
    /// The number.
    pub value: Quantity,
    /// The counted noun.
    pub what: Option<String>,
    /// First byte of the count mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// The money an event concerns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventMoney {
    /// The amount (the lower bound of a range).
    pub value: Quantity,
    /// The upper bound of a range.
    pub value_max: Option<Quantity>,
    /// ISO 4217 code.
    pub currency: String,
    /// First byte of the money mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// Everything written for one input file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The path relative to its input root.
    pub doc_id: String,
    /// The path as given (relative to the working directory when it is below it).
    pub path: String,
    /// SHA-256 of the bytes, hex; null when the file could not be read.
    pub sha256: Option<String>,
    /// Size in bytes.
    pub bytes: u64,
    /// ok, empty, skipped, error.
    pub status: Status,
    /// What went wrong or was noteworthy.
    pub problems: Vec<Problem>,
    /// utf-8, utf-16le, utf-16be, windows-1252; null when not decoded.
    pub encoding: Option<String>,
    /// The dominant language.
    pub language: Option<LanguageGuess>,
    /// Every paragraph.
    pub paragraphs: Vec<ParagraphRecord>,
    /// Runs of paragraphs in one language.
    pub segments: Vec<SegmentRecord>,
    /// The date relative dates resolve against.
    pub reference_date: Option<ReferenceDate>,
    /// Entities with their mentions.
    pub entities: Vec<EntityRecord>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Counts.
    pub counts: Vec<CountMention>,
    /// Money.
    pub money: Vec<MoneyMention>,
    /// Events.
    pub events: Vec<Event>,
    /// The decoded text, moved in by [`crate::pipeline::Pipeline::process_input`] for the CSV
    /// writers (evidence sentences); not serialized, empty for in-memory documents.
    #[serde(skip)]
    pub text: String,
    /// Sentence spans, kept for the CSV writers; not serialized.
    #[serde(skip)]
    pub sentence_spans: Vec<Span>,
}

impl Record {
    /// A record with no content: the shape every status starts from.
    pub fn bare(doc_id: String, path: String) -> Record {
        Record {
            schema: SCHEMA.to_string(),
            doc_id,
            path,
            sha256: None,
            bytes: 0,
            status: Status::Ok,
            problems: Vec::new(),
            encoding: None,
            language: None,
            paragraphs: Vec::new(),
            segments: Vec::new(),
            reference_date: None,
            entities: Vec::new(),
            dates: Vec::new(),
            counts: Vec::new(),
            money: Vec::new(),
            events: Vec::new(),
            text: String::new(),
            sentence_spans: Vec::new(),
        }
    }

    /// The sentence containing `start..end`, when the record still holds its text.
    pub fn sentence_around(&self, start: usize, end: usize) -> Option<&str> {
        let i = self.sentence_index_around(start, end)?;
        Some(self.sentence_spans[i].of(&self.text))
    }

    /// The index in `sentence_spans` of the sentence containing `start..end`.
    pub fn sentence_index_around(&self, start: usize, end: usize) -> Option<usize> {
        let i = self.sentence_spans.partition_point(|s| s.end < end);
        let s = self.sentence_spans.get(i)?;
        (s.start <= start && end <= s.end).then_some(i)
    }

    /// The canonical name of the entity with this id, if the record has it.
    pub fn entity_name(&self, id: &str) -> Option<&str> {
        self.entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.as_str())
    }
}

/// A language, by its ISO 639-1 code (`en`).
///
/// trawl's own type, so that the detector behind it can change; [`crate::lang`] maps
/// detector output to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(pub &'static str);

impl Lang {
    /// English.
    pub const EN: Lang = Lang("en");
    /// Spanish.
    pub const ES: Lang = Lang("es");
    /// French.
    pub const FR: Lang = Lang("fr");
    /// Portuguese.
    pub const PT: Lang = Lang("pt");

    /// The ISO 639-1 code.
    pub fn code(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A paragraph as the stages see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// Where it is, without its line break.
    pub span: Span,
    /// body, teaser or boilerplate.
    pub section: Section,
    /// Detected language of this paragraph alone (None when too short to tell).
    pub detected: Option<Lang>,
    /// Confidence of `detected`.
    pub confidence: f64,
    /// The language stages use for it: `detected`, else inherited from the document.
    pub lang: Option<Lang>,
}

/// A sentence as the stages see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Where it is, trimmed of surrounding white space.
    pub span: Span,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// The language stages use for it.
    pub lang: Option<Lang>,
}

/// The segmented, language-tagged text that every extractor reads.
#[derive(Clone, Copy, Debug)]
pub struct TextView<'a> {
    /// The decoded text.
    pub text: &'a str,
    /// Paragraphs in text order.
    pub paragraphs: &'a [Paragraph],
    /// Sentences in text order.
    pub sentences: &'a [Sentence],
    /// The dominant language.
    pub lang: Option<Lang>,
}

impl<'a> TextView<'a> {
    /// The section of a sentence's paragraph.
    pub fn section_of(&self, sentence: &Sentence) -> Section {
        self.paragraphs[sentence.paragraph].section
    }

    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}
