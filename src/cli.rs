//! The command line: flags in, a run, an exit code out.
//!
//! Flags are parsed and validated first (no I/O), then the [`Pipeline`] is built once, then
//! the command runs. Exit codes: 0 when every input was processed (`empty` and `skipped` are
//! not failures), 1 when some input has status `error` (every other output is still
//! written) or a fixture check found differences, 2 for a usage or configuration error
//! (nothing is written). A closed stdout (`trawl extract x | head`) is not an error.

use crate::check;
use crate::gazetteer::GazetteerBuilder;
use crate::ingest::{self, Document, Input};
use crate::lang;
use crate::model::{Lang, Status};
use crate::output::{OutputWriter, Totals};
use crate::pipeline::{valid_iso_date, Pipeline, PipelineBuilder};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

#[derive(Parser, Debug)]
#[command(
    name = "trawl",
    version,
    about = "Structured, reviewable records from reports on organized crime and law-enforcement cooperation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Process files and folders and write records.jsonl, documents.csv, mentions.csv, events.csv and run.json.
    Run(RunArgs),
    /// Print one document's record as pretty JSON (`-` reads standard input).
    Extract {
        /// The file, or `-` for standard input.
        file: PathBuf,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Compare the records of fixture articles with their expected records.
    Check {
        /// Folder with articles/ and expected/.
        #[arg(default_value = "fixtures")]
        dir: PathBuf,
        /// Rewrite the expected records instead of comparing.
        #[arg(long)]
        bless: bool,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Gazetteer tools.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Generate a benchmark corpus (if needed) and measure the pipeline over it.
    Bench(BenchArgs),
    /// One measured pass over a benchmark corpus, as JSON on standard output (used by `bench`).
    #[command(hide = true)]
    BenchPass {
        /// The corpus folder.
        #[arg(long)]
        corpus: PathBuf,
        /// Worker threads.
        #[arg(long)]
        threads: usize,
        /// Where to write the outputs (removed afterwards).
        #[arg(long)]
        output: PathBuf,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Score an extractor against peer test suites (JSON Lines) and print a table.
    Eval {
        /// What to score: dates, numbers (numbers and money suites) or langid.
        #[arg(value_parser = ["dates", "numbers", "langid"])]
        kind: String,
        /// Suite files.
        #[arg(required = true)]
        suites: Vec<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum GazetteerCommand {
    /// Validate the shipped gazetteers plus a user folder; print counts and ambiguities.
    Check {
        /// A user gazetteer folder to validate on top of the shipped files.
        dir: Option<PathBuf>,
    },
    /// Candidate gazetteer rows from the entities runs found by pattern (source "pattern").
    Suggest {
        /// records.jsonl files of earlier runs.
        #[arg(required = true)]
        records: Vec<PathBuf>,
        /// Write people.csv, agencies.csv and gangs.csv into this folder instead of printing.
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct RunArgs {
    /// Files and folders to process.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short = 'o', long = "output", default_value = "output")]
    output: PathBuf,
    /// File extensions to take from folders, comma-separated.
    #[arg(long = "ext", value_delimiter = ',', default_value = "txt,text,md")]
    extensions: Vec<String>,
    /// Worker threads (0: all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Never show a progress bar.
    #[arg(long)]
    no_progress: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// Corpus size: 10M, 100M or 1G (decimal bytes). Default: the size recorded in the
    /// `--corpus` folder's manifest, else 10M.
    #[arg(long)]
    size: Option<String>,
    /// Corpus folder (default: target/bench-corpus/<size>); reused when its manifest matches,
    /// rewritten when it was generated for another size or source.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Thread counts to compare, comma-separated (0: all cores).
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Passes per thread count; the table shows medians.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Only write the corpus.
    #[arg(long)]
    generate_only: bool,
    /// Run the passes in this process instead of a child process each (peak RSS is then
    /// the largest so far, corpus generation included).
    #[arg(long)]
    in_process: bool,
}

#[derive(Args, Debug, Clone, Serialize)]
struct CommonArgs {
    /// Resolve relative and year-less dates against this date (YYYY-MM-DD) when a document states none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    reference_date: Option<String>,
    /// Add a user gazetteer folder (repeatable); its rows override shipped rows with the same id.
    #[arg(long = "gazetteers", value_name = "DIR")]
    gazetteers: Vec<PathBuf>,
    /// Allowed languages, ISO 639-1, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "en,es,fr,pt")]
    languages: Vec<String>,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// A usage or configuration error: exit 2.
struct Fatal(String);

impl CommonArgs {
    /// Validate without I/O.
    fn languages(&self) -> Result<Vec<Lang>, Fatal> {
        let mut out = Vec::new();
        for code in &self.languages {
            let code = code.trim().to_lowercase();
            let l = lang::parse_code(&code).ok_or_else(|| {
                Fatal(format!(
                    "--languages: {code:?} is not an ISO 639-1 code the detector knows"
                ))
            })?;
            if !out.contains(&l) {
                out.push(l);
            }
        }
        if out.is_empty() {
            return Err(Fatal("--languages: the list is empty".into()));
        }
        Ok(out)
    }

    fn builder(&self) -> Result<PipelineBuilder, Fatal> {
        if let Some(d) = &self.reference_date {
            if !valid_iso_date(d) {
                return Err(Fatal(format!(
                    "--reference-date {d:?} is not a calendar date written YYYY-MM-DD"
                )));
            }
        }
        let mut b = PipelineBuilder::new()
            .reference_date(self.reference_date.clone())
            .languages(self.languages()?)
            .max_bytes(self.max_bytes);
        for d in &self.gazetteers {
            b = b.gazetteer_dir(d);
        }
        Ok(b)
    }

    fn pipeline(&self) -> Result<Pipeline, Fatal> {
        self.builder()?.build().map_err(|e| Fatal(e.to_string()))
    }
}

/// Parse the process arguments and run; the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(args),
        Command::Extract { file, common } => extract(file, common),
        Command::Check { dir, bless, common } => check_fixtures(dir, bless, common),
        Command::Gazetteer(GazetteerCommand::Check { dir }) => gazetteer_check(dir),
        Command::Gazetteer(GazetteerCommand::Suggest { records, output }) => {
            gazetteer_suggest(&records, output.as_deref())
        }
        Command::Eval { kind, suites } => eval(&kind, &suites),
        Command::Bench(args) => bench(args),
        Command::BenchPass {
            corpus,
            threads,
            output,
            common,
        } => bench_pass(&corpus, threads, &output, &common),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("trawl: {msg}");
            ExitCode::from(2)
        }
    }
}

#[derive(Serialize)]
struct RunInfo<'a> {
    trawl_version: &'static str,
    schema: &'static str,
    options: RunOptions<'a>,
    inputs: Vec<String>,
    started: String,
    finished: String,
    elapsed_seconds: f64,
    documents: &'a std::collections::BTreeMap<String, usize>,
    events: &'a std::collections::BTreeMap<String, usize>,
    bytes: u64,
    gazetteers: &'a [crate::gazetteer::FileInfo],
}

#[derive(Serialize)]
struct RunOptions<'a> {
    output: String,
    extensions: &'a [String],
    threads: usize,
    #[serde(flatten)]
    common: &'a CommonArgs,
}

fn run(args: RunArgs) -> Result<ExitCode, Fatal> {
    let started_wall = SystemTime::now();
    let started = Instant::now();
    let pipeline = args.common.pipeline()?;
    let extensions: Vec<String> = args
        .extensions
        .iter()
        .map(|e| e.trim().trim_start_matches('.').to_string())
        .collect();
    let inputs: Vec<Input> = ingest::walk(&args.paths, &extensions);
    let mut writer = OutputWriter::create(&args.output).map_err(|e| {
        Fatal(format!(
            "{}: cannot create the output folder: {e}",
            args.output.display()
        ))
    })?;

    let total_bytes: u64 = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map(|m| m.len()).unwrap_or(0))
        .sum();
    let progress = if !args.no_progress && io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total_bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{wide_bar} {msg} files  {binary_bytes_per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };

    let mut totals = Totals::default();
    let mut write_error: Option<io::Error> = None;
    let mut done = 0usize;
    pipeline
        .run(&inputs, args.threads, |record| {
            totals.add(&record);
            done += 1;
            if record.status == Status::Error {
                for p in &record.problems {
                    if let Some(bar) = &progress {
                        bar.suspend(|| eprintln!("trawl: {}", p.message));
                    } else {
                        eprintln!("trawl: {}", p.message);
                    }
                }
            }
            if let Some(bar) = &progress {
                bar.inc(record.bytes);
                bar.set_message(format!("{done}/{}", inputs.len()));
            }
            if write_error.is_none() {
                if let Err(e) = writer.write(&record) {
                    write_error = Some(e);
                }
            }
        })
        .map_err(|e| Fatal(e.to_string()))?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(e) = write_error {
        return Err(Fatal(format!(
            "{}: cannot write the outputs: {e}",
            args.output.display()
        )));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let info = RunInfo {
        trawl_version: env!("CARGO_PKG_VERSION"),
        schema: crate::model::SCHEMA,
        options: RunOptions {
            output: args.output.display().to_string(),
            extensions: &extensions,
            threads: args.threads,
            common: &args.common,
        },
        inputs: args.paths.iter().map(|p| ingest::display_path(p)).collect(),
        started: rfc3339(started_wall),
        finished: rfc3339(SystemTime::now()),
        elapsed_seconds: (elapsed * 1000.0).round() / 1000.0,
        documents: &totals.documents,
        events: &totals.events,
        bytes: totals.bytes,
        gazetteers: &pipeline.gazetteer().files,
    };
    writer.finish(&info).map_err(|e| {
        Fatal(format!(
            "{}: cannot write the outputs: {e}",
            args.output.display()
        ))
    })?;
    eprintln!("{}", summary(&totals, elapsed, &args.output));
    Ok(if totals.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The one summary line of a run.
fn summary(t: &Totals, seconds: f64, out: &std::path::Path) -> String {
    let n: usize = t.documents.values().sum();
    let by_status: Vec<String> = ["ok", "empty", "skipped", "error"]
        .iter()
        .map(|s| format!("{} {s}", t.documents.get(*s).copied().unwrap_or(0)))
        .collect();
    let n_events: usize = t.events.values().sum();
    let by_type: Vec<String> = t.events.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!(
        "trawl: {n} documents ({}); {n_events} events{}; {:.2} s; written to {}",
        by_status.join(", "),
        if by_type.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_type.join(", "))
        },
        seconds,
        out.display()
    )
}

fn extract(file: PathBuf, common: CommonArgs) -> Result<ExitCode, Fatal> {
    let pipeline = common.pipeline()?;
    let record = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal(format!("-: cannot read standard input: {e}")))?;
        match ingest::decode(&bytes) {
            ingest::Decoded::Text {
                text,
                encoding,
                replaced,
            } => {
                let mut doc = Document::from_text("-", text);
                doc.encoding = encoding;
                doc.bytes = bytes.len() as u64;
                doc.sha256 = ingest::sha256_hex(&bytes);
                if replaced {
                    doc.problems.push(crate::model::Problem {
                        kind: crate::model::ProblemKind::Decode,
                        message: format!("-: invalid {encoding} sequences replaced with U+FFFD"),
                    });
                }
                if doc.text.trim().is_empty() {
                    let mut r = doc.record();
                    r.status = Status::Empty;
                    r.problems.push(crate::model::Problem {
                        kind: crate::model::ProblemKind::Empty,
                        message: "-: no text (empty or white space only)".into(),
                    });
                    r
                } else {
                    pipeline.process(&doc)
                }
            }
            ingest::Decoded::Binary(at) => {
                let mut r = crate::model::Record::bare("-".into(), "-".into());
                r.bytes = bytes.len() as u64;
                r.sha256 = Some(ingest::sha256_hex(&bytes));
                r.status = Status::Skipped;
                r.problems.push(crate::model::Problem {
                    kind: crate::model::ProblemKind::Binary,
                    message: format!("-: binary input (NUL byte at offset {at})"),
                });
                r
            }
        }
    } else {
        let doc_id = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        pipeline.process_input(&Input {
            path: file.clone(),
            doc_id,
        })
    };
    let json = serde_json::to_string_pretty(&record).map_err(|e| Fatal(e.to_string()))?;
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{json}").and_then(|_| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(Fatal(format!("cannot write to standard output: {e}")));
        }
    }
    for p in &record.problems {
        eprintln!("trawl: {}", p.message);
    }
    Ok(if record.status == Status::Error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_fixtures(dir: PathBuf, bless: bool, common: CommonArgs) -> Result<ExitCode, Fatal> {
    let pipeline = common.pipeline()?;
    let report = check::check(&pipeline, &dir, bless, 0).map_err(|e| Fatal(e.to_string()))?;
    if bless {
        eprintln!(
            "trawl check: blessed {} expected records in {}",
            report.blessed,
            dir.join("expected").display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for (path, diff) in &report.differences {
        println!("--- {} (- expected, + got)\n{diff}", path.display());
    }
    for p in &report.orphans {
        println!("--- {}: expected record with no article", p.display());
    }
    let failed = report.differences.len() + report.orphans.len();
    eprintln!(
        "trawl check: {} documents, {} differ{}",
        report.documents,
        failed,
        if failed > 0 {
            " (run `trawl check --bless` after reading the diffs to accept them)"
        } else {
            ""
        }
    );
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn bench(args: BenchArgs) -> Result<ExitCode, Fatal> {
    // A corpus folder named without a size keeps the size it was generated at (rather than
    // being rewritten at the default size).
    let recorded = match (&args.size, &args.corpus) {
        (None, Some(dir)) => crate::bench::recorded_size(dir),
        _ => None,
    };
    let size = match (&args.size, recorded) {
        (Some(s), _) => s.clone(),
        (None, Some(bytes)) => crate::bench::size_label(bytes),
        (None, None) => "10M".to_string(),
    };
    let bytes = crate::bench::parse_size(&size).map_err(Fatal)?;
    if args.runs == 0 {
        return Err(Fatal("--runs: at least one run".into()));
    }
    let corpus = args
        .corpus
        .clone()
        .unwrap_or_else(|| PathBuf::from("target/bench-corpus").join(&size));
    let pipeline = PipelineBuilder::new()
        .build()
        .map_err(|e| Fatal(e.to_string()))?;
    let t = Instant::now();
    let (manifest, generated) =
        crate::bench::ensure_corpus(&pipeline, &corpus, bytes).map_err(|e| {
            Fatal(format!(
                "{}: cannot write the corpus: {e}",
                corpus.display()
            ))
        })?;
    let langs: Vec<String> = manifest
        .languages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    eprintln!(
        "trawl bench: corpus {}: {} documents, {:.1} MB ({}){}",
        corpus.display(),
        manifest.documents,
        manifest.bytes as f64 / 1e6,
        langs.join(", "),
        if generated {
            format!(", generated in {:.1} s", t.elapsed().as_secs_f64())
        } else {
            ", reused".into()
        }
    );
    if args.generate_only {
        return Ok(ExitCode::SUCCESS);
    }
    drop(pipeline);
    let exe = std::env::current_exe()
        .map_err(|e| Fatal(format!("cannot find the trawl executable: {e}")))?;
    let mut passes = Vec::new();
    for run in 0..args.runs {
        // Alternate the order of thread counts so that drift in a shared machine's load
        // does not always favour the same one.
        let mut order = args.threads.clone();
        if run % 2 == 1 {
            order.reverse();
        }
        for &threads in &order {
            let output = std::env::temp_dir().join(format!(
                "trawl-bench-{}-{run}-{threads}",
                std::process::id()
            ));
            let pass = if args.in_process {
                crate::bench::measure(PipelineBuilder::new(), &corpus, threads, &output)
                    .map_err(Fatal)?
            } else {
                let out = std::process::Command::new(&exe)
                    .arg("bench-pass")
                    .arg("--corpus")
                    .arg(&corpus)
                    .arg("--threads")
                    .arg(threads.to_string())
                    .arg("--output")
                    .arg(&output)
                    .stderr(std::process::Stdio::inherit())
                    .output()
                    .map_err(|e| Fatal(format!("cannot run a measured pass: {e}")))?;
                if !out.status.success() {
                    return Err(Fatal(format!("a measured pass failed ({})", out.status)));
                }
                serde_json::from_slice::<crate::bench::Pass>(&out.stdout)
                    .map_err(|e| Fatal(format!("a measured pass printed no report: {e}")))?
            };
            eprintln!(
                "  run {} threads {}: {:.1} MB/s, {:.0} docs/s, {:.2} s, peak RSS {:.1} MiB",
                run + 1,
                threads,
                pass.mb_per_s(),
                pass.docs_per_s(),
                pass.seconds,
                pass.peak_rss_kib as f64 / 1024.0
            );
            passes.push(pass);
        }
    }
    let mut out = io::stdout().lock();
    let written = writeln!(
        out,
        "trawl bench --size {} ({} documents, {:.1} MB): medians of {} runs; stage shares are of the CPU time summed over threads; waits are wall minus CPU time (reading: summed over workers; writing: the writer thread)",
        size,
        manifest.documents,
        manifest.bytes as f64 / 1e6,
        args.runs
    )
    .and_then(|_| crate::bench::report(&passes, &mut out));
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(Fatal(format!("cannot write to standard output: {e}")));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn bench_pass(
    corpus: &std::path::Path,
    threads: usize,
    output: &std::path::Path,
    common: &CommonArgs,
) -> Result<ExitCode, Fatal> {
    let pass = crate::bench::measure(common.builder()?, corpus, threads, output).map_err(Fatal)?;
    let json = serde_json::to_string(&pass).map_err(|e| Fatal(e.to_string()))?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

fn eval(kind: &str, suites: &[PathBuf]) -> Result<ExitCode, Fatal> {
    let table = match kind {
        "dates" => crate::eval::dates::run(suites),
        "numbers" => crate::eval::numbers::run(suites),
        _ => crate::eval::langid::run(suites),
    }
    .map_err(Fatal)?;
    print!("{table}");
    Ok(ExitCode::SUCCESS)
}

fn gazetteer_check(dir: Option<PathBuf>) -> Result<ExitCode, Fatal> {
    let mut b = GazetteerBuilder::new();
    if let Some(d) = &dir {
        b = b.user_dir(d);
    }
    let g = b.build().map_err(|e| Fatal(e.to_string()))?;
    let report = crate::gazetteer::check::report(&g);
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

fn gazetteer_suggest(
    records: &[PathBuf],
    output: Option<&std::path::Path>,
) -> Result<ExitCode, Fatal> {
    use crate::gazetteer::suggest;
    let candidates = suggest::collect(records).map_err(|e| Fatal(e.to_string()))?;
    let files: Vec<String> = records.iter().map(|p| p.display().to_string()).collect();
    let source = format!("trawl gazetteer suggest from {}", files.join(" "));
    let io_err =
        |what: &std::path::Path, e: std::io::Error| Fatal(format!("{}: {e}", what.display()));
    match output {
        None => {
            let all: Vec<&suggest::Candidate> = candidates.iter().collect();
            let stdout = std::io::stdout();
            match suggest::write_csv(stdout.lock(), &all, &source) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => r.map_err(|e| Fatal(format!("standard output: {e}")))?,
            }
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
            for kind in crate::model::EntityType::ALL {
                let rows: Vec<&suggest::Candidate> =
                    candidates.iter().filter(|c| c.kind == kind).collect();
                if rows.is_empty() {
                    continue;
                }
                let path = dir.join(suggest::file_name(kind));
                let f = std::fs::File::create(&path).map_err(|e| io_err(&path, e))?;
                suggest::write_csv(std::io::BufWriter::new(f), &rows, &source)
                    .map_err(|e| io_err(&path, e))?;
            }
        }
    }
    let count = |k| candidates.iter().filter(|c| c.kind == k).count();
    eprintln!(
        "trawl gazetteer suggest: {} candidates ({} people, {} agencies, {} gangs){}",
        candidates.len(),
        count(crate::model::EntityType::Person),
        count(crate::model::EntityType::Agency),
        count(crate::model::EntityType::Gang),
        output.map_or(String::new(), |d| format!(" written to {}", d.display()))
    );
    Ok(ExitCode::SUCCESS)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a wall-clock time (run.json only; records never read the clock).
fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = crate::dates::calendar::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH + std::time::Duration::from_secs(1_740_000_000)),
            "2025-02-19T21:20:00Z"
        );
    }
}
