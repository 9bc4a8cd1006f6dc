//! base64url without padding (RFC 4648 §5): the alphabet `A–Z a–z 0–9 - _`, all of it
//! safe in a URL fragment, so a link needs no percent-escapes.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u32)
}

/// Why text is not base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Error {
    /// The character at this 0-based character index is not in the alphabet.
    BadChar { index: usize, found: char },
    /// The length leaves a single character over, which holds no whole byte.
    Truncated,
}

pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().position(|&b| value(b).is_none()) {
        let index = text[..at].chars().count();
        let found = text[at..].chars().next().unwrap_or('?');
        return Err(Base64Error::BadChar { index, found });
    }
    if bytes.len() % 4 == 1 {
        return Err(Base64Error::Truncated);
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            // Every character was checked above.
            n |= value(c).unwrap_or(0) << (18 - 6 * i);
        }
        let whole = chunk.len() - 1;
        for i in 0..whole {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // RFC 4648 §10, without padding and with the URL alphabet.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode(&[0xfb, 0xff, 0xbf]), "-_-_");
        assert_eq!(decode("-_-_").unwrap(), [0xfb, 0xff, 0xbf]);
    }

    #[test]
    fn rejects_other_characters_and_a_lone_last_character() {
        assert_eq!(
            decode("Zm9v+g"),
            Err(Base64Error::BadChar {
                index: 4,
                found: '+'
            })
        );
        assert_eq!(
            decode("Zmé"),
            Err(Base64Error::BadChar {
                index: 2,
                found: 'é'
            })
        );
        assert_eq!(decode("Zm9vY"), Err(Base64Error::Truncated));
        assert_eq!(
            decode("Zm=="),
            Err(Base64Error::BadChar {
                index: 2,
                found: '='
            })
        );
    }

    proptest::proptest! {
        #[test]
        fn round_trip(data: Vec<u8>) {
            let coded = encode(&data);
            proptest::prop_assert_eq!(coded.len(), (data.len() * 4).div_ceil(3));
            proptest::prop_assert_eq!(decode(&coded).unwrap(), data);
        }
    }
}
