//! A fast, non-cryptographic hasher for small in-memory tables keyed by short strings.
//!
//! The standard `HashMap` hashes with SipHash, which resists hash flooding but costs tens of
//! nanoseconds per short key. The word tables (date words, number words) are built from
//! trawl's own language data and probed for nearly every token of every document, so the
//! profile of `trawl bench` showed SipHash at a fifth of all CPU time. Their keys are never
//! chosen by an attacker (a document only chooses what is looked up, not what is stored), so
//! a multiply-rotate hash (the `FxHasher` of rustc and Firefox) is safe and several times
//! faster.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash: per word, rotate, xor, multiply.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A `HashMap` with the Fx hash.
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// A `HashSet` with the Fx hash.
pub type FxHashSet<K> = HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_borrowed_keys() {
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        for (i, w) in ["enero", "febrero", "marzo", "abril", "de", "a", ""]
            .iter()
            .enumerate()
        {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.get("marzo"), Some(&2));
        assert_eq!(m.get(""), Some(&6));
        assert_eq!(m.get("mar"), None);
    }
}
