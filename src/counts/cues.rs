//! The cue tokens of a language's number tables (see [`super::tables::Tables::cues`]) as a
//! byte trie with a full transition table over byte classes. A sentence's words are looked up
//! while they are read, one table step a byte, with no lower-casing buffer and no hashing:
//! ASCII capitals share the class of their small letter, so a word of ASCII letters is looked
//! up as it is written.

use crate::byte_trie::ByteTrie;

/// Folded tokens and their cue bits.
#[derive(Debug, Clone)]
pub(crate) struct CueTrie {
    /// The tokens, caseless for ASCII: a word of ASCII letters is looked up as it is written.
    trie: ByteTrie,
    /// Per state number of `trie`: the bits of the token it spells (0 for prefixes and the
    /// dead state).
    bits: Vec<u8>,
    /// No token has been added.
    empty: bool,
}

impl Default for CueTrie {
    fn default() -> CueTrie {
        CueTrie {
            trie: ByteTrie::new(true),
            bits: vec![0, 0],
            empty: true,
        }
    }
}

impl CueTrie {
    /// The state before a token's first byte.
    pub(crate) const START: u32 = ByteTrie::START;

    /// No token has been added.
    pub(crate) fn is_empty(&self) -> bool {
        self.empty
    }

    /// Add `cue` to the bits of the folded token `token`. A token with ASCII capitals is left
    /// out: folded text has none, so it could never be met.
    pub(crate) fn add(&mut self, token: &str, cue: u8) {
        if token.bytes().any(|b| b.is_ascii_uppercase()) {
            return;
        }
        self.empty = false;
        let n = self.trie.insert(token.as_bytes());
        self.bits.resize(self.trie.states(), 0);
        self.bits[n] |= cue;
    }

    /// The state after `b` from `state`.
    #[inline]
    pub(crate) fn step(&self, state: u32, b: u8) -> u32 {
        self.trie.step(state, b)
    }

    /// The state no token goes on from: a walk that reaches it can stop reading.
    #[inline]
    pub(crate) fn dead(&self) -> u32 {
        self.trie.dead()
    }

    /// The bits of the token a walk from [`CueTrie::START`] that ended on `state` spelled.
    #[inline]
    pub(crate) fn bits(&self, state: u32) -> u8 {
        self.bits[self.trie.number(state)]
    }

    /// The bits of the folded token `token`.
    pub(crate) fn get(&self, token: &str) -> u8 {
        let dead = self.dead();
        let mut state = CueTrie::START;
        for &b in token.as_bytes() {
            state = self.step(state, b);
            if state == dead {
                return 0;
            }
        }
        self.bits(state)
    }
}

#[cfg(test)]
mod tests {
    use super::CueTrie;

    #[test]
    fn finds_tokens_as_written_and_nothing_else() {
        let mut t = CueTrie::default();
        assert!(t.is_empty());
        assert_eq!(t.get("mil"), 0);
        t.add("mil", 1);
        t.add("millon", 2);
        t.add("$", 4);
        t.add("€", 4);
        t.add("mil", 2);
        t.add("Un", 2);
        assert_eq!(t.get("mil"), 3);
        assert_eq!(t.get("MiL"), 3);
        assert_eq!(t.get("millon"), 2);
        assert_eq!(t.get("mill"), 0);
        assert_eq!(t.get("millones"), 0);
        assert_eq!(t.get("$"), 4);
        assert_eq!(t.get("€"), 4);
        assert_eq!(t.get("un"), 0);
        assert_eq!(t.get("x"), 0);
        assert_eq!(t.get(""), 0);
    }
}
