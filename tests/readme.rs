//! The example record in README.md is what `trawl extract -` prints for its input.
//! `UPDATE_README=1 cargo test --test readme` rewrites the JSON block after a deliberate change.

use trawl::ingest::Document;
use trawl::pipeline::PipelineBuilder;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

#[test]
fn readme_example_is_current() {
    let readme = std::fs::read_to_string(README).unwrap();
    let cmd_start = readme
        .find("echo '")
        .expect("README has the example command");
    let cmd_end = readme[cmd_start..]
        .find("' | trawl extract -")
        .expect("example pipes into trawl extract")
        + cmd_start;
    let input = format!("{}\n", &readme[cmd_start + "echo '".len()..cmd_end]);
    let json_open = readme[cmd_end..]
        .find("```json\n")
        .expect("a json block follows")
        + cmd_end
        + "```json\n".len();
    let json_close = readme[json_open..]
        .find("```")
        .expect("the json block ends")
        + json_open;

    let pipeline = PipelineBuilder::new().build().unwrap();
    let mut doc = Document::from_text("-", input);
    doc.path = "-".into();
    let record = pipeline.process(&doc);
    let got = serde_json::to_string_pretty(&record).unwrap() + "\n";

    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..json_open], got, &readme[json_close..]);
        std::fs::write(README, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[json_open..json_close],
        got,
        "README example is stale: run UPDATE_README=1 cargo test --test readme"
    );
}
