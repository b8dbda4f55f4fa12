//! The pipeline: every stage composed, built once, applied to each document.
//!
//! `ingest → fold → segment → lang → gazetteer (lists, learned aliases, patterns) → dates → counts → events → Record`.
//!
//! [`Pipeline::process`] is a pure function of the document and the options: the same input
//! always gives the same record (the goldens depend on it), and nothing reads the clock. A
//! panic inside a stage is caught and turned into a record with status `error` and an
//! `internal` problem, so one bad document never takes a run down.
//!
//! [`Pipeline::run`] processes inputs in parallel, in bounded chunks, and hands records to a
//! sink in input order, so memory stays flat however many inputs there are. The sink runs on
//! the calling thread while the workers process the next chunk, so writing overlaps
//! processing; at most three chunks of records exist at once.
//!
//! [`Pipeline::process_timed`] and [`Pipeline::run_timed`] also add the time spent in each
//! stage to a [`StageTimes`] (for `trawl bench`); the record is the same as without timing.

use crate::counts::CountExtractor;
use crate::dates::DateExtractor;
use crate::events::{Clusterer, EntityFacts, EventExtractor, EventInput};
use crate::fold::FoldedText;
use crate::gazetteer::learn::Learner;
use crate::gazetteer::patterns::PatternFinder;
use crate::gazetteer::{resolve, Gazetteer, GazetteerBuilder, LoadError};
use crate::ingest::{self, Document, Input};
use crate::lang::{self, LanguageDetector};
use crate::model::{
    EntityType, Lang, ParagraphRecord, Problem, ProblemKind, Record, ReferenceDate,
    ReferenceSource, Status, TextView,
};
use crate::places::PlaceMatcher;
use crate::segment::Segmenter;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// CPU time of the calling thread where the system gives it (Linux), else wall time since a
/// fixed instant. Stage times are read with it: on a busy machine, or with more threads than
/// cores, the wall time between two laps counts time spent waiting for a core, and the shares
/// would tell the scheduler's story rather than the stages'.
pub fn stage_clock() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec through a valid, exclusive pointer.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    START.elapsed()
}

/// Time spent in each stage, summed over documents (and over threads in a parallel run):
/// CPU time of the thread that ran it ([`stage_clock`]), and the reading wait apart.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    /// Reading, hashing and decoding files ([`ingest::load`]).
    pub ingest: Duration,
    /// Paragraphs, sentences and their languages.
    pub segment_lang: Duration,
    /// The case- and accent-folded copy every matcher shares.
    pub fold: Duration,
    /// Gazetteer mentions, resolution and learned acronyms.
    pub gazetteer: Duration,
    /// The reference date and date mentions.
    pub dates: Duration,
    /// Counts and money.
    pub counts: Duration,
    /// Events.
    pub events: Duration,
    /// Assembling the record (paragraph records, sentence spans, the text copy).
    pub record: Duration,
    /// Writing the outputs (filled in by the caller that owns the writers).
    pub output: Duration,
    /// Wall time of reading beyond its CPU time: waiting for the disk.
    pub ingest_wait: Duration,
}

impl StageTimes {
    /// Every stage with its name, in pipeline order.
    pub fn stages(&self) -> [(&'static str, Duration); 9] {
        [
            ("ingest", self.ingest),
            ("segment+lang", self.segment_lang),
            ("fold", self.fold),
            ("gazetteer", self.gazetteer),
            ("dates", self.dates),
            ("counts", self.counts),
            ("events", self.events),
            ("record", self.record),
            ("output", self.output),
        ]
    }

    /// The sum of every stage (waits not included).
    pub fn total(&self) -> Duration {
        self.stages().iter().map(|(_, d)| *d).sum()
    }
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, o: StageTimes) {
        self.ingest += o.ingest;
        self.segment_lang += o.segment_lang;
        self.fold += o.fold;
        self.gazetteer += o.gazetteer;
        self.dates += o.dates;
        self.counts += o.counts;
        self.events += o.events;
        self.record += o.record;
        self.output += o.output;
        self.ingest_wait += o.ingest_wait;
    }
}

/// Adds the [`stage_clock`] time since the last lap to a stage; does nothing (reads no clock)
/// when untimed.
struct Clock<'a> {
    times: Option<(&'a mut StageTimes, Duration)>,
}

