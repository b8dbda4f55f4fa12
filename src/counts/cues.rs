//! The cue tokens of a language's number tables (see [`super::tables::Tables::cues`]) as a
//! byte trie with a full transition table over byte classes. A sentence's words are looked up
//! while they are read, one table step a byte, with no lower-casing buffer and no hashing:
//! ASCII capitals share the class of their small letter, so a word of ASCII letters is looked
//! up as it is written.

/// Folded tokens and their cue bits.
#[derive(Debug, Clone)]
pub(crate) struct CueTrie {
    /// Byte -> class; class 0 is every byte that no token contains.
    class: [u16; 256],
    /// The number of classes so far.
    classes: u16,
    /// log2 of the row width of `next`: the number of classes rounded up to a power of two.
    shift: u32,
    /// `state + class` -> the next state, states being the offsets of their rows (state
    /// number << `shift`), so that a step is one load. [`CueTrie::START`] is the empty
    /// prefix; the dead state (row 1: no token's prefix) never leaves. Slots past the
    /// classes are dead until a new class takes them.
    next: Vec<u32>,
    /// Per state number: the bits of the token it spells (0 for prefixes and the dead state).
    bits: Vec<u8>,
    /// No token has been added.
    empty: bool,
}

impl Default for CueTrie {
    fn default() -> CueTrie {
        // Rows 0 (start) and 1 (dead), one slot each (class 0).
        CueTrie {
            class: [0; 256],
            classes: 1,
            shift: 0,
            next: vec![1, 1],
            bits: vec![0, 0],
            empty: true,
        }
    }
}

impl CueTrie {
    /// The state before a token's first byte.
    pub(crate) const START: u32 = 0;

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
        for b in token.bytes() {
            if self.class[usize::from(b)] == 0 {
                self.new_class(b);
            }
        }
        let dead = 1u32 << self.shift;
        let mut s = CueTrie::START as usize;
        for b in token.bytes() {
            let slot = s + usize::from(self.class[usize::from(b)]);
            if self.next[slot] == dead {
                let row = (self.bits.len() as u32) << self.shift;
                self.next[slot] = row;
                self.next
                    .extend(std::iter::repeat(dead).take(1 << self.shift));
                self.bits.push(0);
            }
            s = self.next[slot] as usize;
        }
        self.bits[s >> self.shift] |= cue;
    }

    /// The state after `b` from `state`.
    #[inline]
    pub(crate) fn step(&self, state: u32, b: u8) -> u32 {
        self.next[state as usize + usize::from(self.class[usize::from(b)])]
    }

    /// The bits of the token a walk from [`CueTrie::START`] that ended on `state` spelled.
    #[inline]
    pub(crate) fn bits(&self, state: u32) -> u8 {
        self.bits[(state >> self.shift) as usize]
    }

    /// The bits of the folded token `token`.
    pub(crate) fn get(&self, token: &str) -> u8 {
        let state = token.bytes().fold(CueTrie::START, |s, b| self.step(s, b));
        self.bits(state)
    }

    /// Give `b` (and its capital, for a small ASCII letter) the next class, widening the rows
    /// when they are full.
    fn new_class(&mut self, b: u8) {
        let c = self.classes;
        self.classes += 1;
        self.class[usize::from(b)] = c;
        if b.is_ascii_lowercase() {
            self.class[usize::from(b.to_ascii_uppercase())] = c;
        }
        if u32::from(self.classes) <= 1 << self.shift {
            return;
        }
        let old = self.shift;
        let new = old + 1;
        let mut next = vec![1u32 << new; self.bits.len() << new];
        for (r, row) in self.next.chunks(1 << old).enumerate() {
            for (k, &to) in row.iter().enumerate() {
                next[(r << new) + k] = (to >> old) << new;
            }
        }
        self.next = next;
        self.shift = new;
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
