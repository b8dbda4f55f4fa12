//! Finding input files and turning their bytes into text.
//!
//! Input: paths given by the user. Output: [`Input`]s in a deterministic order, and for each
//! one either a [`Document`] (decoded text) or a finished [`Record`] whose status says why
//! there is no text (`empty`, `skipped`, `error`). Nothing here panics on bad input and no
//! input disappears: a file that cannot be read becomes a record with status `error` and a
//! problem naming the file and the reason.
//!
//! - Walking: files are taken as given; folders are walked recursively in sorted order,
//!   hidden entries (a name starting with `.`) skipped, symbolic links to folders not
//!   followed, files kept when their extension is in the list (default `txt`, `text`, `md`).
//! - Decoding: UTF-8 (a BOM is stripped), UTF-16 with a BOM, otherwise Windows-1252 (which
//!   decodes any byte, so Latin-1 files come out right). A file with NUL bytes and no UTF-16
//!   BOM is binary and `skipped`; a file over the size limit is `skipped` without being read.
//! - The text is kept as decoded (line ends included): every offset downstream is into it.

use crate::model::{Problem, ProblemKind, Record, Status};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input file found by the walker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path to open.
    pub path: PathBuf,
    /// The path relative to its input root (the file name for a root that is a file).
    pub doc_id: String,
}

/// A decoded document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path relative to its input root.
    pub doc_id: String,
    /// The path as written in the outputs.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// The decoded text.
    pub text: String,
    /// Problems found while decoding (replacement characters).
    pub problems: Vec<Problem>,
}

impl Document {
    /// A document from text in memory (stdin, tests, benchmarks).
    pub fn from_text(doc_id: &str, text: String) -> Document {
        Document {
            doc_id: doc_id.to_string(),
            path: doc_id.to_string(),
            bytes: text.len() as u64,
            sha256: sha256_hex(text.as_bytes()),
            encoding: "utf-8",
            text,
            problems: Vec::new(),
        }
    }

    /// The record every later stage fills in.
    pub fn record(&self) -> Record {
        let mut r = Record::bare(self.doc_id.clone(), self.path.clone());
        r.sha256 = Some(self.sha256.clone());
        r.bytes = self.bytes;
        r.encoding = Some(self.encoding.to_string());
        r.problems = self.problems.clone();
        r
    }
}

/// Default file extensions.
pub const DEFAULT_EXTENSIONS: [&str; 3] = ["txt", "text", "md"];

/// Default size limit: 32 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The path as written in outputs: relative to the working directory when it is below it.
pub fn display_path(path: &Path) -> String {
    if path.is_absolute() {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(rel) = path.strip_prefix(&cwd) {
                return rel.to_string_lossy().into_owned();
            }
        }
    }
    path.to_string_lossy().into_owned()
}

/// Walk `roots` and return every input in order: roots in the order given, each folder's
/// entries sorted by name. A root that does not exist is still an input (it will be an
/// `error` record), so a typo is reported rather than silently producing nothing.
pub fn walk(roots: &[PathBuf], extensions: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for root in roots {
        match fs::metadata(root) {
            Ok(m) if m.is_dir() => walk_dir(root, root, extensions, &mut out),
            _ => {
                let doc_id = root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| display_path(root));
                out.push(Input {
                    path: root.clone(),
                    doc_id,
                });
            }
        }
    }
    out
}

fn walk_dir(root: &Path, dir: &Path, extensions: &[String], out: &mut Vec<Input>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => {
            // An unreadable folder is reported as an input of its own.
            out.push(Input {
                path: dir.to_path_buf(),
                doc_id: relative_id(root, dir),
            });
            return;
        }
    };
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let link = fs::symlink_metadata(&path)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        let is_dir = fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
        if is_dir && !link {
            walk_dir(root, &path, extensions, out);
        } else if is_dir {
            continue;
        } else if has_extension(&path, extensions) {
            out.push(Input {
                doc_id: relative_id(root, &path),
                path,
            });
        }
    }
}

fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    extensions.iter().any(|e| e.eq_ignore_ascii_case(&ext))
}

