//! Label selector syntax of `-l` (`labels.Parse`): `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
//! `a notin (x)`, `a`, `!a`, joined by commas.

use crate::api::{LabelSelector, LabelSelectorRequirement, Labels};

pub fn parse(s: &str) -> Result<LabelSelector, String> {
    let mut sel = LabelSelector::default();
    let mut rest = s.trim();
    while !rest.is_empty() {
        // Split at the next comma that is not inside parentheses.
        let mut depth = 0;
        let mut end = rest.len();
        for (i, ch) in rest.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let part = rest[..end].trim();
        rest = rest.get(end + 1..).unwrap_or("").trim();
        if part.is_empty() {
            return Err("unable to parse requirement: found '', expected: identifier".into());
        }
        sel.match_expressions.push(requirement(part)?);
    }
    Ok(sel)
}

fn requirement(p: &str) -> Result<LabelSelectorRequirement, String> {
    let req = |key: &str, op: &str, values: Vec<String>| LabelSelectorRequirement {
        key: key.trim().to_string(),
        operator: op.to_string(),
        values,
    };
    if let Some(k) = p.strip_prefix('!') {
        return Ok(req(k, "DoesNotExist", vec![]));
    }
    for (tok, op) in [(" notin ", "NotIn"), (" in ", "In")] {
        if let Some((k, v)) = p.split_once(tok) {
            let v = v.trim();
            let inner = v
                .strip_prefix('(')
                .and_then(|x| x.strip_suffix(')'))
                .ok_or_else(|| {
                    format!("unable to parse requirement: found '{v}', expected: '('")
                })?;
            let values = inner
                .split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect();
            return Ok(req(k, op, values));
        }
    }
    if let Some((k, v)) = p.split_once("!=") {
        return Ok(req(k, "NotIn", vec![v.trim().to_string()]));
    }
    if let Some((k, v)) = p.split_once("==").or_else(|| p.split_once('=')) {
        return Ok(req(k, "In", vec![v.trim().to_string()]));
    }
    Ok(req(p, "Exists", vec![]))
}

pub fn matches(sel: &LabelSelector, labels: &Labels) -> bool {
    sel.matches(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn forms() {
        let l: Labels = [
            ("app".to_string(), "x".to_string()),
            ("tier".to_string(), "a".to_string()),
        ]
        .into();
        for (s, want) in [
            ("app=x", true),
            ("app==x", true),
            ("app!=x", false),
            ("tier in (a,b)", true),
            ("tier notin (a)", false),
            ("app,tier", true),
            ("!app", false),
            ("!zone", true),
            ("app=x,tier=b", false),
        ] {
            assert_eq!(parse(s).unwrap().matches(&l), want, "{s}");
        }
    }
}
