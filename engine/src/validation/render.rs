//! Bad values rendered the way the API server's `field.Error` prints them: Go's `%q` for
//! strings, `%v` for numbers, and `%#v` for maps and structs (internal API types, so the
//! package prefixes are `core.`, `apps.`, `intstr.` and, for metav1 types, `v1.`).

use crate::api::{IntOrString, LabelSelector, Taint, Toleration};
use std::collections::BTreeMap;

/// `strconv.Quote`: a double-quoted Go string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() || c == '\u{feff}' => {
                if (c as u32) <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32))
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `%#v` of a `map[string]string` (keys sorted, as fmt prints maps). An empty map is
/// printed as the nil map, which is what decoding an absent field gives.
pub fn string_map(m: &BTreeMap<String, String>) -> String {
    if m.is_empty() {
        return "map[string]string(nil)".into();
    }
    let parts: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    format!("map[string]string{{{}}}", parts.join(", "))
}

/// `%#v` of a `[]string` (nil when empty).
pub fn string_slice(v: &[String]) -> String {
    if v.is_empty() {
        return "[]string(nil)".into();
    }
    let parts: Vec<String> = v.iter().map(|s| quote(s)).collect();
    format!("[]string{{{}}}", parts.join(", "))
}

/// `%#v` of a `metav1.LabelSelector` value (the API server dereferences the pointer):
/// `v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
pub fn label_selector(sel: &LabelSelector) -> String {
    let exprs = if sel.match_expressions.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        let parts: Vec<String> = sel
            .match_expressions
            .iter()
            .map(|r| {
                format!(
                    "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{}}}",
                    quote(&r.key),
                    quote(&r.operator),
                    string_slice(&r.values)
                )
            })
            .collect();
        format!("[]v1.LabelSelectorRequirement{{{}}}", parts.join(", "))
    };
    format!(
        "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{}}}",
        string_map(&sel.match_labels),
        exprs
    )
}

/// A `*metav1.LabelSelector`: `"null"` when nil, else the dereferenced value.
pub fn label_selector_ptr(sel: Option<&LabelSelector>) -> String {
    match sel {
        Some(s) => label_selector(s),
        None => quote("null"),
    }
}

/// An `intstr.IntOrString` bad value as v1.34+ prints it (PR #132314): `"110%"` or `-1`.
/// (Up to v1.33: `intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}`.)
pub fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::Str(s) => quote(s),
    }
}

/// `%#v` of a `core.Toleration`.
pub fn toleration(t: &Toleration) -> String {
    let secs = match t.toleration_seconds {
        // Go prints the pointer's address, which differs on every run; this one is made up.
        Some(_) => "(*int64)(0xc000a1b2c8)".to_string(),
        None => "(*int64)(nil)".to_string(),
    };
    format!(
        "core.Toleration{{Key:{}, Operator:{}, Value:{}, Effect:{}, TolerationSeconds:{secs}}}",
        quote(&t.key),
        quote(&t.operator),
        quote(&t.value),
        quote(&t.effect)
    )
}

/// `%#v` of a `core.Taint`.
pub fn taint(t: &Taint) -> String {
    let added = match t.time_added {
        // A pointer address in Go; made up here.
        Some(_) => "(*v1.Time)(0xc000a1b2d0)".to_string(),
        None => "(*v1.Time)(nil)".to_string(),
    };
    format!(
        "core.Taint{{Key:{}, Value:{}, Effect:{}, TimeAdded:{added}}}",
        quote(&t.key),
        quote(&t.value),
        quote(&t.effect)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LabelSelectorRequirement;

    #[test]
    fn quoting() {
        assert_eq!(quote("OnFailure"), "\"OnFailure\"");
        assert_eq!(quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(quote("\u{1}"), "\"\\x01\"");
        assert_eq!(quote("é"), "\"é\"");
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn structs() {
        let mut m = BTreeMap::new();
        m.insert("b".to_string(), "2".to_string());
        m.insert("a".to_string(), "1".to_string());
        assert_eq!(
            string_map(&m),
            "map[string]string{\"a\":\"1\", \"b\":\"2\"}"
        );
        assert_eq!(string_map(&BTreeMap::new()), "map[string]string(nil)");
        let sel = LabelSelector {
            match_labels: m,
            match_expressions: vec![],
        };
        assert_eq!(
            label_selector(&sel),
            "v1.LabelSelector{MatchLabels:map[string]string{\"a\":\"1\", \"b\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
        );
        let sel = LabelSelector {
            match_labels: BTreeMap::new(),
            match_expressions: vec![LabelSelectorRequirement {
                key: "k".into(),
                operator: "In".into(),
                values: vec!["x".into(), "y".into()],
            }],
        };
        assert_eq!(
            label_selector(&sel),
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"k\", Operator:\"In\", Values:[]string{\"x\", \"y\"}}}}"
        );
        assert_eq!(int_or_string(&IntOrString::Str("110%".into())), "\"110%\"");
        assert_eq!(int_or_string(&IntOrString::Int(1)), "1");
        let t = Taint {
            key: "k".into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        };
        assert_eq!(
            taint(&t),
            "core.Taint{Key:\"k\", Value:\"\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}"
        );
    }
}
