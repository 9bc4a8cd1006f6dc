//! Problems to show in the editor, at a line and column of the manifest: from the
//! engine's live check ([`engine::diagnostics::check_manifests`]) or from what
//! `kubectl apply` printed ([`from_output`]).

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem: a 1-based line and column of the editor text, and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub severity: Severity,
}

impl Diagnostic {
    pub fn error(line: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line,
            column,
            message: message.into(),
            severity: Severity::Error,
        }
    }
}

impl From<engine::diagnostics::Diagnostic> for Diagnostic {
    fn from(d: engine::diagnostics::Diagnostic) -> Diagnostic {
        Diagnostic::error(d.line, d.column, d.message)
    }
}

/// The engine's check of `text` without a cluster (YAML syntax, unknown fields, types,
/// defaults and API validation), as editor diagnostics.
pub fn check(text: &str) -> Vec<Diagnostic> {
    engine::diagnostics::check_manifests(text)
        .into_iter()
        .map(Diagnostic::from)
        .collect()
}

/// The positions in what `kubectl apply -f -` printed on standard error.
///
/// The engine ends each located message with ` (STDIN:line:col)`, on the line of an error
/// or of each `* field: problem` of a validation list; YAML syntax errors carry
/// `yaml: line L, column C:` instead. Unlocated lines that follow a located one (a `hint:`,
/// `ensure CRDs are installed first`) are added to its message; other unlocated errors
/// are left out (the output pane shows them).
pub fn from_output(stderr: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    // Whether the last line started a diagnostic that continuation lines belong to.
    let mut open = false;
    for raw in stderr.lines() {
        let line = raw.trim_end();
        if line.is_empty() {
            open = false;
            continue;
        }
        let severity = if line.starts_with("Warning: ") {
            Severity::Warning
        } else {
            Severity::Error
        };
        if let Some((text, l, c)) = split_location(line) {
            push(&mut out, l, c, clean(text), severity);
            open = true;
        } else if let Some((l, c, text)) = yaml_position(line) {
            push(&mut out, l, c, format!("yaml: {text}"), severity);
            open = true;
        } else if open && !starts_an_error(line) {
            if let Some(last) = out.last_mut() {
                last.message.push('\n');
                last.message.push_str(line);
            }
        } else {
            open = false;
        }
    }
    out
}

fn push(out: &mut Vec<Diagnostic>, line: u32, column: u32, message: String, severity: Severity) {
    let d = Diagnostic {
        line,
        column,
        message,
        severity,
    };
    if !out.contains(&d) {
        out.push(d);
    }
}

/// `text (FILE:L:C)` → (`text`, L, C).
fn split_location(line: &str) -> Option<(&str, u32, u32)> {
    let body = line.strip_suffix(')')?;
    let open = body.rfind(" (")?;
    let inside = &body[open + 2..];
    let mut parts = inside.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let ln = parts.next()?.parse().ok()?;
    let file = parts.next()?;
    if file.is_empty() || ln == 0 {
        return None;
    }
    Some((&body[..open], ln, col))
}

/// `… yaml: line L, column C: text` (or `yaml: line L: text`) → (L, C, `text`).
fn yaml_position(line: &str) -> Option<(u32, u32, &str)> {
    let at = line.find("yaml: line ")?;
    let rest = &line[at + "yaml: line ".len()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let ln: u32 = rest[..digits].parse().ok()?;
    let rest = &rest[digits..];
    let (col, text) = if let Some(r) = rest.strip_prefix(", column ") {
        let d = r.bytes().take_while(u8::is_ascii_digit).count();
        (r[..d].parse().ok()?, r[d..].strip_prefix(": ")?)
    } else {
        (1, rest.strip_prefix(": ")?)
    };
    (ln > 0).then_some((ln, col, text))
}

/// Lines that begin a new message rather than continue the one before.
fn starts_an_error(line: &str) -> bool {
    ["error", "Error", "The ", "* ", "Warning: "]
        .iter()
        .any(|p| line.starts_with(p))
}

/// The message without kubectl's framing (`error: `, `Error from server (…): error when
/// creating "STDIN": `, `* `), which the editor's position already says.
fn clean(text: &str) -> String {
    let mut t = text.trim();
    for prefix in ["error: ", "Warning: ", "* ", "hint: "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest;
        }
    }
    if t.starts_with("Error from server (") || t.starts_with("from server for: ") {
        if let Some(i) = t.find("\": ") {
            t = &t[i + 3..];
        }
    }
    t.to_string()
}

