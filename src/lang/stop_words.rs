//! Stop words of every allowed language as a byte trie with a full transition table over byte
//! classes: a word is looked up while it is read, one table step a byte, with no buffer and
//! no hashing. A word is a stop word when the walk over all its bytes ends on a word's node.

/// One stop word: its bytes and its points per language (index in the allow-list, points).
pub(super) type StopWord = (String, Vec<(usize, f32)>);

#[derive(Debug)]
pub(super) struct StopWordTrie {
    /// Byte -> class; class 0 is every byte that no stop word contains.
    class: [u16; 256],
    /// log2 of the row width of `next`: the number of classes rounded up to a power of two.
    shift: u32,
    /// `state + class` -> the next state, states being the offsets of their rows (state
    /// number << `shift`), so that a step is one load. State [`StopWordTrie::START`] is the
    /// empty prefix; the dead state (no stop word's prefix) never leaves.
    next: Vec<u32>,
    /// Per state: the range of `points` of the stop word it spells (empty for prefixes).
    words: Vec<(u32, u32)>,
    /// (index in the allow-list, points), flattened.
    points: Vec<(usize, f32)>,
}

/// State numbers while building (the row offsets are these shifted).
const BUILD_START: u32 = 0;
const BUILD_DEAD: u32 = 1;

impl StopWordTrie {
    /// The state before a word's first byte.
    pub(super) const START: u32 = BUILD_START;

    /// Stop words must be distinct and non-empty.
    pub(super) fn new(words: &[StopWord]) -> Result<StopWordTrie, String> {
        let mut class = [0u16; 256];
        let mut width = 1usize;
        for (w, _) in words {
            if w.is_empty() {
                return Err("an empty stop word".into());
            }
            for &b in w.as_bytes() {
                if class[b as usize] == 0 {
                    class[b as usize] = width as u16;
                    width += 1;
                }
            }
        }
        // States 0 (start) and 1 (dead); `next` holds state numbers until the end.
        let mut next = vec![BUILD_DEAD; 2 * width];
        let mut spelled: Vec<Option<usize>> = vec![None, None];
        for (i, (w, _)) in words.iter().enumerate() {
            let mut s = BUILD_START as usize;
            for &b in w.as_bytes() {
                let slot = s * width + class[b as usize] as usize;
                s = if next[slot] == BUILD_DEAD {
                    let t = spelled.len();
                    next[slot] = t as u32;
                    next.extend(std::iter::repeat(BUILD_DEAD).take(width));
                    spelled.push(None);
                    t
                } else {
                    next[slot] as usize
                };
            }
            if spelled[s].is_some() {
                return Err(format!("stop word {w:?} is listed twice"));
            }
            spelled[s] = Some(i);
        }
        let mut points = Vec::new();
        let words = spelled
            .iter()
            .map(|w| {
                let start = points.len() as u32;
                if let Some(i) = w {
                    points.extend_from_slice(&words[*i].1);
                }
                (start, points.len() as u32)
            })
            .collect();
        // Rows as offsets, each padded to a power of two (padding is never read: classes are
        // below `width`).
        let shift = width.next_power_of_two().trailing_zeros();
        let mut rows = vec![BUILD_DEAD << shift; spelled.len() << shift];
        for (s, row) in next.chunks(width).enumerate() {
            for (c, &t) in row.iter().enumerate() {
                rows[(s << shift) + c] = t << shift;
            }
        }
        Ok(StopWordTrie {
            class,
            shift,
            next: rows,
            words,
            points,
        })
    }

    /// The class of byte `b`.
    #[inline]
    pub(super) fn class(&self, b: u8) -> u16 {
        self.class[b as usize]
    }

    /// The state after `state` reads a byte of class `class`.
    #[inline]
    pub(super) fn step_class(&self, state: u32, class: u16) -> u32 {
        self.next[state as usize + class as usize]
    }

    /// The state after `state` reads byte `b`.
    #[inline]
    pub(super) fn step(&self, state: u32, b: u8) -> u32 {
        self.step_class(state, self.class(b))
    }

    /// At the end of a word: add the points of the stop word that `state` spells, if any.
    #[inline]
    pub(super) fn add(&self, state: u32, scores: &mut [f32]) {
        let (start, end) = self.words[(state >> self.shift) as usize];
        for &(i, p) in &self.points[start as usize..end as usize] {
            scores[i] += p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let words: Vec<StopWord> = [("de", 0), ("del", 1), ("été", 2), ("o", 3)]
            .into_iter()
            .map(|(w, i)| (w.to_string(), vec![(i, 1.0)]))
            .collect();
        let trie = StopWordTrie::new(&words).unwrap();
        let points = |word: &str| {
            let mut s = StopWordTrie::START;
            for &b in word.as_bytes() {
                s = trie.step(s, b);
            }
            let mut scores = [0.0f32; 4];
            trie.add(s, &mut scores);
            scores
        };
        assert_eq!(points("de"), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(points("del"), [0.0, 1.0, 0.0, 0.0]);
        assert_eq!(points("été"), [0.0, 0.0, 1.0, 0.0]);
        assert_eq!(points("o"), [0.0, 0.0, 0.0, 1.0]);
        for other in ["d", "dele", "été2", "x", "", "oo", "ét"] {
            assert_eq!(points(other), [0.0; 4], "{other:?}");
        }
    }
}