impl<'a> Clock<'a> {
    fn new(times: Option<&'a mut StageTimes>) -> Clock<'a> {
        Clock {
            times: times.map(|t| (t, stage_clock())),
        }
    }

    fn lap(&mut self, stage: fn(&mut StageTimes) -> &mut Duration) {
        if let Some((times, last)) = &mut self.times {
            let now = stage_clock();
            *stage(times) += now - *last;
            *last = now;
        }
    }
}

/// Why a pipeline could not be built: always a configuration problem, never a document's.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A gazetteer file is malformed.
    #[error("gazetteer: {0}")]
    Gazetteer(#[from] LoadError),
    /// An option is invalid.
    #[error("{0}")]
    Option(String),
    /// Embedded language data is invalid (a build defect).
    #[error("language data: {0}")]
    LanguageData(String),
}

/// Configures and builds a [`Pipeline`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    gazetteer_dirs: Vec<PathBuf>,
    shipped_gazetteers: bool,
    reference_date: Option<String>,
    languages: Vec<Lang>,
    max_bytes: u64,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder::new()
    }
}

impl PipelineBuilder {
    /// Defaults: shipped gazetteers, languages en/es/fr/pt, 32 MiB limit, no reference date.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder {
            gazetteer_dirs: Vec::new(),
            shipped_gazetteers: true,
            reference_date: None,
            languages: lang::DEFAULT_LANGUAGES.to_vec(),
            max_bytes: ingest::DEFAULT_MAX_BYTES,
        }
    }

    /// Add a user gazetteer folder.
    pub fn gazetteer_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.gazetteer_dirs.push(dir.into());
        self
    }

    /// Use the shipped gazetteers (default true).
    pub fn shipped_gazetteers(mut self, yes: bool) -> Self {
        self.shipped_gazetteers = yes;
        self
    }

    /// The date to resolve against when a document states none (`YYYY-MM-DD`).
    pub fn reference_date(mut self, date: Option<String>) -> Self {
        self.reference_date = date;
        self
    }

    /// The language allow-list.
    pub fn languages(mut self, languages: Vec<Lang>) -> Self {
        self.languages = languages;
        self
    }

    /// Files above this size are skipped.
    pub fn max_bytes(mut self, max: u64) -> Self {
        self.max_bytes = max;
        self
    }

    /// Validate the options, load the gazetteers and compile everything.
    pub fn build(self) -> Result<Pipeline, BuildError> {
        if let Some(d) = &self.reference_date {
            if !valid_iso_date(d) {
                return Err(BuildError::Option(format!(
                    "--reference-date {d:?} is not a date of the form YYYY-MM-DD"
                )));
            }
        }
        // The language detector (word lists and the character model trained from them) is
        // the largest single build: it goes on a second thread while the rest loads, so
        // start-up is the longer of the two rather than their sum.
        let (detector, rest) = std::thread::scope(|scope| {
            let detector = scope.spawn(|| LanguageDetector::new(&self.languages));
            let rest = self.build_rest();
            let detector = detector
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (detector, rest)
        });
        let (gazetteer, learner, patterns, segmenter, dates, counts, events, places) = rest?;
        let detector = detector.map_err(BuildError::Option)?;
        let officials = gazetteer
            .roles
            .iter()
            .map(|r| r.person_id.clone())
            .collect();
        Ok(Pipeline {
            officials,
            learner,
            patterns,
            gazetteer,
            segmenter,
            detector,
            dates,
            counts,
            events,
            places,
            options: self,
        })
    }

    /// Everything but the language detector.
    #[allow(clippy::type_complexity)]
    fn build_rest(
        &self,
    ) -> Result<
        (
            Gazetteer,
            Learner,
            PatternFinder,
            Segmenter,
            DateExtractor,
            CountExtractor,
            EventExtractor,
            PlaceMatcher,
        ),
        BuildError,
    > {
        let mut g = GazetteerBuilder::new().shipped(self.shipped_gazetteers);
        for d in &self.gazetteer_dirs {
            g = g.user_dir(d);
        }
        let gazetteer = g.build()?;
        let patterns = PatternFinder::new(&gazetteer).map_err(BuildError::LanguageData)?;
        Ok((
            gazetteer,
            Learner::new().map_err(BuildError::LanguageData)?,
            patterns,
            Segmenter::new().map_err(BuildError::LanguageData)?,
            DateExtractor::new().map_err(BuildError::LanguageData)?,
            CountExtractor::new().map_err(BuildError::LanguageData)?,
            EventExtractor::new().map_err(BuildError::LanguageData)?,
            PlaceMatcher::shipped().map_err(BuildError::LanguageData)?,
        ))
    }
}

