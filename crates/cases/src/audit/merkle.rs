//! The Merkle tree of RFC 6962 / RFC 9162 (Certificate Transparency): leaf hashes
//! `SHA-256(0x00 || record)`, interior nodes `SHA-256(0x01 || left || right)`, the tree of `n`
//! leaves split at the largest power of two below `n`, inclusion and consistency proofs.
//!
//! Written here rather than taken from a crate: the few Rust Merkle crates either are not
//! RFC 6962 trees (other splits, no domain separation) or keep the whole tree in memory; this
//! log has millions of leaves in SQLite, and the algorithms are short and specified exactly.
//! Every function that needs a subtree hash takes it from a [`Subtrees`] source, so the same
//! code runs on the database (through stored nodes) and on a plain list in tests.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// Perfect subtrees whose hashes are stored: levels 8, 16, 24, ... (256, 65,536, ... leaves).
/// Any other subtree is combined from at most 128 hashes of the stored level below it.
pub(crate) const STORED_LEVEL_STEP: u32 = 8;

/// The hash of a leaf: `SHA-256(0x00 || record bytes)`.
pub fn leaf_hash(record: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(record);
    h.finalize().into()
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: `SHA-256("")`.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// Where hashes of perfect subtrees come from: `subtree(level, index)` is the hash of the
/// leaves `index << level .. (index + 1) << level`.
pub(crate) trait Subtrees {
    type Error;
    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash, Self::Error>;
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// The hash of the leaves `start .. start + size` (size ≥ 1), a range the RFC's recursion
/// produces: its left parts are always aligned perfect subtrees.
pub(crate) fn range_hash<S: Subtrees>(source: &mut S, start: u64, size: u64) -> Result<Hash, S::Error> {
    if size.is_power_of_two() && start.is_multiple_of(size) {
        let level = size.trailing_zeros();
        return source.subtree(level, start >> level);
    }
    let k = split(size);
    let left = range_hash(source, start, k)?;
    let right = range_hash(source, start + k, size - k)?;
    Ok(node_hash(&left, &right))
}

/// The audit path of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1), leaf side
/// first.
pub(crate) fn inclusion_path<S: Subtrees>(
    source: &mut S,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, S::Error> {
    let mut path = Vec::new();
    // Walk down from the root, remembering the sibling of each step; reverse at the end.
    let (mut start, mut n, mut m) = (0u64, size, index);
    while n > 1 {
        let k = split(n);
        if m < k {
            path.push(range_hash(source, start + k, n - k)?);
            n = k;
        } else {
            path.push(range_hash(source, start, k)?);
            start += k;
            m -= k;
            n -= k;
        }
    }
    path.reverse();
    Ok(path)
}

/// The root that `leaf` at `index` with `path` leads to in a tree of `size` leaves, or `None`
/// when the path has the wrong length (RFC 9162 §2.1.3.2).
pub fn root_from_inclusion(index: u64, size: u64, leaf: &Hash, path: &[Hash]) -> Option<Hash> {
    if index >= size {
        return None;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in path {
        if s == 0 {
            return None;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            skip_levels_without_sibling(&mut f, &mut s);
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    (s == 0).then_some(r)
}

/// The RFC's step over the levels where the node on the path is the last of its level and
/// has no sibling: shift `f` and `s` right while `f` is even and not zero.
fn skip_levels_without_sibling(f: &mut u64, s: &mut u64) {
    while *f & 1 == 0 && *f != 0 {
        *f >>= 1;
        *s >>= 1;
    }
}

/// The consistency proof from the tree of `old` leaves to the tree of `new` leaves
/// (RFC 9162 §2.1.4.1), 0 < old ≤ new.
pub(crate) fn consistency_path<S: Subtrees>(
    source: &mut S,
    old: u64,
    new: u64,
) -> Result<Vec<Hash>, S::Error> {
    let mut proof = Vec::new();
    if old == 0 || old >= new {
        return Ok(proof);
    }
    // SUBPROOF(m, D[start..start+n], complete), iteratively: each step adds one hash, which
    // the recursion appends after the sub-proof, so collect and reverse.
    let (mut start, mut n, mut m, mut complete) = (0u64, new, old, true);
    loop {
        if m == n {
            if !complete {
                proof.push(range_hash(source, start, n)?);
            }
            break;
        }
        let k = split(n);
        if m <= k {
            proof.push(range_hash(source, start + k, n - k)?);
            n = k;
        } else {
            proof.push(range_hash(source, start, k)?);
            start += k;
            m -= k;
            n -= k;
            complete = false;
        }
    }
    // The recursion appends each level's hash after its sub-proof: deepest first.
    proof.reverse();
    Ok(proof)
}

/// Whether `proof` shows that the tree of `old` leaves with root `old_root` is a prefix of
/// the tree of `new` leaves with root `new_root` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(old: u64, new: u64, old_root: &Hash, new_root: &Hash, proof: &[Hash]) -> bool {
    if old == 0 || old > new {
        return false;
    }
    if old == new {
        return proof.is_empty() && old_root == new_root;
    }
    let mut nodes: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        nodes.push(*old_root);
    }
    nodes.extend_from_slice(proof);
    let Some((first, rest)) = nodes.split_first() else { return false };
    let (mut f, mut s) = (old - 1, new - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            skip_levels_without_sibling(&mut f, &mut s);
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    fr == *old_root && sr == *new_root && s == 0
}

/// The right edge of a tree: the roots of its perfect subtrees, largest first. Appending a
/// leaf merges equal subtrees, one hash per merge (one on average): the tree grows in O(1)
/// amortised time per leaf without reading anything back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frontier {
    size: u64,
    /// (level, hash), levels strictly decreasing.
    subtrees: Vec<(u32, Hash)>,
}

impl Frontier {
    pub(crate) fn empty() -> Frontier {
        Frontier { size: 0, subtrees: Vec::new() }
    }

    /// The frontier of the first `size` leaves, read from `source`.
    pub(crate) fn load<S: Subtrees>(source: &mut S, size: u64) -> Result<Frontier, S::Error> {
        let mut subtrees = Vec::new();
        let mut start = 0u64;
        for level in (0..64u32).rev() {
            if size & (1 << level) != 0 {
                subtrees.push((level, source.subtree(level, start >> level)?));
                start += 1 << level;
            }
        }
        Ok(Frontier { size, subtrees })
    }

    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf; `stored` is called with (level, index, hash) of each new perfect
    /// subtree at a level to store.
    pub(crate) fn push(&mut self, leaf: Hash, mut stored: impl FnMut(u32, u64, &Hash)) {
        self.size += 1;
        let mut top = (0u32, leaf);
        while let Some(&(level, left)) = self.subtrees.last() {
            if level != top.0 {
                break;
            }
            self.subtrees.pop();
            top = (level + 1, node_hash(&left, &top.1));
            if top.0.is_multiple_of(STORED_LEVEL_STEP) {
                let start = self.size - (1u64 << top.0);
                stored(top.0, start >> top.0, &top.1);
            }
        }
        self.subtrees.push(top);
    }

    /// The root of the tree.
    pub(crate) fn root(&self) -> Hash {
        let mut it = self.subtrees.iter().rev();
        let Some(&(_, mut acc)) = it.next() else { return empty_root() };
        for (_, left) in it {
            acc = node_hash(left, &acc);
        }
        acc
    }
}

/// Hex of a hash.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// A hash from 64 hex digits.
pub fn hash_from_hex(text: &str) -> Option<Hash> {
    let bytes = bytes_from_hex(text)?;
    bytes.try_into().ok()
}

/// Bytes from hex digits.
pub fn bytes_from_hex(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    text.chunks(2).map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Leaves in memory; subtrees computed naively, so the tests compare the stored-node
    /// arithmetic with the RFC's definition.
    struct Leaves(Vec<Hash>);
    impl Subtrees for Leaves {
        type Error = ();
        fn subtree(&mut self, level: u32, index: u64) -> Result<Hash, ()> {
            let start = (index << level) as usize;
            Ok(mth(&self.0[start..start + (1 << level)]))
        }
    }

    /// MTH of RFC 6962, by its definition.
    fn mth(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(format!("record {i}").as_bytes())).collect()
    }

    #[test]
    fn frontier_root_equals_the_rfc_definition_at_every_size() {
        let all = leaves(600);
        let mut frontier = Frontier::empty();
        let mut stored = Vec::new();
        assert_eq!(frontier.root(), empty_root());
        for (i, leaf) in all.iter().enumerate() {
            frontier.push(*leaf, |level, index, hash| stored.push((level, index, *hash)));
            assert_eq!(frontier.root(), mth(&all[..=i]), "size {}", i + 1);
            assert_eq!(Frontier::load(&mut Leaves(all.clone()), i as u64 + 1).unwrap(), frontier);
        }
        // Subtrees of 256 leaves were stored as they completed: leaves 0..256 and 256..512.
        assert_eq!(stored, vec![(8, 0, mth(&all[..256])), (8, 1, mth(&all[256..512]))]);
    }

    #[test]
    fn inclusion_proofs_verify_and_fail_for_another_leaf() {
        let all = leaves(70);
        for size in 1..=70u64 {
            let root = mth(&all[..size as usize]);
            for index in 0..size {
                let path = inclusion_path(&mut Leaves(all.clone()), index, size).unwrap();
                let got = root_from_inclusion(index, size, &all[index as usize], &path);
                assert_eq!(got, Some(root), "leaf {index} of {size}");
                if size > 1 {
                    let other = all[((index + 1) % size) as usize];
                    assert_ne!(root_from_inclusion(index, size, &other, &path), Some(root));
                }
            }
        }
    }

    #[test]
    fn consistency_proofs_verify_and_fail_for_a_changed_old_tree() {
        let all = leaves(24);
        for new in 1..=24u64 {
            for old in 1..=new {
                let proof = consistency_path(&mut Leaves(all.clone()), old, new).unwrap();
                let (r1, r2) = (mth(&all[..old as usize]), mth(&all[..new as usize]));
                assert!(verify_consistency(old, new, &r1, &r2, &proof), "{old} -> {new}");
                let mut forged = all.clone();
                forged[0] = leaf_hash(b"forged");
                let forged_old = mth(&forged[..old as usize]);
                assert!(!verify_consistency(old, new, &forged_old, &r2, &proof), "{old} -> {new} forged");
            }
        }
    }

    #[test]
    fn hex_round_trips() {
        let h = leaf_hash(b"x");
        assert_eq!(hash_from_hex(&to_hex(&h)), Some(h));
        assert_eq!(hash_from_hex("zz"), None);
    }
}
