//! The real binary over temporary folders: bad inputs never take a run down or disappear.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn trawl() -> Command {
    Command::cargo_bin("trawl").expect("the trawl binary is built")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles")
}

/// A folder with the fixture articles and every kind of bad file.
fn corpus(with_unreadable: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    fs::create_dir_all(root.join("nested/deeper")).unwrap();
    for e in fs::read_dir(fixtures()).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, root.join(p.file_name().unwrap())).unwrap();
    }
    fs::write(root.join("binary.txt"), b"abc\x00def\x00").unwrap();
    fs::write(root.join("empty.txt"), b"").unwrap();
    fs::write(root.join("blank.txt"), b"  \n\t\n").unwrap();
    fs::write(
        root.join("latin1.txt"),
        b"La Fiscal\xeda de M\xe9xico detuvo a tres personas.\n",
    )
    .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "La Policía Nacional del Perú arrestó a 12 personas.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(root.join("utf16.txt"), utf16).unwrap();
    fs::write(
        root.join("informe año 2025 (copia).txt"),
        "Ecuador y Chile firmaron un acuerdo.\n",
    )
    .unwrap();
    fs::write(
        root.join("nested/deeper/note.md"),
        "The DEA arrested eight people in Texas.\n",
    )
    .unwrap();
    fs::write(root.join(".hidden.txt"), "never read").unwrap();
    fs::write(root.join("table.csv"), "not,an,article").unwrap();
    let big = vec![b'a'; 40 * 1024 * 1024];
    fs::write(root.join("big.txt"), big).unwrap();
    if with_unreadable {
        std::os::unix::fs::symlink(root.join("does-not-exist"), root.join("dangling.txt")).unwrap();
    }
    dir
}

