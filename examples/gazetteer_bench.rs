//! How long building and matching the gazetteer takes.
//!
//! ```sh
//! cargo run --release --example gazetteer_bench            # 200,000 synthetic aliases, 5 runs
//! cargo run --release --example gazetteer_bench -- 500000 7
//! ```
//!
//! Reports medians of: loading and compiling the shipped gazetteer; the same plus a synthetic
//! gazetteer of N aliases (made-up multi-word names, deterministic); and matching throughput
//! (MB/s of text, fold included) of each over the fixture articles repeated to about 8 MB.

use std::time::Instant;
use trawl::fold::FoldedText;
use trawl::gazetteer::{resolve, Gazetteer, GazetteerBuilder};

/// A small deterministic generator (xorshift64*), so every run builds the same gazetteer.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

const SYLLABLES: &[&str] = &[
    "ba", "ca", "da", "fe", "go", "hu", "ja", "ke", "li", "mo", "na", "pe", "qui", "ro", "sa",
    "te", "vu", "xa", "yo", "za", "ña", "ló", "ré", "çu",
];

fn word(rng: &mut Rng) -> String {
    let n = 2 + (rng.next() % 3) as usize;
    let mut w: String = (0..n)
        .map(|_| SYLLABLES[(rng.next() % SYLLABLES.len() as u64) as usize])
        .collect();
    if let Some(first) = w.get(..1) {
        w = first.to_uppercase() + &w[1..];
    }
    w
}

fn synthetic_csv(aliases: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("id,name,aliases,source\n");
    let per_entity = 4;
    for i in 0..aliases / per_entity {
        let name = format!("{} {} {}", word(&mut rng), word(&mut rng), word(&mut rng));
        let others: Vec<String> = (1..per_entity)
            .map(|_| format!("{} {}", word(&mut rng), word(&mut rng)))
            .collect();
        out.push_str(&format!(
            "org:synthetic-{i},{name},{},synthetic benchmark data\n",
            others.join("|")
        ));
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    v[v.len() / 2]
}

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
    let mut one = String::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for p in names {
        one.push_str(&std::fs::read_to_string(p).expect("fixture text"));
        one.push('\n');
    }
    let mut text = String::new();
    while text.len() < 8 << 20 {
        text.push_str(&one);
    }
    text
}

fn throughput(g: &Gazetteer, text: &str) -> (f64, usize) {
    let start = Instant::now();
    let mut mentions = 0;
    // Documents of a few KB, as in a real run.
    for doc in text.as_bytes().chunks(6000) {
        let doc = String::from_utf8_lossy(doc);
        let folded = FoldedText::new(&doc);
        mentions += resolve::entities(g, &doc, &folded)
            .iter()
            .map(|e| e.mentions.len())
            .sum::<usize>();
    }
    (
        text.len() as f64 / 1e6 / start.elapsed().as_secs_f64(),
        mentions,
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let synthetic = synthetic_csv(n);

    let mut shipped_times = Vec::new();
    let mut big_times = Vec::new();
    let mut shipped = None;
    let mut big = None;
    for _ in 0..runs {
        let t = Instant::now();
        let g = Gazetteer::shipped().expect("shipped gazetteer loads");
        shipped_times.push(t.elapsed().as_secs_f64());
        shipped = Some(g);
        let t = Instant::now();
        let g = GazetteerBuilder::new()
            .file("orgs.csv", &synthetic)
            .build()
            .expect("synthetic gazetteer loads");
        big_times.push(t.elapsed().as_secs_f64());
        big = Some(g);
    }
    let (shipped, big) = (shipped.expect("ran"), big.expect("ran"));
    let text = corpus();
    let mut tp_shipped = Vec::new();
    let mut tp_big = Vec::new();
    let mut counts = (0, 0);
    for _ in 0..runs {
        let (a, ma) = throughput(&shipped, &text);
        let (b, mb) = throughput(&big, &text);
        tp_shipped.push(a);
        tp_big.push(b);
        counts = (ma, mb);
    }
    println!("gazetteer benchmark: medians of {runs} runs (cargo run --release --example gazetteer_bench -- {n} {runs})");
    println!(
        "  shipped gazetteer: {} entities, {} distinct folded aliases: load + build {:.1} ms",
        shipped.entities.len(),
        shipped.matcher.pattern_count(),
        median(shipped_times) * 1e3
    );
    println!(
        "  shipped + synthetic: {} entities, {} distinct folded aliases: load + build {:.1} ms",
        big.entities.len(),
        big.matcher.pattern_count(),
        median(big_times) * 1e3
    );
    println!(
        "  matching {:.1} MB of text in 6 KB documents: shipped {:.1} MB/s ({} mentions), shipped + synthetic {:.1} MB/s ({} mentions)",
        text.len() as f64 / 1e6,
        median(tp_shipped),
        counts.0,
        median(tp_big),
        counts.1
    );
}
