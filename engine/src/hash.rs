//! FNV-1a (64 bits): the engine's fingerprints and look-up keys, and the kubelet's
//! made-up image IDs and pod IPs (which golden files show, so it must not change).

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

    /// One field of several: its bytes and a 0, so that `("ab", "c")` and `("a", "bc")`
    /// hash differently.
    pub fn field(self, s: &str) -> Self {
        self.bytes(s.as_bytes()).bytes(&[0])
    }

    /// A number, as one step of FNV's multiply and xor (for fingerprints, which compare
    /// many numbers: a step per byte cost more than the rest of the board's checks).
    pub fn u64(mut self, x: u64) -> Self {
        self.0 = (self.0 ^ x).wrapping_mul(0x0000_0100_0000_01b3);
        self
    }
}

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
