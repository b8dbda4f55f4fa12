//! Micro benchmark of the language detector alone: sentences per second on one thread.
//!
//! `cargo run --release --example lang_bench -- /work/shared/eval/langid/lingua_en.jsonl ...`
//! reads the `"granularity": "sentence"` records of the given JSON Lines files, runs
//! [`LanguageDetector::guess`] (and whatlang alone, for comparison) over all of them nine
//! times and prints the median rate, after the median time to build the detector (its part of
//! start-up). Lines that are not JSON are skipped.

use std::time::Instant;
use trawl::lang::{LanguageDetector, DEFAULT_LANGUAGES};

fn main() {
    let mut sentences: Vec<String> = Vec::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("lang_bench: {path}: {e}");
                std::process::exit(2);
            }
        };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if v.get("granularity").and_then(|g| g.as_str()) == Some("sentence") {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    sentences.push(t.to_string());
                }
            }
        }
    }
    if sentences.is_empty() {
        eprintln!("usage: lang_bench <lingua_*.jsonl>... (files with sentence records)");
        std::process::exit(2);
    }
    // Building the detector is part of every run's start-up: word lists, character model.
    let mut builds = Vec::new();
    let mut detector = None;
    for _ in 0..5 {
        let t0 = Instant::now();
        match LanguageDetector::new(&DEFAULT_LANGUAGES) {
            Ok(d) => detector = Some(d),
            Err(e) => {
                eprintln!("lang_bench: {e}");
                std::process::exit(2);
            }
        }
        builds.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    builds.sort_by(|a, b| a.total_cmp(b));
    println!(
        "detector built in {:.1} ms (median of 5; min {:.1}, max {:.1})",
        builds[2], builds[0], builds[4]
    );
    let Some(detector) = detector else {
        unreachable!("the loop above built it or exited")
    };
    let bytes: usize = sentences.iter().map(String::len).sum();
    println!(
        "{} sentences, {:.0} bytes on average",
        sentences.len(),
        bytes as f64 / sentences.len() as f64
    );
    for (name, f) in [
        (
            "trawl (whatlang + evidence)",
            &(|t: &str| detector.guess(t)) as &dyn Fn(&str) -> Option<_>,
        ),
        ("whatlang alone", &|t: &str| detector.whatlang(t)),
    ] {
        let mut rates = Vec::new();
        for _ in 0..9 {
            let t0 = Instant::now();
            let mut found = 0usize;
            for s in &sentences {
                found += usize::from(std::hint::black_box(f(s)).is_some());
            }
            std::hint::black_box(found);
            rates.push(sentences.len() as f64 / t0.elapsed().as_secs_f64().max(1e-9));
        }
        rates.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name:<28} median {:>9.0} sentences/s  (min {:.0}, max {:.0}, 9 runs, 1 thread)",
            rates[4], rates[0], rates[8]
        );
    }
}
