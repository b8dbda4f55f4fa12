//! CSV cells written straight into a byte buffer.
//!
//! The bytes are those the csv crate writes with its default settings: `,` between cells,
//! `\n` after a row, a cell quoted only when it holds `,`, `"`, `\r` or `\n`, and a `"` inside
//! a quoted cell doubled. Each cell is followed by a `,`; [`end_row`] turns the last one into
//! the line break, so a row costs no allocation and no per-cell state.

use super::needs_quote_mark;
use super::scan;

/// Append a cell as is.
pub(super) fn raw(out: &mut Vec<u8>, s: &str) {
    field(out, b"", s.as_bytes());
}

/// Append a text cell made safe for spreadsheets (see [`super::safe_cell`]): the quote mark
/// goes inside the CSV quoting, as when the marked text is quoted as a whole.
pub(super) fn text(out: &mut Vec<u8>, s: &str) {
    let mark: &[u8] = if needs_quote_mark(s) { b"'" } else { b"" };
    field(out, mark, s.as_bytes());
}

/// Append a number cell.
pub(super) fn uint(out: &mut Vec<u8>, v: impl itoa::Integer) {
    digits(out, v);
    out.push(b',');
}

/// Append the decimal digits of `v`, as part of a cell.
pub(super) fn digits(out: &mut Vec<u8>, v: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// End the row: its last `,` becomes the line break.
pub(super) fn end_row(out: &mut [u8]) {
    debug_assert_eq!(out.last(), Some(&b','));
    if let Some(last) = out.last_mut() {
        *last = b'\n';
    }
}

/// `prefix` then `s` as one cell; `prefix` never holds a byte that needs quoting.
fn field(out: &mut Vec<u8>, prefix: &[u8], s: &[u8]) {
    if needs_quotes(s) {
        out.push(b'"');
        out.extend_from_slice(prefix);
        let mut run = 0;
        for q in memchr::memchr_iter(b'"', s) {
            // The quote ends this run and starts the next one: written twice.
            out.extend_from_slice(&s[run..=q]);
            run = q;
        }
        out.extend_from_slice(&s[run..]);
        out.extend_from_slice(b"\",");
    } else {
        out.extend_from_slice(prefix);
        out.extend_from_slice(s);
        out.push(b',');
    }
}

/// True when the cell must be quoted. Short and middling cells (ids, names, numbers) are
/// checked by [`scan::any_special`]; long ones (sentences) with the vectorized searches.
fn needs_quotes(s: &[u8]) -> bool {
    if s.len() < 64 {
        scan::any_special(s, is_special, word_is_special)
    } else {
        memchr::memchr3(b',', b'"', b'\n', s).is_some() || memchr::memchr(b'\r', s).is_some()
    }
}

/// Plain compares joined with `|`, so that [`scan::any_special`] can compare many at once.
fn is_special(b: u8) -> bool {
    (b == b',') | (b == b'"') | (b == b'\r') | (b == b'\n')
}

/// True when any of the eight bytes is `,`, `"`, `\r` or `\n`.
fn word_is_special(w: u64) -> bool {
    let has = |c| scan::bytes_equal(w, c);
    (has(b',') | has(b'"') | has(b'\r') | has(b'\n')) & scan::HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows written here and by the csv crate: the same bytes.
    #[test]
    fn rows_match_the_csv_crate() {
        let rows: [&[&str]; 6] = [
            &["plain", "", "a,b", "say \"hi\"", "=SUM(A1)"],
            &["\"", "line\nbreak", "cr\rhere", "-,quoted mark", "x"],
            &[
                "a long sentence without anything special in it at all",
                "a long sentence, with a comma and a \"quote\" in it",
                "\"starts and ends with quotes\"",
                "@",
                "",
            ],
            &["", "", "", "", ""],
            &["+1", "\t", "'", "é,“x”", "12"],
            &[
                "eight b,",
                "0123456789abcde\n",
                "nothing special here!",
                "a cell of exactly thirty-two byt",
                "cr at the end of a middling cell\r",
            ],
        ];
        let mut want = csv::Writer::from_writer(Vec::new());
        let mut got = Vec::new();
        for row in rows {
            want.write_record(row.iter().map(|c| super::super::safe_cell(c).into_owned()))
                .unwrap();
            for c in row {
                text(&mut got, c);
            }
            end_row(&mut got);
        }
        let want = want.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(want).unwrap()
        );
    }
}
