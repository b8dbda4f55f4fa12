//! Checking cells and strings eight bytes at a time for the few bytes that make them special
//! (CSV quoting, JSON escapes): nearly all have none, and then they are copied whole.

/// 0x01 in every byte.
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(super) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A word whose high bits, masked by [`HIGHS`], are not all clear when a byte of `w` equals
/// `c` (the classic SWAR zero-byte test on `w ^ c…c`). Exact for "any byte", which is all its
/// callers ask: a borrow can only set bits above a real match.
#[inline]
pub(super) fn bytes_equal(w: u64, c: u8) -> u64 {
    let x = w ^ (ONES * u64::from(c));
    x.wrapping_sub(ONES) & !x
}

/// True when a byte of `s` is special: `word_has` on each eight bytes (the last eight
/// overlapping the previous word when the length is no multiple of eight), `byte_is` one
/// byte at a time when `s` is shorter than eight.
#[inline]
pub(super) fn any_special(
    s: &[u8],
    byte_is: impl Fn(u8) -> bool,
    word_has: impl Fn(u64) -> bool,
) -> bool {
    if s.len() < 8 {
        return s.iter().any(|&b| byte_is(b));
    }
    let word = |at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("eight bytes"));
    let last = s.len() - 8;
    let mut at = 0;
    while at < last {
        if word_has(word(at)) {
            return true;
        }
        at += 8;
    }
    word_has(word(last))
}