/// Ask the operating system to start reading these inputs from disk now, so that a later
/// [`load`] finds them in memory. A run over a cold archive otherwise leaves the cores waiting
/// on the disk (on a 1 GB corpus, a fifth of the time). Only a hint: nothing is read into
/// this process, errors are left for [`load`] to report, and where there is no such hint
/// (outside Linux) it does nothing.
pub fn prefetch(inputs: &[Input]) {
    #[cfg(target_os = "linux")]
    for input in inputs {
        use std::os::fd::AsRawFd;
        if let Ok(file) = fs::File::open(&input.path) {
            // SAFETY: the descriptor is open for the whole call (`file` outlives it), and
            // POSIX_FADV_WILLNEED only starts a read-ahead of the file's pages.
            unsafe {
                libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = inputs;
}

/// Read and decode one input. `Err` is a finished record (empty, skipped or error).
pub fn load(input: &Input, max_bytes: u64) -> Result<Document, Box<Record>> {
    let path = display_path(&input.path);
    let mut record = Record::bare(input.doc_id.clone(), path.clone());
    let fail = |mut r: Record, status: Status, kind: ProblemKind, message: String| {
        r.status = status;
        r.problems.push(Problem { kind, message });
        Box::new(r)
    };
    let meta = match fs::metadata(&input.path) {
        Ok(m) => m,
        Err(e) => {
            return Err(fail(
                record,
                Status::Error,
                ProblemKind::Unreadable,
                format!("{path}: cannot open: {e}"),
            ))
        }
    };
    if meta.is_dir() {
        return Err(fail(
            record,
            Status::Error,
            ProblemKind::Unreadable,
            format!("{path}: is a folder, not a file"),
        ));
    }
    record.bytes = meta.len();
    if meta.len() > max_bytes {
        let msg = format!(
            "{path}: {} bytes is over the limit of {max_bytes} bytes (--max-bytes)",
            meta.len()
        );
        return Err(fail(record, Status::Skipped, ProblemKind::TooLarge, msg));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read = fs::File::open(&input.path).and_then(|mut f| f.read_to_end(&mut bytes));
    if let Err(e) = read {
        return Err(fail(
            record,
            Status::Error,
            ProblemKind::Unreadable,
            format!("{path}: cannot read: {e}"),
        ));
    }
    record.bytes = bytes.len() as u64;
    record.sha256 = Some(sha256_hex(&bytes));
    let decoded = match decode(&bytes) {
        Decoded::Binary(at) => {
            let msg = format!("{path}: binary file (NUL byte at offset {at})");
            return Err(fail(record, Status::Skipped, ProblemKind::Binary, msg));
        }
        Decoded::Text {
            text,
            encoding,
            replaced,
        } => {
            let mut problems = Vec::new();
            if replaced {
                problems.push(Problem {
                    kind: ProblemKind::Decode,
                    message: format!("{path}: invalid {encoding} sequences replaced with U+FFFD"),
                });
            }
            (text, encoding, problems)
        }
    };
    let (text, encoding, problems) = decoded;
    record.encoding = Some(encoding.to_string());
    if text.trim().is_empty() {
        record.problems.extend(problems);
        let msg = format!("{path}: no text (empty or white space only)");
        return Err(fail(record, Status::Empty, ProblemKind::Empty, msg));
    }
    Ok(Document {
        doc_id: input.doc_id.clone(),
        path,
        bytes: bytes.len() as u64,
        sha256: record.sha256.take().unwrap_or_default(),
        encoding,
        text,
        problems,
    })
}

/// The result of decoding bytes.
#[derive(Debug, PartialEq)]
pub enum Decoded {
    /// Text, the encoding it was read as, and whether replacement characters were needed.
    Text {
        /// The text.
        text: String,
        /// utf-8, utf-16le, utf-16be or windows-1252.
        encoding: &'static str,
        /// True when invalid sequences were replaced.
        replaced: bool,
    },
    /// Not text: the offset of the first NUL byte.
    Binary(usize),
}

/// Decode bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, replaced) = match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), false),
            Err(_) => (String::from_utf8_lossy(rest).into_owned(), true),
        };
        return Decoded::Text {
            text,
            encoding: "utf-8",
            replaced,
        };
    }
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "utf-16le"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "utf-16be"),
    ] {
        if bytes.starts_with(bom) {
            let (text, replaced) = enc.decode_without_bom_handling(&bytes[2..]);
            return Decoded::Text {
                text: text.into_owned(),
                encoding: name,
                replaced,
            };
        }
    }
    if let Some(at) = memchr_nul(bytes) {
        return Decoded::Binary(at);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Text {
            text: s.to_string(),
            encoding: "utf-8",
            replaced: false,
        },
        Err(_) => {
            let (text, _, replaced) = encoding_rs::WINDOWS_1252.decode(bytes);
            Decoded::Text {
                text: text.into_owned(),
                encoding: "windows-1252",
                replaced,
            }
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        let text = |d: Decoded| match d {
            Decoded::Text { text, encoding, .. } => (text, encoding),
            Decoded::Binary(_) => panic!("binary"),
        };
        assert_eq!(
            text(decode("México".as_bytes())),
            ("México".to_string(), "utf-8")
        );
        assert_eq!(text(decode(b"\xEF\xBB\xBFhi")), ("hi".to_string(), "utf-8"));
        assert_eq!(
            text(decode(b"M\xe9xico")),
            ("México".to_string(), "windows-1252")
        );
        assert_eq!(
            text(decode(b"\xFF\xFEh\x00i\x00")),
            ("hi".to_string(), "utf-16le")
        );
        assert_eq!(
            text(decode(b"\xFE\xFF\x00h\x00i")),
            ("hi".to_string(), "utf-16be")
        );
        assert_eq!(decode(b"ab\x00cd"), Decoded::Binary(2));
    }
}
