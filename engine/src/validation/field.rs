//! Field errors as `k8s.io/apimachinery/pkg/util/validation/field` renders them, and the
//! status messages built from them (`errors.NewInvalid`, kubectl's `checkErr`).
//!
//! The rendering follows apimachinery of the v1.30–v1.32 shape: `Error()` is
//! `<field>: <ErrorBody>`, and `ErrorBody` is the type string, then `: <bad value>` for the
//! types that carry one, then `: <detail>` when the detail is not empty. Bad values are
//! rendered by the caller (see [`super::render`]) the way Go's `%v`/`%q`/`%#v` prints them.

use std::fmt;

/// `field.ErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}

impl ErrorType {
    /// `ErrorType.String()`: the words shown in the message.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
            ErrorType::TypeInvalid => "Invalid value",
        }
    }

    /// The machine-readable cause type (`metav1.CauseType`), e.g. `FieldValueInvalid`.
    pub fn cause_type(self) -> &'static str {
        match self {
            ErrorType::NotFound => "FieldValueNotFound",
            ErrorType::Required => "FieldValueRequired",
            ErrorType::Duplicate => "FieldValueDuplicate",
            ErrorType::Invalid => "FieldValueInvalid",
            ErrorType::NotSupported => "FieldValueNotSupported",
            ErrorType::Forbidden => "FieldValueForbidden",
            ErrorType::TooLong => "FieldValueTooLong",
            ErrorType::TooMany => "FieldValueTooMany",
            ErrorType::Internal => "InternalError",
            ErrorType::TypeInvalid => "FieldValueTypeInvalid",
        }
    }

    /// Types whose body never shows the bad value.
    fn omits_value(self) -> bool {
        matches!(
            self,
            ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal
        )
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One validation error (`field.Error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field path, e.g. `spec.template.spec.containers[0].image`.
    pub path: String,
    pub kind: ErrorType,
    /// The bad value already rendered as the API server prints it: `"OnFailure"`, `-1`,
    /// `map[string]string{"app":"x"}`, ... `None` is Go's nil, printed as `"null"`.
    pub bad_value: Option<String>,
    pub detail: String,
}

impl FieldError {
    pub fn new(
        path: impl Into<String>,
        kind: ErrorType,
        bad_value: Option<String>,
        detail: impl Into<String>,
    ) -> Self {
        FieldError {
            path: path.into(),
            kind,
            bad_value,
            detail: detail.into(),
        }
    }

    /// `field.Required(path, detail)`.
    pub fn required(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(path, ErrorType::Required, Some("\"\"".into()), detail)
    }

    /// `field.Forbidden(path, detail)`.
    pub fn forbidden(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(path, ErrorType::Forbidden, Some("\"\"".into()), detail)
    }

    /// `field.Invalid(path, value, detail)` with a value already rendered.
    pub fn invalid(
        path: impl Into<String>,
        bad_value: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self::new(path, ErrorType::Invalid, Some(bad_value.into()), detail)
    }

    /// `field.Invalid` for a Go `string` value (printed with `%q`).
    pub fn invalid_str(path: impl Into<String>, value: &str, detail: impl Into<String>) -> Self {
        Self::invalid(path, super::render::quote(value), detail)
    }

    /// `field.Invalid` for an integer value (printed with `%v`).
    pub fn invalid_int(path: impl Into<String>, value: i64, detail: impl Into<String>) -> Self {
        Self::invalid(path, value.to_string(), detail)
    }

    /// `field.NotSupported(path, value, validValues)`: the detail lists the quoted values.
    pub fn not_supported(
        path: impl Into<String>,
        bad_value: impl Into<String>,
        valid: &[&str],
    ) -> Self {
        let detail = if valid.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = valid.iter().map(|v| super::render::quote(v)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Self::new(
            path,
            ErrorType::NotSupported,
            Some(bad_value.into()),
            detail,
        )
    }

    /// `field.NotSupported` for a string-typed value.
    pub fn not_supported_str(path: impl Into<String>, value: &str, valid: &[&str]) -> Self {
        Self::not_supported(path, super::render::quote(value), valid)
    }

    /// `field.Duplicate(path, value)` with a value already rendered.
    pub fn duplicate(path: impl Into<String>, bad_value: impl Into<String>) -> Self {
        Self::new(path, ErrorType::Duplicate, Some(bad_value.into()), "")
    }

    /// `field.NotFound(path, value)` with a value already rendered.
    pub fn not_found(path: impl Into<String>, bad_value: impl Into<String>) -> Self {
        Self::new(path, ErrorType::NotFound, Some(bad_value.into()), "")
    }

    /// `field.TooLong(path, value, max)` (v1.32 wording).
    pub fn too_long(path: impl Into<String>, max_bytes: usize) -> Self {
        Self::new(
            path,
            ErrorType::TooLong,
            None,
            format!("must have at most {max_bytes} bytes"),
        )
    }

    /// `ErrorBody()`: the message without the field path.
    pub fn body(&self) -> String {
        let mut s = String::from(self.kind.as_str());
        if !self.kind.omits_value() {
            s.push_str(": ");
            match &self.bad_value {
                Some(v) => s.push_str(v),
                None => s.push_str("\"null\""),
            }
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    /// `Error()`: `<path>: <body>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.body())
    }
}

impl std::error::Error for FieldError {}

/// The rendered errors with exact duplicates removed, first occurrence kept
/// (`ErrorList.ToAggregate`, and kubectl's `statusCausesToAggrError`).
pub fn dedup_messages(errs: &[FieldError]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for e in errs {
        let m = e.to_string();
        if seen.insert(m.clone()) {
            out.push(m);
        }
    }
    out
}