pub use crate::dates::valid_iso_date;

/// Everything a run needs, built once and shared by all threads.
#[derive(Debug)]
pub struct Pipeline {
    gazetteer: Gazetteer,
    learner: Learner,
    patterns: PatternFinder,
    segmenter: Segmenter,
    detector: LanguageDetector,
    dates: DateExtractor,
    counts: CountExtractor,
    events: EventExtractor,
    places: PlaceMatcher,
    /// Person ids with a role in `person_roles.csv`.
    officials: std::collections::HashSet<String>,
    options: PipelineBuilder,
}

impl Pipeline {
    /// The loaded gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The language allow-list.
    pub fn languages(&self) -> &[Lang] {
        &self.options.languages
    }

    /// Read, decode and process one input; never panics.
    pub fn process_input(&self, input: &Input) -> Record {
        self.process_input_with(input, None)
    }

    /// [`Pipeline::process_input`], adding the time of each stage to `times`.
    pub fn process_input_timed(&self, input: &Input, times: &mut StageTimes) -> Record {
        self.process_input_with(input, Some(times))
    }

    fn process_input_with(&self, input: &Input, mut times: Option<&mut StageTimes>) -> Record {
        let start = times.is_some().then(|| (Instant::now(), stage_clock()));
        let loaded = ingest::load(input, self.options.max_bytes);
        if let (Some(t), Some((wall, cpu))) = (times.as_deref_mut(), start) {
            let (wall, cpu) = (wall.elapsed(), stage_clock() - cpu);
            t.ingest += cpu;
            t.ingest_wait += wall.saturating_sub(cpu);
        }
        match loaded {
            Ok(doc) => {
                let mut record = self.process_with(&doc, times);
                // The CSV writers quote evidence sentences; the text moves, it is not copied.
                record.text = doc.text;
                record
            }
            Err(record) => *record,
        }
    }

    /// Process one decoded document; a panic in a stage becomes an `error` record.
    pub fn process(&self, doc: &Document) -> Record {
        self.process_with(doc, None)
    }

    /// [`Pipeline::process`], adding the time of each stage to `times`. The record is the
    /// same as the one [`Pipeline::process`] returns.
    pub fn process_timed(&self, doc: &Document, times: &mut StageTimes) -> Record {
        self.process_with(doc, Some(times))
    }