fn records(out: &Path) -> Vec<Value> {
    fs::read_to_string(out.join("records.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn statuses(out: &Path) -> BTreeMap<String, String> {
    records(out)
        .into_iter()
        .map(|r| {
            (
                r["doc_id"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_input_appears_with_its_status() {
    let dir = corpus(true);
    let out = dir.path().join("out");
    let assert = trawl()
        .arg("run")
        .arg(dir.path().join("in"))
        .arg("-o")
        .arg(&out)
        .assert();
    // The dangling link is an error: exit 1, every other output still written.
    assert.code(1);
    let got = statuses(&out);
    let mut want: BTreeMap<String, String> = [
        ("big.txt", "skipped"),
        ("binary.txt", "skipped"),
        ("blank.txt", "empty"),
        ("dangling.txt", "error"),
        ("empty.txt", "empty"),
        ("informe año 2025 (copia).txt", "ok"),
        ("latin1.txt", "ok"),
        ("nested/deeper/note.md", "ok"),
        ("utf16.txt", "ok"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    for e in fs::read_dir(fixtures()).unwrap() {
        want.insert(
            e.unwrap().file_name().to_string_lossy().into_owned(),
            "ok".into(),
        );
    }
    let fixture_count = want.len() - 9;
    assert_eq!(got, want);

    // records.jsonl is written by hand for speed; the serde derives in `model` define the
    // format. Every kind of record (ok, empty, skipped, error, re-decoded) must read back and
    // write out through serde as the very same line.
    let jsonl = fs::read_to_string(out.join("records.jsonl")).unwrap();
    for line in jsonl.lines() {
        let r: trawl::model::Record = serde_json::from_str(line).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), line);
    }

    // Input order: sorted walk.
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);

    // Encodings are recorded, and the text decoded right.
    let recs = records(&out);
    let by_id = |id: &str| recs.iter().find(|r| r["doc_id"] == id).unwrap().clone();
    assert_eq!(by_id("latin1.txt")["encoding"], "windows-1252");
    assert_eq!(by_id("utf16.txt")["encoding"], "utf-16le");
    let dangling = by_id("dangling.txt");
    let msg = dangling["problems"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("dangling.txt") && msg.contains("cannot open"),
        "{msg}"
    );
    assert_eq!(dangling["problems"][0]["kind"], "unreadable");
    assert_eq!(by_id("big.txt")["problems"][0]["kind"], "too_large");
    assert_eq!(by_id("binary.txt")["problems"][0]["kind"], "binary");

    // documents.csv has one row per input, with the same statuses.
    let mut rdr = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    let rows: BTreeMap<String, String> = rdr
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[0].to_string(), r[2].to_string()))
        .collect();
    assert_eq!(rows, want);

    // Every output is in place and no temporary file is left.
    for f in [
        "records.jsonl",
        "documents.csv",
        "mentions.csv",
        "events.csv",
        "run.json",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let run: Value =
        serde_json::from_str(&fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["documents"]["error"], 1);
    assert_eq!(run["documents"]["ok"], fixture_count + 4);
    assert!(run["gazetteers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["path"] == "gazetteers/agencies.csv"));
}

#[test]
fn a_run_without_errors_exits_zero_and_is_deterministic() {
    let dir = corpus(false);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    trawl()
        .arg("run")
        .arg(dir.path().join("in"))
        .arg("-o")
        .arg(&a)
        .assert()
        .code(0);
    trawl()
        .args(["run", "--threads", "1"])
        .arg(dir.path().join("in"))
        .arg("-o")
        .arg(&b)
        .assert()
        .code(0);
    for f in [
        "records.jsonl",
        "documents.csv",
        "mentions.csv",
        "events.csv",
    ] {
        assert_eq!(
            fs::read(a.join(f)).unwrap(),
            fs::read(b.join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
}

#[test]
fn spreadsheet_cells_are_safe() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    trawl()
        .arg("run")
        .arg(fixtures().join("000_13a1e7a6828b4c6e.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let mentions = fs::read_to_string(out.join("mentions.csv")).unwrap();
    // The bullets of the first article start with "- INTERPOL…": a spreadsheet would read a formula.
    assert!(
        mentions.contains(",'- INTERPOL Washington and National Central Bureau Ottawa signed"),
        "{mentions}"
    );
    let mut rdr = csv::Reader::from_path(out.join("mentions.csv")).unwrap();
    for row in rdr.records() {
        let row = row.unwrap();
        for (i, cell) in row.iter().enumerate() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "column {i}: {cell:?}"
            );
        }
        // Offsets are never prefixed.
        row[7].parse::<usize>().unwrap();
        row[8].parse::<usize>().unwrap();
    }
}

#[test]
fn malformed_gazetteer_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("gz");
    fs::create_dir(&gz).unwrap();
    fs::write(
        gz.join("agencies.csv"),
        "id,name,aliases,country,source\nagency:x-one,One,,XX,here\nperson:wrong,Two,,US,here\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let assert = trawl()
        .arg("run")
        .arg(fixtures())
        .arg("--gazetteers")
        .arg(&gz)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        err.contains("agencies.csv:3") && err.contains("column id"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written on a configuration error");
}

#[test]
fn user_gazetteer_adds_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("gz");
    fs::create_dir(&gz).unwrap();
    fs::write(
        gz.join("orgs.csv"),
        "id,name,aliases,source\norg:acme,Acme Logistics,Acme,test fixture\n",
    )
    .unwrap();
    let assert = trawl()
        .args(["extract", "-", "--gazetteers"])
        .arg(&gz)
        .write_stdin("Acme Logistics shipped cocaine to Spain, police said.")
        .assert()
        .code(0);
    let rec: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let ids: Vec<&str> = rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"org:acme") && ids.contains(&"country:es"),
        "{ids:?}"
    );
}

#[test]
fn usage_errors_exit_two() {
    trawl()
        .args(["run", "x", "--reference-date", "2025-02-30"])
        .assert()
        .code(2);
    trawl()
        .args(["run", "x", "--languages", "xx"])
        .assert()
        .code(2);
    trawl().args(["frobnicate"]).assert().code(2);
}

#[test]
fn extract_reads_stdin_and_files() {
    let assert = trawl()
        .args(["extract", "-"])
        .write_stdin("")
        .assert()
        .code(0);
    let rec: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(rec["status"], "empty");
    let assert = trawl()
        .arg("extract")
        .arg(fixtures().join("004_b954c392d733c591.txt"))
        .assert()
        .code(0);
    let rec: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(rec["language"]["code"], "en");
    let langs: Vec<&str> = rec["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["language"].as_str().unwrap())
        .collect();
    assert!(langs.contains(&"fr"), "{langs:?}");
}

#[test]
fn fixture_check_passes() {
    trawl()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "fixtures"])
        .assert()
        .code(0);
}

/// Every (id, source) of the entities in a run's records.
fn entity_sources(out: &Path) -> Vec<(String, String, String)> {
    records(out)
        .iter()
        .flat_map(|r| r["entities"].as_array().cloned().unwrap_or_default())
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["name"].as_str().unwrap().to_string(),
                e["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn suggested_rows_load_and_link_by_gazetteer_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    for e in fs::read_dir(fixtures()).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    let first = dir.path().join("first");
    trawl()
        .arg("run")
        .arg(&input)
        .arg("-o")
        .arg(&first)
        .arg("--no-progress")
        .assert()
        .code(0);
    let found: Vec<(String, String, String)> = entity_sources(&first)
        .into_iter()
        .filter(|(_, _, s)| s == "pattern")
        .collect();
    assert!(found.len() >= 10, "pattern entities: {found:?}");

    // Printed to standard output: a header and one row per candidate.
    let printed = trawl()
        .args(["gazetteer", "suggest"])
        .arg(first.join("records.jsonl"))
        .assert()
        .code(0);
    let csv = String::from_utf8(printed.get_output().stdout.clone()).unwrap();
    assert!(csv.starts_with("id,name,aliases,country,"), "{csv}");
    assert!(csv.contains("person:julian-ortega-saldivar,Julián Ortega Saldívar,El Flaco,"));
    assert!(csv.contains("trawl gazetteer suggest from "));

    // Written to a folder, one file per type; it loads as a user gazetteer.
    let gaz = dir.path().join("gaz");
    trawl()
        .args(["gazetteer", "suggest"])
        .arg(first.join("records.jsonl"))
        .arg("-o")
        .arg(&gaz)
        .assert()
        .code(0);
    assert!(gaz.join("people.csv").is_file());
    assert!(gaz.join("agencies.csv").is_file());
    trawl()
        .args(["gazetteer", "check"])
        .arg(&gaz)
        .assert()
        .code(0);

    // The next run links every suggested name by gazetteer, and finds none of them by pattern.
    let second = dir.path().join("second");
    trawl()
        .arg("run")
        .arg(&input)
        .arg("-o")
        .arg(&second)
        .arg("--no-progress")
        .arg("--gazetteers")
        .arg(&gaz)
        .assert()
        .code(0);
    let again = entity_sources(&second);
    for (id, name, _) in &found {
        let want = id.strip_prefix("pattern:").unwrap().to_string();
        assert!(
            again.iter().any(|(i, _, s)| *i == want && s == "gazetteer"),
            "{name} ({want}) is not linked by gazetteer on the second run"
        );
        assert!(
            !again.iter().any(|(i, _, _)| i == id),
            "{name} is still found by pattern"
        );
    }
}
