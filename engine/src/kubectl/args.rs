//! kubectl's flag syntax (pflag): `-n ns`, `-nns`, `--namespace ns`, `--namespace=ns`,
//! boolean flags with an optional `=true|false`, and `--` ending flags.

#[derive(Clone, Copy)]
pub struct FlagSpec {
    pub long: &'static str,
    pub short: Option<char>,
    pub takes_value: bool,
}

pub const fn flag(long: &'static str, short: Option<char>, takes_value: bool) -> FlagSpec {
    FlagSpec {
        long,
        short,
        takes_value,
    }
}

/// Flags every command accepts.
pub const GLOBAL: &[FlagSpec] = &[
    flag("namespace", Some('n'), true),
    flag("context", None, true),
    flag("kubeconfig", None, true),
    flag("v", Some('v'), true),
    flag("request-timeout", None, true),
];

#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub positional: Vec<String>,
    /// Flag values by long name, in order of appearance (repeatable flags keep all);
    /// a short list (a command has a few flags) rather than a map.
    pub flags: Vec<(String, Vec<String>)>,
}

impl Parsed {
    fn values(&self, name: &str) -> Option<&Vec<String>> {
        self.flags.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
    fn push(&mut self, name: &str, value: String) {
        match self.flags.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => v.push(value),
            None => self.flags.push((name.to_string(), vec![value])),
        }
    }
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values(name).and_then(|v| v.last()).map(String::as_str)
    }
    pub fn all(&self, name: &str) -> Vec<String> {
        self.values(name).cloned().unwrap_or_default()
    }
    pub fn bool(&self, name: &str) -> bool {
        matches!(self.get(name), Some("true"))
    }
    pub fn has(&self, name: &str) -> bool {
        self.values(name).is_some()
    }
}

/// Parses `args` (after the verb) against `specs` plus the global flags.
/// Errors are kubectl's: `unknown flag: --foo`, `flag needs an argument: 'n' in -n`.
pub fn parse(args: &[String], specs: &[FlagSpec]) -> Result<Parsed, String> {
    let all: Vec<FlagSpec> = specs.iter().chain(GLOBAL.iter()).copied().collect();
    let mut out = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            out.positional.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(spec) = all.iter().find(|s| s.long == name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = if spec.takes_value {
                match inline {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return Err(format!("flag needs an argument: --{name}")),
                }
            } else {
                match inline.as_deref() {
                    None | Some("true") => "true".into(),
                    Some("false") => "false".into(),
                    Some(v) => {
                        return Err(format!(
                            "invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"
                        ))
                    }
                }
            };
            out.push(spec.long, value);
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let ch = chars[j];
                let Some(spec) = all.iter().find(|s| s.short == Some(ch)) else {
                    return Err(format!("unknown shorthand flag: '{ch}' in {a}"));
                };
                if spec.takes_value {
                    let rest: String = chars[j + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest.strip_prefix('=').unwrap_or(&rest).to_string()
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(format!("flag needs an argument: '{ch}' in -{ch}"));
                    };
                    out.push(spec.long, value);
                    break;
                }
                out.push(spec.long, "true".into());
                j += 1;
            }
            continue;
        }
        out.positional.push(a.clone());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }
    const SPECS: &[FlagSpec] = &[
        flag("output", Some('o'), true),
        flag("all-namespaces", Some('A'), false),
        flag("overwrite", None, false),
    ];

    #[test]
    fn forms() {
        let p = parse(
            &v("pods -n kube-system -owide --overwrite=false -A x"),
            SPECS,
        )
        .unwrap();
        assert_eq!(p.positional, v("pods x"));
        assert_eq!(p.get("namespace"), Some("kube-system"));
        assert_eq!(p.get("output"), Some("wide"));
        assert!(!p.bool("overwrite"));
        assert!(p.bool("all-namespaces"));
        let p = parse(&v("--namespace=a -o=yaml"), SPECS).unwrap();
        assert_eq!(
            (p.get("namespace"), p.get("output")),
            (Some("a"), Some("yaml"))
        );
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse(&v("--foo"), SPECS).unwrap_err(),
            "unknown flag: --foo"
        );
        assert_eq!(
            parse(&v("-x"), SPECS).unwrap_err(),
            "unknown shorthand flag: 'x' in -x"
        );
        assert_eq!(
            parse(&v("-n"), SPECS).unwrap_err(),
            "flag needs an argument: 'n' in -n"
        );
    }
}