    fn process_with(&self, doc: &Document, times: Option<&mut StageTimes>) -> Record {
        let mut clock = Clock::new(times);
        match catch_unwind(AssertUnwindSafe(|| self.process_inner(doc, &mut clock))) {
            Ok(r) => r,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let mut r = doc.record();
                r.status = Status::Error;
                r.problems.push(Problem {
                    kind: ProblemKind::Internal,
                    message: format!(
                        "{}: internal error while processing (please report): {what}",
                        doc.path
                    ),
                });
                r
            }
        }
    }

    fn process_inner(&self, doc: &Document, clock: &mut Clock) -> Record {
        let mut record = doc.record();
        let text = doc.text.as_str();
        let folded = FoldedText::new(text);
        clock.lap(|t| &mut t.fold);
        let (mut paragraphs, mut sentences) = self.segmenter.segment_folded(text, &folded);
        let langs = self
            .detector
            .annotate(text, &mut paragraphs, &mut sentences);
        clock.lap(|t| &mut t.segment_lang);
        let view = TextView {
            text,
            paragraphs: &paragraphs,
            sentences: &sentences,
            lang: langs
                .language
                .as_ref()
                .and_then(|l| lang::parse_code(&l.code)),
        };

        record.language = langs.language;
        record.segments = langs.segments;
        record.paragraphs = paragraphs
            .iter()
            .map(|p| ParagraphRecord {
                start: p.span.start,
                end: p.span.end,
                language: p.detected.map(|l| l.0.to_string()),
                boilerplate: p.section == crate::model::Section::Boilerplate,
                section: p.section,
            })
            .collect();
        clock.lap(|t| &mut t.record);

        record.entities = resolve::entities(&self.gazetteer, text, &folded);
        self.learner.extend(text, &mut record.entities);
        // Names no gazetteer lists, then learning again so that their surnames are mentions.
        self.patterns.extend(&view, &folded, &mut record.entities);
        self.learner.extend(text, &mut record.entities);
        let countries: Vec<String> = record
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Country)
            .filter_map(|e| self.gazetteer.get(&e.id).and_then(|g| g.country.clone()))
            .collect();
        clock.lap(|t| &mut t.gazetteer);

        let file_name = std::path::Path::new(&doc.doc_id)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        record.reference_date = self.dates.reference_date(&view, &file_name).or_else(|| {
            self.options.reference_date.as_ref().map(|d| ReferenceDate {
                value: d.clone(),
                source: ReferenceSource::Option,
            })
        });
        record.dates = self
            .dates
            .extract(&view, &folded, record.reference_date.as_ref());
        clock.lap(|t| &mut t.dates);
        let (counts, money) = self.counts.extract(&view, &countries, &record.dates);
        record.counts = counts;
        record.money = money;
        clock.lap(|t| &mut t.counts);
        let mut facts = EntityFacts::default();
        for e in &record.entities {
            if let Some(c) = self.gazetteer.get(&e.id).and_then(|g| g.country.clone()) {
                facts.country_of.insert(e.id.clone(), c);
            }
        }
        facts.officials = record
            .entities
            .iter()
            .filter(|e| self.officials.contains(&e.id))
            .map(|e| e.id.clone())
            .collect();
        let places = self.places.find(text, &folded, &record.entities);
        record.events = self.events.extract(EventInput {
            view: &view,
            folded: &folded,
            entities: &record.entities,
            dates: &record.dates,
            counts: &record.counts,
            money: &record.money,
            places: &places,
            facts: &facts,
        });
        Clusterer::new().assign(&mut record.events);
        clock.lap(|t| &mut t.events);
        record.sentence_spans = sentences.iter().map(|s| s.span).collect();
        clock.lap(|t| &mut t.record);
        record
    }

    /// Process `inputs` on `threads` threads (0: all cores) and give every record to `sink`
    /// in input order. Records are produced in chunks while the sink consumes the previous
    /// ones, so at most three chunks are held at once.
    pub fn run(
        &self,
        inputs: &[Input],
        threads: usize,
        sink: impl FnMut(Record),
    ) -> Result<(), BuildError> {
        self.run_with(inputs, threads, false, sink).map(|_| ())
    }

    /// [`Pipeline::run`], returning the time of each stage summed over every document and
    /// thread (`output` is left for the caller, who owns the writers).
    pub fn run_timed(
        &self,
        inputs: &[Input],
        threads: usize,
        sink: impl FnMut(Record),
    ) -> Result<StageTimes, BuildError> {
        self.run_with(inputs, threads, true, sink)
    }

    fn run_with(
        &self,
        inputs: &[Input],
        threads: usize,
        timed: bool,
        mut sink: impl FnMut(Record),
    ) -> Result<StageTimes, BuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| BuildError::Option(format!("cannot start {threads} threads: {e}")))?;
        let chunk = 64 * pool.current_num_threads().max(1);
        // Clusters across the run: assigned in input order as records stream past.
        let mut clusters = Clusterer::new();
        // One chunk in the channel, one being processed, one in the sink: bounded memory,
        // input order, and writing overlaps processing.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(Record, StageTimes)>>(1);
        let mut total = StageTimes::default();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                // The disk reads two chunks ahead of the workers.
                let parts: Vec<&[Input]> = inputs.chunks(chunk).collect();
                for part in parts.iter().take(2) {
                    ingest::prefetch(part);
                }
                for (k, part) in parts.iter().enumerate() {
                    if let Some(ahead) = parts.get(k + 2) {
                        ingest::prefetch(ahead);
                    }
                    let done: Vec<(Record, StageTimes)> = pool.install(|| {
                        part.par_iter()
                            .map(|input| {
                                let mut t = StageTimes::default();
                                let r = if timed {
                                    self.process_input_timed(input, &mut t)
                                } else {
                                    self.process_input(input)
                                };
                                (r, t)
                            })
                            .collect()
                    });
                    if tx.send(done).is_err() {
                        break;
                    }
                }
            });
            for batch in rx {
                for (mut r, t) in batch {
                    total += t;
                    clusters.assign(&mut r.events);
                    sink(r);
                }
            }
        });
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        for ok in ["2025-02-13", "2024-02-29", "2000-02-29"] {
            assert!(valid_iso_date(ok), "{ok}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-1-01",
            "20250213",
            "2025-02-1x",
            "+025-02-13",
        ] {
            assert!(!valid_iso_date(bad), "{bad}");
        }
    }
}
