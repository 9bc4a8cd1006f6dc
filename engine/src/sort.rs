//! Sorting with one copy of the sort algorithm in the binary.
//!
//! `slice::sort_by` is generic over the element and the comparison: every call site
//! compiles its own copy of the standard library's driftsort (about 4 KB of
//! WebAssembly each). These functions sort a list of positions instead, with the
//! comparison behind `dyn`, so that the browser build carries the algorithm once; the
//! elements are then moved into place. The results are those of the standard library's
//! stable sort: equal elements keep their order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// As `slice::sort_by` (stable).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// As `slice::sort_by_key` (stable).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// As `slice::sort` (stable); for elements whose equal values are indistinguishable
/// (numbers, strings) the same as `sort_unstable`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// As `collect::<BTreeMap<K, V>>()`: a later pair replaces an earlier one with an equal
/// key. (`FromIterator` sorts the pairs first, with a copy of the sort per type.)
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut m = BTreeMap::new();
    for (k, v) in pairs {
        m.insert(k, v);
    }
    m
}

/// The positions `0..n` in sorted order.
#[inline(never)]
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `v` so that `v[i]` is the old `v[order[i]]`, one cycle of the
/// permutation at a time (each visited position is marked with its own index).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut cur = start;
        loop {
            let next = order[cur];
            order[cur] = cur;
            if next == start {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_does() {
        // Pseudo-random lists with many equal keys: stability shows.
        let mut seed = 7u64;
        for n in [0usize, 1, 2, 3, 5, 17, 64, 300] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            let mut std = v;
            sort(&mut ours);
            std.sort();
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn btree_map_keeps_the_last_value() {
        let m = btree_map([(2, "a"), (1, "b"), (2, "c")]);
        assert_eq!(m, BTreeMap::from([(1, "b"), (2, "c")]));
    }
}
