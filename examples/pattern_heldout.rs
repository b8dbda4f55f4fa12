//! The pattern finder on text its gazetteer does not know: a held-out measurement.
//!
//! ```sh
//! mkdir -p /tmp/countries-only && cp gazetteers/countries.csv /tmp/countries-only/
//! cargo run --example pattern_heldout -- fixtures/articles /tmp/countries-only > /tmp/heldout.jsonl
//! python3 ../shared/eval/score.py ../shared/seeds/gold /tmp/heldout.jsonl
//! ```
//!
//! Runs every `.txt` file of a folder through the pipeline with only the given gazetteer
//! folder (no shipped lists), and prints one record per line. With a countries-only
//! gazetteer, every person, agency and gang in the records was found by pattern, so scoring
//! them against gold measures the patterns alone on articles they were not tuned on.

use trawl::ingest::Document;
use trawl::pipeline::PipelineBuilder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(gazetteers)) = (args.next(), args.next()) else {
        return Err("usage: pattern_heldout ARTICLES_DIR GAZETTEER_DIR".into());
    };
    let pipeline = PipelineBuilder::new()
        .shipped_gazetteers(false)
        .gazetteer_dir(gazetteers)
        .build()?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let doc = Document::from_text(&name, std::fs::read_to_string(path)?);
        println!("{}", serde_json::to_string(&pipeline.process(&doc))?);
    }
    Ok(())
}
