//! Stop words of every allowed language as a byte trie with a full transition table over byte
//! classes: a word is looked up while it is read, one table step a byte, with no buffer and
//! no hashing. A word is a stop word when the walk over all its bytes ends on a word's node.

use crate::byte_trie::ByteTrie;

/// One stop word: its bytes and its points per language (index in the allow-list, points).
pub(super) type StopWord = (String, Vec<(usize, f32)>);

#[derive(Debug)]
pub(super) struct StopWordTrie {
    /// The stop words, exactly as written (the text is lower-cased as it is read).
    trie: ByteTrie,
    /// Per state number of `trie`: the range of `points` of the stop word it spells (empty
    /// for prefixes and the dead state).
    words: Vec<(u32, u32)>,
    /// (index in the allow-list, points), flattened.
    points: Vec<(usize, f32)>,
}

impl StopWordTrie {
    /// The state before a word's first byte.
    pub(super) const START: u32 = ByteTrie::START;

    /// Stop words must be distinct and non-empty.
    pub(super) fn new(words: &[StopWord]) -> Result<StopWordTrie, String> {
        let mut trie = ByteTrie::new(false);
        let mut numbers = Vec::with_capacity(words.len());
        for (w, _) in words {
            if w.is_empty() {
                return Err("an empty stop word".into());
            }
            numbers.push(trie.insert(w.as_bytes()));
        }
        let mut spelled: Vec<Option<usize>> = vec![None; trie.states()];
        for (i, &n) in numbers.iter().enumerate() {
            if spelled[n].is_some() {
                return Err(format!("stop word {:?} is listed twice", words[i].0));
            }
            spelled[n] = Some(i);
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
        Ok(StopWordTrie {
            trie,
            words,
            points,
        })
    }

    /// The class of byte `b`.
    #[inline]
    pub(super) fn class(&self, b: u8) -> u16 {
        self.trie.class(b)
    }

    /// The state after `state` reads a byte of class `class`.
    #[inline]
    pub(super) fn step_class(&self, state: u32, class: u16) -> u32 {
        self.trie.step_class(state, class)
    }

    /// The state after `state` reads byte `b`.
    #[inline]
    pub(super) fn step(&self, state: u32, b: u8) -> u32 {
        self.trie.step(state, b)
    }

    /// At the end of a word: add the points of the stop word that `state` spells, if any.
    #[inline]
    pub(super) fn add(&self, state: u32, scores: &mut [f32]) {
        let (start, end) = self.words[self.trie.number(state)];
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
