//! FNV-1a (64 bits): the kubelet's made-up image IDs and pod IPs (which golden files show,
//! so it must not change); and, a word at a time, the engine's fingerprints and look-up
//! keys, which nothing shows.

/// A running FNV-1a hash; `.0` is the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fnv64(pub u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// One field of several, eight bytes a step, the last step with the field's length,
    /// so that `("ab", "c")` and `("a", "bc")` hash differently. (A step per byte made
    /// hashing a tenth of the work of recording an event.)
    pub fn field(self, s: &str) -> Self {
        self.words(s.as_bytes())
    }

    /// Bytes eight a step, the last step with their count.
    fn words(mut self, b: &[u8]) -> Self {
        let mut i = 0;
        while let Some(w) = b.get(i..i + 8) {
            self = self.u64(u64::from_le_bytes(w.try_into().unwrap_or_default()));
            i += 8;
        }
        let last = b[i..]
            .iter()
            .rev()
            .fold(b.len() as u64 & 0xff, |w, &x| w << 8 | u64::from(x));
        self.u64(last)
    }

    /// A number, in one step (for fingerprints, which compare many numbers: a step per
    /// byte cost more than the rest of the board's checks): a rotation, an xor and a
    /// multiply, as FxHash does (the rotation brings the high bits of what came before to
    /// the low bits, which a multiply alone never does).
    pub fn u64(mut self, x: u64) -> Self {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
        self
    }
}

/// For the hash maps of names and UIDs the simulation looks up for every pod (node names,
/// owners): a word at a time, where the standard library's SipHash costs more than the
/// rest of the look-up.
impl std::hash::Hasher for Fnv64 {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        *self = self.words(bytes);
    }
}

pub type FastHashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv64>>;
pub type FastHashSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv64>>;

/// FNV-1a of `s`.
pub fn fnv64(s: &str) -> u64 {
    Fnv64::default().bytes(s.as_bytes()).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_64_of_the_reference_vectors() {
        assert_eq!(fnv64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv64("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fields_are_kept_apart() {
        let two = |a, b| Fnv64::default().field(a).field(b);
        assert_ne!(two("ab", "c"), two("a", "bc"));
    }
}
