//! `kubectl apply`'s three-way merge, as a JSON merge patch: fields in the new manifest
//! are set, fields that were in the last applied manifest but are gone now are removed,
//! fields set by others (labels added with `kubectl label`, status) are kept.
//! Lists are replaced as a whole (strategic merge would merge containers by name; for a
//! manifest that lists every container the result is the same).

use serde_json::{Map, Value};

pub fn three_way(original: Option<&Value>, modified: &Value, current: &Value) -> Value {
    match (modified, current) {
        (Value::Object(m), Value::Object(c)) => {
            let orig = original.and_then(Value::as_object);
            let mut out: Map<String, Value> = c.clone();
            if let Some(o) = orig {
                for k in o.keys() {
                    if !m.contains_key(k) {
                        out.remove(k);
                    }
                }
            }
            for (k, mv) in m {
                let ov = orig.and_then(|o| o.get(k));
                let merged = match c.get(k) {
                    Some(cv) => three_way(ov, mv, cv),
                    None => mv.clone(),
                };
                if merged.is_null() {
                    out.remove(k);
                } else {
                    out.insert(k.clone(), merged);
                }
            }
            Value::Object(out)
        }
        _ => modified.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    #[test]
    fn keeps_foreign_fields_and_removes_dropped_ones() {
        let orig = json!({"metadata": {"labels": {"a": "1", "b": "2"}}, "spec": {"x": 1}});
        let cur = json!({"metadata": {"labels": {"a": "1", "b": "2", "added": "by-label"}}, "spec": {"x": 1}, "status": {"n": 3}});
        let modi = json!({"metadata": {"labels": {"a": "9"}}, "spec": {"x": 2}});
        let got = three_way(Some(&orig), &modi, &cur);
        assert_eq!(
            got,
            json!({"metadata": {"labels": {"a": "9", "added": "by-label"}}, "spec": {"x": 2}, "status": {"n": 3}})
        );
    }
}
