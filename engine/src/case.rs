//! Unicode case mapping for the engine: `str::to_lowercase` and `str::to_uppercase`.
//!
//! Natively these are the standard library's. In the browser build, text that is not
//! ASCII goes to the JavaScript engine's `toLowerCase` and `toUpperCase`, which apply
//! the same Unicode mappings (Final_Sigma included), so that the wasm does not carry
//! the standard library's case tables (about 8 KB gzipped). ASCII text, nearly all of
//! it (kinds, column names, label keys), never leaves Rust.

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

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod imp {
    pub fn to_lowercase(s: &str) -> String {
        s.to_lowercase()
    }
    pub fn to_uppercase(s: &str) -> String {
        s.to_uppercase()
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
    }
}
