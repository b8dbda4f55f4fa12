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

/// True when a byte of `s` is special. Up to sixteen bytes: `byte_is` one byte at a time when
/// `s` is shorter than eight, else `word_has` on the first and the last eight (overlapping).
/// Longer: `byte_is` folded over each sixteen bytes, which the compiler turns into vector
/// compares (so `byte_is` should be plain compares joined with `|`), the last sixteen
/// overlapping the previous block when the length is no multiple of sixteen.
#[inline]
pub(super) fn any_special(
    s: &[u8],
    byte_is: impl Fn(u8) -> bool + Copy,
    word_has: impl Fn(u64) -> bool,
) -> bool {
    if s.len() < 8 {
        return s.iter().any(|&b| byte_is(b));
    }
    if s.len() <= 16 {
        let word = |at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("eight bytes"));
        return word_has(word(0)) || word_has(word(s.len() - 8));
    }
    let block_has = |block: &[u8; 16]| block.iter().fold(false, |any, &b| any | byte_is(b));
    let mut blocks = s.chunks_exact(16);
    blocks
        .by_ref()
        .any(|block| block_has(block.try_into().expect("sixteen bytes")))
        || (!blocks.remainder().is_empty()
            && block_has(s.last_chunk::<16>().expect("sixteen bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A special byte at any place of a string of any length up to 80 is found, and none is
    /// found in a string without one.
    #[test]
    fn finds_a_special_byte_anywhere() {
        let byte_is = |b: u8| b == b'!';
        let word_has = |w: u64| bytes_equal(w, b'!') & HIGHS != 0;
        for len in 0..=80 {
            let mut s = vec![b'a'; len];
            assert!(!any_special(&s, byte_is, word_has), "{len}");
            for at in 0..len {
                s[at] = b'!';
                assert!(any_special(&s, byte_is, word_has), "{len} {at}");
                s[at] = b'a';
            }
        }
    }
}
