//! Fixture regressions: run the pipeline over `articles/` and compare with `expected/`.
//!
//! A fixtures folder holds `articles/` (inputs, walked like a run) and `expected/<stem>.json`
//! (one pretty-printed record per article, `<stem>` the file name without extension). The
//! comparison is of the pretty JSON text, after setting `path` to the `doc_id` so the result
//! does not depend on the working directory. `bless` rewrites the expected files instead
//! (atomically, like every output).

use crate::ingest;
use crate::model::Record;
use crate::pipeline::Pipeline;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Documents compared (or blessed).
    pub documents: usize,
    /// Per document with a difference: its expected file and a readable diff.
    pub differences: Vec<(PathBuf, String)>,
    /// Expected files blessed.
    pub blessed: usize,
    /// Expected files with no article.
    pub orphans: Vec<PathBuf>,
}

impl CheckReport {
    /// True when every record matched and nothing is orphaned.
    pub fn passed(&self) -> bool {
        self.differences.is_empty() && self.orphans.is_empty()
    }
}

/// The record as compared: pretty JSON with `path` replaced by `doc_id`, and a final newline.
pub fn expected_text(record: &Record) -> String {
    let mut r = record.clone();
    r.path = r.doc_id.clone();
    let mut s = serde_json::to_string_pretty(&r).expect("records always serialize");
    s.push('\n');
    s
}

/// Run the check over `dir` (with `articles/` and `expected/`).
pub fn check(
    pipeline: &Pipeline,
    dir: &Path,
    bless: bool,
    threads: usize,
) -> io::Result<CheckReport> {
    let articles = dir.join("articles");
    let expected = dir.join("expected");
    if !articles.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{}: no articles/ folder", dir.display()),
        ));
    }
    let inputs = ingest::walk(&[articles], &ingest::DEFAULT_EXTENSIONS.map(String::from));
    let mut report = CheckReport::default();
    let mut stems = Vec::new();
    let mut records = Vec::new();
    pipeline
        .run(&inputs, threads, |r| records.push(r))
        .map_err(io::Error::other)?;
    if bless {
        fs::create_dir_all(&expected)?;
    }
    for r in records {
        let stem = stem_of(&r.doc_id);
        let path = expected.join(format!("{stem}.json"));
        stems.push(format!("{stem}.json"));
        report.documents += 1;
        let got = expected_text(&r);
        if bless {
            let tmp = expected.join(format!(".{stem}.json.tmp"));
            fs::write(&tmp, &got)?;
            fs::rename(&tmp, &path)?;
            report.blessed += 1;
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => report.differences.push((path, line_diff(&want, &got))),
            Err(e) => report.differences.push((
                path,
                format!("cannot read the expected record: {e} (run with --bless)"),
            )),
        }
    }
    if let Ok(rd) = fs::read_dir(&expected) {
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for p in names {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".json") && !name.starts_with('.') && !stems.contains(&name) {
                report.orphans.push(p);
            }
        }
    }
    Ok(report)
}

/// A document id's file name without its extension (folders kept, `/` made `__`).
pub fn stem_of(doc_id: &str) -> String {
    let s = match doc_id.rsplit_once('.') {
        Some((a, b)) if !b.contains('/') => a,
        _ => doc_id,
    };
    s.replace('/', "__")
}

/// A readable line diff: `-` expected, `+` got, two lines of context, hunks separated.
pub fn line_diff(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.lines().collect();
    let b: Vec<&str> = got.lines().collect();
    // Trim the common prefix and suffix first: goldens differ in a few places.
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf]
    {
        suf += 1;
    }
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    // Longest common subsequence on what is left; bounded so a wholly different file stays cheap.
    let ops: Vec<(char, &str)> = if am.len() * bm.len() <= 4_000_000 {
        lcs_ops(am, bm)
    } else {
        am.iter()
            .map(|l| ('-', *l))
            .chain(bm.iter().map(|l| ('+', *l)))
            .collect()
    };
    let mut all: Vec<(char, &str)> = a[..pre].iter().map(|l| (' ', *l)).collect();
    all.extend(ops);
    all.extend(a[a.len() - suf..].iter().map(|l| (' ', *l)));
    let mut out = String::new();
    let mut last_printed: Option<usize> = None;
    for (i, (op, line)) in all.iter().enumerate() {
        let near = (i.saturating_sub(2)..=(i + 2).min(all.len() - 1)).any(|j| all[j].0 != ' ');
        if !near {
            continue;
        }
        if let Some(l) = last_printed {
            if i > l + 1 {
                out.push_str("  ...\n");
            }
        } else if i > 0 {
            out.push_str(&format!("  @@ line {}\n", i + 1));
        }
        out.push_str(&format!("{op} {line}\n"));
        last_printed = Some(i);
    }
    out
}

fn lcs_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(char, &'a str)> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if a[i] == b[j] {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || t[i * (m + 1) + j + 1] >= t[(i + 1) * (m + 1) + j]) {
            out.push(('+', b[j]));
            j += 1;
        } else {
            out.push(('-', a[i]));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changes_with_context() {
        let want = "a\nb\nc\nd\ne\nf\ng\n";
        let got = "a\nb\nc\nX\ne\nf\ng\n";
        let d = line_diff(want, got);
        assert!(d.contains("- d\n"), "{d}");
        assert!(d.contains("+ X\n"), "{d}");
        assert!(!d.contains("  a\n"), "{d}");
    }

    #[test]
    fn stems() {
        assert_eq!(stem_of("000_abc.txt"), "000_abc");
        assert_eq!(stem_of("sub/x.md"), "sub__x");
        assert_eq!(stem_of("noext"), "noext");
    }
}