/// What an assistive technology announces about `list`: `2 problems: line 12, column 7:
/// unknown field …; line 20, column 3: …`; empty when there is nothing to report.
/// At most three problems are spelled out.
pub fn summary(list: &[Diagnostic]) -> String {
    const SHOWN: usize = 3;
    if list.is_empty() {
        return String::new();
    }
    let noun = if list.len() == 1 {
        "problem"
    } else {
        "problems"
    };
    let items: Vec<String> = list
        .iter()
        .take(SHOWN)
        .map(|d| {
            let first = d.message.lines().next().unwrap_or_default();
            let kind = match d.severity {
                Severity::Error => "",
                Severity::Warning => "warning, ",
            };
            format!("{kind}line {}, column {}: {first}", d.line, d.column)
        })
        .collect();
    let mut s = format!("{} {noun}: {}", list.len(), items.join("; "));
    if list.len() > SHOWN {
        s.push_str(&format!("; and {} more", list.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_from_the_server() {
        let err = "Error from server (BadRequest): error when creating \"STDIN\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.template.spec.containres\" (STDIN:12:7)\n";
        assert_eq!(
            from_output(err),
            [Diagnostic::error(
                12,
                7,
                "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.template.spec.containres\""
            )]
        );
    }

    #[test]
    fn yaml_syntax_error_without_a_suffix() {
        let err = "error: error parsing STDIN: error converting YAML to JSON: yaml: line 1, column 7: unclosed bracket '['\n";
        assert_eq!(
            from_output(err),
            [Diagnostic::error(1, 7, "yaml: unclosed bracket '['")]
        );
        let err = "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n";
        assert_eq!(
            from_output(err),
            [Diagnostic::error(
                4,
                1,
                "yaml: mapping values are not allowed in this context"
            )]
        );
    }

    #[test]
    fn validation_list_gives_one_diagnostic_per_item() {
        let err = "The Node \"Bad_Name\" is invalid: \n* metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain (STDIN:33:3)\n* spec.template.spec.containers: Required value (STDIN:12:7)\n";
        let got = from_output(err);
        assert_eq!(
            got,
            [
                Diagnostic::error(
                    33,
                    3,
                    "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"
                ),
                Diagnostic::error(12, 7, "spec.template.spec.containers: Required value"),
            ]
        );
    }

    #[test]
    fn single_validation_error_and_follow_up_lines() {
        let err = "The DaemonSet \"c\" is invalid: spec.template.spec.containers: Required value (STDIN:19:7)\nerror: resource mapping not found for name: \"d\" namespace: \"\" from \"STDIN\": no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\" (STDIN:21:13)\nensure CRDs are installed first\nhint: DaemonSet is served as apps/v1\nerror: the namespace from the provided object \"a\" does not match\nplain line\n";
        let got = from_output(err);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(
            got[0].message,
            "The DaemonSet \"c\" is invalid: spec.template.spec.containers: Required value"
        );
        assert_eq!((got[1].line, got[1].column), (21, 13));
        assert!(got[1]
            .message
            .starts_with("resource mapping not found for name: \"d\""));
        assert!(got[1]
            .message
            .ends_with("\nensure CRDs are installed first\nhint: DaemonSet is served as apps/v1"));
    }

    #[test]
    fn empty_name_and_its_hints() {
        let err = "error: error when retrieving current configuration of:\nResource: \"apps/v1, Resource=daemonsets\", GroupVersionKind: \"apps/v1, Kind=DaemonSet\"\nName: \"\", Namespace: \"default\"\nfrom server for: \"STDIN\": resource name may not be empty (STDIN:1:1)\nhint: the server would also refuse it: DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"name\" (STDIN:3:1)\n";
        let got = from_output(err);
        assert_eq!(
            got,
            [
                Diagnostic::error(1, 1, "resource name may not be empty"),
                Diagnostic::error(
                    3,
                    1,
                    "the server would also refuse it: DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"name\""
                ),
            ]
        );
    }

    #[test]
    fn success_and_unlocated_errors_give_nothing() {
        assert!(from_output("").is_empty());
        assert!(from_output("error: no objects passed to apply\n").is_empty());
        assert!(from_output("something (not a location)\n(x:y:z)\n").is_empty());
    }

    #[test]
    fn warnings_keep_their_severity() {
        let got = from_output("Warning: spec.x: deprecated (STDIN:2:3)\n");
        assert_eq!(got[0].severity, Severity::Warning);
        assert_eq!(got[0].message, "spec.x: deprecated");
    }

    #[test]
    fn summary_counts_and_names_positions() {
        assert_eq!(summary(&[]), "");
        let one = [Diagnostic::error(12, 7, "unknown field \"x\"\nhint: y")];
        assert_eq!(
            summary(&one),
            "1 problem: line 12, column 7: unknown field \"x\""
        );
        let many: Vec<Diagnostic> = (1..=5).map(|i| Diagnostic::error(i, 1, "bad")).collect();
        assert_eq!(
            summary(&many),
            "5 problems: line 1, column 1: bad; line 2, column 1: bad; line 3, column 1: bad; and 2 more"
        );
    }

    #[test]
    fn real_engine_output_round_trips() {
        let mut s = engine::session::Session::new(Box::new(engine::session::NoFiles));
        let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      containres: []\n";
        let out = s.run_command("kubectl apply -f -", Some(text));
        let got = from_output(&out.stderr);
        assert_eq!((got[0].line, got[0].column), (14, 7), "{}", out.stderr);
        // The live check finds the same place.
        let live = check(text);
        assert_eq!((live[0].line, live[0].column), (14, 7));
    }
}
