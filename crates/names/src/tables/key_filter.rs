//! Bloom filters over the keys of the word tables, and the polynomial hashes they are keyed
//! by: a word in no table (most words of a name) is ruled out without touching the tables'
//! maps, and the one- and two-letter deletions of a word are hashed in constant time each.

/// A Bloom filter of key hashes (two bits per key): "not there" is certain, "there" is
/// checked in the map it filters.
pub(crate) struct KeyFilter {
    bits: Vec<u64>,
    shift: u32,
}

impl KeyFilter {
    /// A filter of `2^log2_bits` bits holding `hashes`.
    pub(super) fn new(hashes: impl Iterator<Item = u64>, log2_bits: u32) -> KeyFilter {
        let mut filter = KeyFilter { bits: vec![0; 1 << (log2_bits - 6)], shift: 64 - log2_bits };
        for h in hashes {
            for bit in filter.bits_of(h) {
                filter.bits[bit >> 6] |= 1 << (bit & 63);
            }
        }
        filter
    }

    fn bits_of(&self, h: u64) -> [usize; 2] {
        [
            (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize,
            (h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> self.shift) as usize,
        ]
    }

    pub(super) fn may_contain(&self, h: u64) -> bool {
        self.bits_of(h).iter().all(|&bit| self.bits[bit >> 6] & (1 << (bit & 63)) != 0)
    }
}

/// Polynomial hashes of a word (32 bytes at most) with one or two bytes deleted, each in
/// constant time from prefix hashes; equal to [`key_hash`] of the shortened word.
pub(super) struct DeletionHashes {
    /// `prefix[i]`: hash of the first `i` bytes.
    prefix: [u64; 33],
    len: usize,
}

const HASH_BASE: u64 = 0x0000_0100_0000_01b3;

/// `POW[k]`: `HASH_BASE^k`.
const POW: [u64; 33] = {
    let mut pow = [1u64; 33];
    let mut k = 1;
    while k < 33 {
        pow[k] = pow[k - 1].wrapping_mul(HASH_BASE);
        k += 1;
    }
    pow
};

/// The hash of a key of the typo indexes (its length mixed in).
pub(super) fn key_hash(bytes: &[u8]) -> u64 {
    let h = bytes.iter().fold(0u64, |h, &b| h.wrapping_mul(HASH_BASE).wrapping_add(u64::from(b)));
    with_len(h, bytes.len())
}

fn with_len(h: u64, len: usize) -> u64 {
    h ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl DeletionHashes {
    pub(super) fn new(word: &str) -> DeletionHashes {
        let bytes = word.as_bytes();
        let len = bytes.len().min(32);
        let mut prefix = [0u64; 33];
        for i in 0..len {
            prefix[i + 1] = prefix[i].wrapping_mul(HASH_BASE).wrapping_add(u64::from(bytes[i]));
        }
        DeletionHashes { prefix, len }
    }

    /// Hash of bytes `from..to`.
    fn range(&self, from: usize, to: usize) -> u64 {
        self.prefix[to].wrapping_sub(self.prefix[from].wrapping_mul(POW[to - from]))
    }

    pub(super) fn whole(&self) -> u64 {
        with_len(self.prefix[self.len], self.len)
    }

    pub(super) fn without(&self, i: usize) -> u64 {
        let h =
            self.range(0, i).wrapping_mul(POW[self.len - 1 - i]).wrapping_add(self.range(i + 1, self.len));
        with_len(h, self.len - 1)
    }

    pub(super) fn without_two(&self, a: usize, b: usize) -> u64 {
        let head = self.range(0, a).wrapping_mul(POW[b - a - 1]).wrapping_add(self.range(a + 1, b));
        let h = head.wrapping_mul(POW[self.len - 1 - b]).wrapping_add(self.range(b + 1, self.len));
        with_len(h, self.len - 2)
    }
}

#[cfg(test)]
mod deletion_hash_tests {
    use super::*;

    #[test]
    fn deletion_hashes_equal_the_hashes_of_the_shortened_words() {
        for word in ["limited", "obshchestvo", "a", "ab", "tovarystvo", "abcdefghijklmnopqrstuvwxyz012345"] {
            let h = DeletionHashes::new(word);
            let b = word.as_bytes();
            assert_eq!(h.whole(), key_hash(b));
            for i in 0..b.len() {
                let one: Vec<u8> = [&b[..i], &b[i + 1..]].concat();
                assert_eq!(h.without(i), key_hash(&one), "{word} without {i}");
                for j in i + 1..b.len() {
                    let two: Vec<u8> = [&b[..i], &b[i + 1..j], &b[j + 1..]].concat();
                    assert_eq!(h.without_two(i, j), key_hash(&two), "{word} without {i}, {j}");
                }
            }
        }
    }
}
