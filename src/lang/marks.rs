//! Distinctive marks of every allowed language as one byte automaton: Aho-Corasick compiled to
//! a full transition table over byte classes, so that scoring a span costs one table step a
//! byte.
//!
//! It finds every occurrence of every mark, overlapping ones included, and adds their points
//! in the order the `aho-corasick` crate's overlapping search reports them (by end position;
//! at one end position, the longest mark first): points are f32 shares such as 1/3, whose sums
//! depend on the order of addition, and the scores must not change with the implementation.
//! It does not report where marks are, only their points.

/// One mark: its bytes and its points per language (index in the allow-list, points).
pub(super) type Mark = (String, Vec<(usize, f32)>);

#[derive(Debug)]
pub(super) struct MarkAutomaton {
    /// Byte -> class; class 0 is every byte that no mark contains.
    class: [u16; 256],
    /// log2 of the row width of `next`: the number of classes rounded up to a power of two.
    shift: u32,
    /// `state + class` -> the next state, with [`HITS`] set when marks end there; states are
    /// the offsets of their rows (state number << `shift`), so that a step is one load, and
    /// state 0 is the start.
    next: Vec<u32>,
    /// Per state: the range of `points` that reaching it adds (every mark ending there,
    /// longest first).
    hits: Vec<(u32, u32)>,
    /// (index in the allow-list, points), flattened.
    points: Vec<(usize, f32)>,
}

const NONE: u32 = u32::MAX;
/// The flag of a transition to a state where marks end.
const HITS: u32 = 1 << 31;

impl MarkAutomaton {
    /// Marks must be distinct and non-empty.
    pub(super) fn new(marks: &[Mark]) -> Result<MarkAutomaton, String> {
        let mut class = [0u16; 256];
        let mut width = 1usize;
        for (m, _) in marks {
            if m.is_empty() {
                return Err("an empty detection mark".into());
            }
            for &b in m.as_bytes() {
                if class[b as usize] == 0 {
                    class[b as usize] = width as u16;
                    width += 1;
                }
            }
        }
        // The trie: `next` holds its edges (NONE where there is none) until the transitions
        // are filled in below; `own[s]` is the mark spelled by the path to state s.
        let mut next = vec![NONE; width];
        let mut own: Vec<Option<usize>> = vec![None];
        for (i, (m, _)) in marks.iter().enumerate() {
            let mut s = 0usize;
            for &b in m.as_bytes() {
                let slot = s * width + class[b as usize] as usize;
                s = if next[slot] == NONE {
                    let t = own.len();
                    next[slot] = t as u32;
                    next.extend(std::iter::repeat(NONE).take(width));
                    own.push(None);
                    t
                } else {
                    next[slot] as usize
                };
            }
            if own[s].is_some() {
                return Err(format!("detection mark {m:?} is listed twice"));
            }
            own[s] = Some(i);
        }
        // Failure links in breadth-first order, turning missing edges into the transitions of
        // the failure state, and each state's hits: its own mark, then its failure state's.
        let states = own.len();
        let mut fail = vec![0u32; states];
        let mut hits = vec![(0u32, 0u32); states];
        let mut points: Vec<(usize, f32)> = Vec::new();
        let mut queue = std::collections::VecDeque::new();
        for t in next.iter_mut().take(width) {
            match *t {
                NONE => *t = 0,
                child => {
                    fail[child as usize] = 0;
                    queue.push_back(child as usize);
                }
            }
        }
        while let Some(s) = queue.pop_front() {
            let f = fail[s] as usize;
            let start = points.len() as u32;
            if let Some(i) = own[s] {
                points.extend_from_slice(&marks[i].1);
            }
            let (fs, fe) = hits[f];
            points.extend_from_within(fs as usize..fe as usize);
            hits[s] = (start, points.len() as u32);
            for c in 0..width {
                let via_fail = next[f * width + c];
                let slot = s * width + c;
                match next[slot] {
                    NONE => next[slot] = via_fail,
                    t => {
                        fail[t as usize] = via_fail;
                        queue.push_back(t as usize);
                    }
                }
            }
        }
        if states >= HITS as usize {
            return Err("too many detection marks".into());
        }
        // Rows as offsets, each padded to a power of two (padding is never read: classes are
        // below `width`).
        let shift = width.next_power_of_two().trailing_zeros();
        if (states << shift) >= HITS as usize {
            return Err("too many detection marks".into());
        }
        let mut rows = vec![0u32; states << shift];
        for (s, row) in next.chunks(width).enumerate() {
            for (c, &t) in row.iter().enumerate() {
                let (start, end) = hits[t as usize];
                let flag = if start != end { HITS } else { 0 };
                rows[(s << shift) + c] = (t << shift) | flag;
            }
        }
        Ok(MarkAutomaton {
            class,
            shift,
            next: rows,
            hits,
            points,
        })
    }