/// Removes exact duplicates (same rendered message), keeping the first of each.
pub fn dedup(errs: Vec<FieldError>) -> Vec<FieldError> {
    let mut seen = std::collections::BTreeSet::new();
    errs.into_iter()
        .filter(|e| seen.insert(e.to_string()))
        .collect()
}

/// What `kubectl` prints for a 422 Invalid status (`cmdutil.checkErr` with
/// `MultilineError`), without the final newline:
///
/// * one error: `The DaemonSet "x" is invalid: <err>`
/// * several: `The DaemonSet "x" is invalid: ` then one line `* <err>` per error.
///
/// `kind` is the bare kind (`DaemonSet`, `Pod`, `Node`), as in the status details.
/// With no errors it is `The DaemonSet "x" is invalid`.
pub fn invalid_message(kind: &str, name: &str, errs: &[FieldError]) -> String {
    let head = format!("The {kind} {} is invalid", super::render::quote(name));
    let msgs = dedup_messages(errs);
    match msgs.len() {
        0 => head,
        1 => format!("{head}: {}", msgs[0]),
        _ => {
            let mut s = format!("{head}: ");
            for m in &msgs {
                s.push_str("\n* ");
                s.push_str(m);
            }
            s
        }
    }
}

/// The API server's `Status.message` for the same error (`errors.NewInvalid`):
/// `DaemonSet.apps "x" is invalid: <err>` for one error and
/// `DaemonSet.apps "x" is invalid: [<err1>, <err2>]` for several (`ToAggregate`).
/// `qualified_kind` is `GroupKind.String()`: `DaemonSet.apps`, or just `Pod` for core kinds.
/// This is what controllers and `kubectl apply --server-side` error chains carry.
pub fn status_message(qualified_kind: &str, name: &str, errs: &[FieldError]) -> String {
    let head = format!("{qualified_kind} {} is invalid", super::render::quote(name));
    let msgs = dedup_messages(errs);
    match msgs.len() {
        0 => head,
        1 => format!("{head}: {}", msgs[0]),
        _ => format!("{head}: [{}]", msgs.join(", ")),
    }
}

/// Path helpers, mirroring `field.Path`: `child` joins with `.`, `index` adds `[i]` and
/// `key` adds `[key]` (no quotes).
pub fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

pub fn key(path: &str, k: &str) -> String {
    format!("{path}[{k}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        let cases: Vec<(FieldError, &str)> = vec![
            (
                FieldError::required("spec.updateStrategy.rollingUpdate.maxUnavailable", "cannot be 0 when maxSurge is 0"),
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
            ),
            (FieldError::required("spec.template.spec.containers", ""), "spec.template.spec.containers: Required value"),
            (
                FieldError::not_supported_str("spec.template.spec.restartPolicy", "OnFailure", &["Always"]),
                "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
            ),
            (
                FieldError::invalid(
                    "spec.template.metadata.labels",
                    "map[string]string{\"app\":\"x\"}",
                    "`selector` does not match template `labels`",
                ),
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`",
            ),
            (
                FieldError::forbidden(
                    "spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in DaemonSet is not Supported",
                ),
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ),
            (
                FieldError::invalid_int("spec.minReadySeconds", -1, "must be greater than or equal to 0"),
                "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
            ),
            (
                FieldError::duplicate("spec.template.spec.containers[1].name", "\"a\""),
                "spec.template.spec.containers[1].name: Duplicate value: \"a\"",
            ),
            (FieldError::new("x", ErrorType::Invalid, None, "d"), "x: Invalid value: \"null\": d"),
            (
                FieldError::too_long("metadata.annotations", 262144),
                "metadata.annotations: Too long: must have at most 262144 bytes",
            ),
            (FieldError::not_supported_str("f", "v", &[]), "f: Unsupported value: \"v\""),
        ];
        for (e, want) in cases {
            assert_eq!(e.to_string(), want);
        }
    }

    #[test]
    fn messages() {
        let a = FieldError::required("spec.a", "");
        let b = FieldError::invalid_int("spec.b", -1, "must be greater than or equal to 0");
        assert_eq!(
            invalid_message("DaemonSet", "x", &[]),
            "The DaemonSet \"x\" is invalid"
        );
        assert_eq!(
            invalid_message("DaemonSet", "x", std::slice::from_ref(&a)),
            "The DaemonSet \"x\" is invalid: spec.a: Required value"
        );
        assert_eq!(
            invalid_message("DaemonSet", "x", &[a.clone(), b.clone(), a.clone()]),
            "The DaemonSet \"x\" is invalid: \n* spec.a: Required value\n* spec.b: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(
            status_message("DaemonSet.apps", "x", &[a.clone(), b.clone(), a.clone()]),
            "DaemonSet.apps \"x\" is invalid: [spec.a: Required value, spec.b: Invalid value: -1: must be greater than or equal to 0]"
        );
        assert_eq!(
            status_message("DaemonSet.apps", "x", &[a.clone(), a]),
            "DaemonSet.apps \"x\" is invalid: spec.a: Required value"
        );
    }

    #[test]
    fn paths() {
        assert_eq!(child("", "spec"), "spec");
        assert_eq!(index(&child("spec", "containers"), 2), "spec.containers[2]");
        assert_eq!(
            key("metadata.annotations", "a/b"),
            "metadata.annotations[a/b]"
        );
    }
}
