//! Unicode case mapping and character classes for the engine: `str::to_lowercase`,
//! `str::to_uppercase`, `char::is_alphabetic`, `is_lowercase`, `is_uppercase` and
//! `is_numeric`.
//!
//! Natively these are the standard library's. In the browser build, text that is not
//! ASCII goes to the JavaScript engine (`toLowerCase`, `toUpperCase`, and the regular
//! expressions `\p{Alphabetic}`, `\p{Lowercase}`, `\p{Uppercase}`, `\p{N}`), which
//! applies the same Unicode definitions (Final_Sigma included), so that the wasm does
//! not carry the standard library's tables (about 15 KB gzipped). ASCII text, nearly all
//! of it (kinds, column names, label keys, field names), never leaves Rust.

/// As `str::to_lowercase`.
pub fn to_lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        imp::to_lowercase(s)
    }
}

/// As `str::to_uppercase`.
pub fn to_uppercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        imp::to_uppercase(s)
    }
}

/// ASCII in Rust, anything else by `class`.
fn is(c: char, ascii: fn(&char) -> bool, class: imp::Class) -> bool {
    if c.is_ascii() {
        ascii(&c)
    } else {
        imp::is(c, class)
    }
}

/// As `char::is_alphabetic`.
pub fn is_alphabetic(c: char) -> bool {
    is(c, char::is_ascii_alphabetic, imp::Class::Alphabetic)
}

/// As `char::is_lowercase`.
pub fn is_lowercase(c: char) -> bool {
    is(c, char::is_ascii_lowercase, imp::Class::Lowercase)
}

/// As `char::is_uppercase`.
pub fn is_uppercase(c: char) -> bool {
    is(c, char::is_ascii_uppercase, imp::Class::Uppercase)
}

/// As `char::is_numeric`.
pub fn is_numeric(c: char) -> bool {
    is(c, char::is_ascii_digit, imp::Class::Numeric)
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod imp {
    pub fn to_lowercase(s: &str) -> String {
        s.to_lowercase()
    }
    pub fn to_uppercase(s: &str) -> String {
        s.to_uppercase()
    }

    #[derive(Clone, Copy)]
    pub enum Class {
        Alphabetic,
        Lowercase,
        Uppercase,
        Numeric,
    }

    pub fn is(c: char, class: Class) -> bool {
        match class {
            Class::Alphabetic => c.is_alphabetic(),
            Class::Lowercase => c.is_lowercase(),
            Class::Uppercase => c.is_uppercase(),
            Class::Numeric => c.is_numeric(),
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod imp {
    use js_sys::JsString;

    pub fn to_lowercase(s: &str) -> String {
        JsString::from(s).to_lower_case().into()
    }
    pub fn to_uppercase(s: &str) -> String {
        JsString::from(s).to_upper_case().into()
    }

    #[derive(Clone, Copy)]
    pub enum Class {
        Alphabetic,
        Lowercase,
        Uppercase,
        Numeric,
    }

    thread_local! {
        /// One compiled expression per class, in `Class` order.
        static CLASSES: [js_sys::RegExp; 4] = [
            "^\\p{Alphabetic}$",
            "^\\p{Lowercase}$",
            "^\\p{Uppercase}$",
            "^\\p{N}$",
        ]
        .map(|p| js_sys::RegExp::new(p, "u"));
    }

    pub fn is(c: char, class: Class) -> bool {
        let text = c.encode_utf8(&mut [0; 4]).to_owned();
        CLASSES.with(|r| r[class as usize].test(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_the_standard_library() {
        for s in [
            "",
            "DaemonSet",
            "node-role.kubernetes.io/Control-Plane",
            "Straße",
            "ΟΔΟΣ",
            "ǅ",
            "İstanbul",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s}");
            assert_eq!(to_uppercase(s), s.to_uppercase(), "{s}");
        }
        for c in ['a', 'Z', '5', '-', 'ß', 'Σ', 'ǅ', '٣', 'Ⅻ', '½', '中', ' '] {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c}");
        }
    }
}