    /// The state before any text.
    pub(super) const START: u32 = 0;

    /// The class of byte `b`.
    #[inline]
    pub(super) fn class(&self, b: u8) -> u16 {
        self.class[b as usize]
    }

    /// The state after `state` reads a byte of class `class`, and whether marks end there.
    #[inline]
    pub(super) fn step_class(&self, state: u32, class: u16) -> (u32, bool) {
        let t = self.next[state as usize + class as usize];
        (t & !HITS, t & HITS != 0)
    }

    /// The state after `state` reads byte `b`, and whether marks end there.
    #[inline]
    pub(super) fn step(&self, state: u32, b: u8) -> (u32, bool) {
        self.step_class(state, self.class(b))
    }

    /// Add the points of the marks that end at `state` to `scores`.
    pub(super) fn add(&self, state: u32, scores: &mut [f32]) {
        let (start, end) = self.hits[(state >> self.shift) as usize];
        for &(i, p) in &self.points[start as usize..end as usize] {
            scores[i] += p;
        }
    }

    /// Add the points of every mark occurrence in `text` to `scores`.
    #[cfg(test)]
    fn score(&self, text: &str, scores: &mut [f32]) {
        let mut s = Self::START;
        for &b in text.as_bytes() {
            let (t, hits) = self.step(s, b);
            s = t;
            if hits {
                self.add(s, scores);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// The automaton adds the same points in the same order as the crate's overlapping search.
    #[test]
    fn same_sums_as_the_crates_overlapping_search() {
        let marks: Vec<Mark> = [
            ("ment ", vec![(0, 0.5), (2, 0.5)]),
            ("ent ", vec![(2, 1.0)]),
            ("nt", vec![(1, 1.0 / 3.0), (2, 1.0 / 3.0), (3, 1.0 / 3.0)]),
            ("ç", vec![(2, 0.5), (3, 0.5)]),
            ("ções", vec![(3, 1.0)]),
            ("ões", vec![(3, 1.0)]),
            ("'s ", vec![(0, 1.0)]),
            ("ee", vec![(0, 1.0)]),
        ]
        .into_iter()
        .map(|(m, p)| (m.to_string(), p))
        .collect();
        let automaton = MarkAutomaton::new(&marks).unwrap();
        let crate_ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(marks.iter().map(|m| &m.0))
            .unwrap();
        for text in [
            " autrement dit, le gouvernement et les ações das relações ",
            " the committee's agreement, eeee, it's seen ",
            " ",
            " mentment ent nt ",
        ] {
            let mut want = [0.0f32; 4];
            for m in crate_ac.find_overlapping_iter(text) {
                for &(i, p) in &marks[m.pattern().as_usize()].1 {
                    want[i] += p;
                }
            }
            let mut got = [0.0f32; 4];
            automaton.score(text, &mut got);
            assert_eq!(
                got.map(f32::to_bits),
                want.map(f32::to_bits),
                "{text:?}: {got:?} vs {want:?}"
            );
        }
    }
}
