//! A set of words as a byte trie with a full transition table over byte classes, for looking
//! words up while they are read: one table load a byte, no lower-casing buffer, no hashing.
//!
//! The language detector's stop words and the count extractor's cue words are such sets. The
//! trie only says which word a walk spelled ([`ByteTrie::number`] of the state it ended on);
//! what a word carries (points per language, cue bits) is kept by its user, indexed by that
//! number. Words can be added at any time; the numbers of the words already in stay the same.

#[derive(Debug, Clone)]
pub(crate) struct ByteTrie {
    /// Byte -> class; class 0 is every byte that no word contains.
    class: [u16; 256],
    /// The number of classes so far.
    classes: u16,
    /// log2 of the row width of `next`: the number of classes rounded up to a power of two.
    shift: u32,
    /// `state + class` -> the next state, states being the offsets of their rows (state
    /// number << `shift`), so that a step is one load. [`ByteTrie::START`] is the empty
    /// prefix; the dead state (row 1: no word's prefix) never leaves. Slots past the classes
    /// are dead until a new class takes them.
    next: Vec<u32>,
    /// An ASCII capital steps like its small letter (the words themselves are lower case).
    caseless_ascii: bool,
}

impl ByteTrie {
    /// The state before a word's first byte.
    pub(crate) const START: u32 = 0;

    /// An empty set. With `caseless_ascii`, a walk over "Mil" ends where "mil" does.
    pub(crate) fn new(caseless_ascii: bool) -> ByteTrie {
        // Rows 0 (start) and 1 (dead), one slot each (class 0).
        ByteTrie {
            class: [0; 256],
            classes: 1,
            shift: 0,
            next: vec![1, 1],
            caseless_ascii,
        }
    }

    /// Add `word` (lower case when the set is caseless) and return its number.
    pub(crate) fn insert(&mut self, word: &[u8]) -> usize {
        debug_assert!(!self.caseless_ascii || !word.iter().any(u8::is_ascii_uppercase));
        for &b in word {
            if self.class[usize::from(b)] == 0 {
                self.new_class(b);
            }
        }
        let dead = 1u32 << self.shift;
        let mut s = ByteTrie::START as usize;
        for &b in word {
            let slot = s + usize::from(self.class[usize::from(b)]);
            if self.next[slot] == dead {
                let row = (self.states() as u32) << self.shift;
                self.next[slot] = row;
                self.next
                    .extend(std::iter::repeat(dead).take(1 << self.shift));
            }
            s = self.next[slot] as usize;
        }
        s >> self.shift
    }

    /// The number of states: every number [`ByteTrie::number`] gives is below it.
    pub(crate) fn states(&self) -> usize {
        self.next.len() >> self.shift
    }

    /// The dead state: no word's prefix, and no step leaves it.
    #[inline]
    pub(crate) fn dead(&self) -> u32 {
        1 << self.shift
    }

    /// The class of byte `b`.
    #[inline]
    pub(crate) fn class(&self, b: u8) -> u16 {
        self.class[usize::from(b)]
    }

    /// The state after `state` reads a byte of class `class`.
    #[inline]
    pub(crate) fn step_class(&self, state: u32, class: u16) -> u32 {
        self.next[state as usize + usize::from(class)]
    }

    /// The state after `state` reads byte `b`.
    #[inline]
    pub(crate) fn step(&self, state: u32, b: u8) -> u32 {
        self.step_class(state, self.class(b))
    }

    /// The number of `state`: that of the word a walk from [`ByteTrie::START`] ending there
    /// spelled, if it spelled one.
    #[inline]
    pub(crate) fn number(&self, state: u32) -> usize {
        (state >> self.shift) as usize
    }

    /// Give `b` (and its capital, for a small ASCII letter of a caseless set) the next class,
    /// widening the rows when they are full.
    fn new_class(&mut self, b: u8) {
        let c = self.classes;
        self.classes += 1;
        self.class[usize::from(b)] = c;
        if self.caseless_ascii && b.is_ascii_lowercase() {
            self.class[usize::from(b.to_ascii_uppercase())] = c;
        }
        if u32::from(self.classes) <= 1 << self.shift {
            return;
        }
        let old = self.shift;
        let new = old + 1;
        let mut next = vec![1u32 << new; self.states() << new];
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
    use super::ByteTrie;

    fn walk(t: &ByteTrie, word: &str) -> usize {
        t.number(word.bytes().fold(ByteTrie::START, |s, b| t.step(s, b)))
    }

    #[test]
    fn numbers_stay_while_words_and_classes_are_added() {
        let mut t = ByteTrie::new(false);
        let de = t.insert(b"de");
        let del = t.insert(b"del");
        // Enough new bytes to widen the rows several times.
        let long = t.insert("abcfghijkmnopqrsuvwxyzé".as_bytes());
        assert_eq!(walk(&t, "de"), de);
        assert_eq!(walk(&t, "del"), del);
        assert_eq!(walk(&t, "abcfghijkmnopqrsuvwxyzé"), long);
        assert_eq!(t.insert(b"de"), de);
        let dead = walk(&t, "dx");
        assert_eq!(dead, 1);
        assert_eq!(walk(&t, "DE"), dead);
        assert!([de, del, long].iter().all(|&n| n > 1 && n < t.states()));
    }

    #[test]
    fn caseless_sets_read_ascii_capitals_as_small_letters() {
        let mut t = ByteTrie::new(true);
        let mil = t.insert(b"mil");
        assert_eq!(walk(&t, "MiL"), mil);
        assert_ne!(walk(&t, "mi"), mil);
    }
}
