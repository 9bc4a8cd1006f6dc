//! The check language of lessons: one readable sentence per `# check:` line, parsed
//! into a [`Check`] and evaluated against a [`Cluster`] (see the module documentation
//! of [`crate::lesson`] for the reference).

use crate::api::{DaemonSet, LabelSelector, Pod, REVISION_HASH_LABEL};
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::pod_summary;
use crate::session::{NoFiles, Session};
use crate::view::pod_state;
use std::fmt;

/// Why a check could not be parsed; `col` is 1-based, in characters of the check text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError {
    pub col: u32,
    pub message: String,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.col, self.message)
    }
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    /// The check as written.
    pub check: String,
    pub passed: bool,
    /// What was found, in words: "expected no pod of ds/fluentd on worker-2, found 1:
    /// fluentd-x2x9k on worker-2 (Terminating)".
    pub explanation: String,
}

/// A comparison between a found number and an expected one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn holds(self, found: i64, expected: i64) -> bool {
        match self {
            Cmp::Eq => found == expected,
            Cmp::Ne => found != expected,
            Cmp::Lt => found < expected,
            Cmp::Le => found <= expected,
            Cmp::Gt => found > expected,
            Cmp::Ge => found >= expected,
        }
    }
    fn words(self) -> &'static str {
        match self {
            Cmp::Eq => "exactly",
            Cmp::Ne => "not",
            Cmp::Lt => "fewer than",
            Cmp::Le => "at most",
            Cmp::Gt => "more than",
            Cmp::Ge => "at least",
        }
    }
}

/// Which pods a count looks at. Every filter left `None` lets all pods through,
/// terminating ones included ("the pod is gone" means gone, not terminating).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodQuery {
    /// None: all namespaces.
    pub namespace: Option<String>,
    /// Only pods controlled by this DaemonSet (in `namespace`).
    pub daemonset: Option<String>,
    pub node: Option<String>,
    pub ready: Option<bool>,
    pub available: Option<bool>,
    pub updated: Option<bool>,
    pub terminating: Option<bool>,
    pub revision: Option<i64>,
    pub image: Option<String>,
    /// The selector as written, and parsed.
    pub labels: Option<(String, LabelSelector)>,
    /// A pod state name (`ImagePullBackOff`, `Available`, ...) or a `kubectl get pods` STATUS.
    pub state: Option<String>,
    /// Only pods with no controlling owner.
    pub orphaned: bool,
}

/// The DaemonSet status fields a check can compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    DesiredNumberScheduled,
    CurrentNumberScheduled,
    NumberReady,
    UpdatedNumberScheduled,
    NumberAvailable,
    NumberUnavailable,
    NumberMisscheduled,
    ObservedGeneration,
    Generation,
}

impl Field {
    fn parse(word: &str) -> Option<Field> {
        let w = word.strip_prefix("status.").unwrap_or(word);
        let w = w.strip_prefix("metadata.").unwrap_or(w);
        Some(match w {
            "desiredNumberScheduled" | "desired" => Field::DesiredNumberScheduled,
            "currentNumberScheduled" | "current" => Field::CurrentNumberScheduled,
            "numberReady" | "ready" => Field::NumberReady,
            "updatedNumberScheduled" | "up-to-date" | "updated" => Field::UpdatedNumberScheduled,
            "numberAvailable" | "available" => Field::NumberAvailable,
            "numberUnavailable" | "unavailable" => Field::NumberUnavailable,
            "numberMisscheduled" | "misscheduled" => Field::NumberMisscheduled,
            "observedGeneration" => Field::ObservedGeneration,
            "generation" => Field::Generation,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Field::DesiredNumberScheduled => "desiredNumberScheduled",
            Field::CurrentNumberScheduled => "currentNumberScheduled",
            Field::NumberReady => "numberReady",
            Field::UpdatedNumberScheduled => "updatedNumberScheduled",
            Field::NumberAvailable => "numberAvailable",
            Field::NumberUnavailable => "numberUnavailable",
            Field::NumberMisscheduled => "numberMisscheduled",
            Field::ObservedGeneration => "observedGeneration",
            Field::Generation => "metadata.generation",
        }
    }
    fn of(self, ds: &DaemonSet) -> i64 {
        let s = &ds.status;
        match self {
            Field::DesiredNumberScheduled => s.desired_number_scheduled as i64,
            Field::CurrentNumberScheduled => s.current_number_scheduled as i64,
            Field::NumberReady => s.number_ready as i64,
            Field::UpdatedNumberScheduled => s.updated_number_scheduled as i64,
            Field::NumberAvailable => s.number_available as i64,
            Field::NumberUnavailable => s.number_unavailable as i64,
            Field::NumberMisscheduled => s.number_misscheduled as i64,
            Field::ObservedGeneration => s.observed_generation,
            Field::Generation => ds.metadata.generation,
        }
    }
}

/// The right-hand side of a status comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Number(i64),
    Field(Field),
}

/// The kinds of object `exists` can look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjKind {
    DaemonSet,
    Node,
    Pod,
    Namespace,
    ControllerRevision,
}

impl ObjKind {
    fn parse(word: &str) -> Option<ObjKind> {
        Some(match word {
            "ds" | "daemonset" | "daemonsets" => ObjKind::DaemonSet,
            "node" | "nodes" | "no" => ObjKind::Node,
            "pod" | "pods" | "po" => ObjKind::Pod,
            "ns" | "namespace" | "namespaces" => ObjKind::Namespace,
            "controllerrevision" | "controllerrevisions" => ObjKind::ControllerRevision,
            _ => return None,
        })
    }
    fn short(self) -> &'static str {
        match self {
            ObjKind::DaemonSet => "ds",
            ObjKind::Node => "node",
            ObjKind::Pod => "pod",
            ObjKind::Namespace => "namespace",
            ObjKind::ControllerRevision => "controllerrevision",
        }
    }
    fn namespaced(self) -> bool {
        matches!(
            self,
            ObjKind::DaemonSet | ObjKind::Pod | ObjKind::ControllerRevision
        )
    }
}

/// What a check tests.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckKind {
    /// The number of pods that `query` selects compared with `n`.
    PodCount {
        cmp: Cmp,
        n: i64,
        query: PodQuery,
    },
    Exists {
        kind: ObjKind,
        namespace: String,
        name: String,
        exists: bool,
    },
    Status {
        namespace: String,
        ds: String,
        field: Field,
        cmp: Cmp,
        rhs: Operand,
    },
    /// Rolled out as `kubectl rollout status` decides.
    RolloutComplete {
        namespace: String,
        ds: String,
        complete: bool,
    },
    /// The newest ControllerRevision number is `n`.
    Revision {
        namespace: String,
        ds: String,
        n: i64,
    },
    /// The ControllerRevision numbers are exactly these.
    Revisions {
        namespace: String,
        ds: String,
        list: Vec<i64>,
    },
    /// A container of the pod template runs this image.
    Image {
        namespace: String,
        ds: String,
        image: String,
        uses: bool,
    },
    NodeLabel {
        node: String,
        key: String,
        value: Option<String>,
        present: bool,
    },
    NodeTaint {
        node: String,
        key: String,
        value: Option<String>,
        effect: Option<String>,
        present: bool,
    },
    NodeReady {
        node: String,
        ready: bool,
    },
    NodeCordoned {
        node: String,
        cordoned: bool,
    },
    /// A read-only kubectl command, run on a copy of the cluster.
    Output {
        argv: Vec<String>,
        text: String,
        contains: bool,
    },
}

/// One parsed check.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The check as written.
    pub text: String,
    pub kind: CheckKind,
}

// ---------------------------------------------------------------------------------
// Parsing

#[derive(Clone, Debug)]
struct Tok {
    text: String,
    col: u32,
    quoted: bool,
}

fn tokenize(s: &str) -> Result<Vec<Tok>, CheckError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let q = chars[i];
        if q == '"' || q == '\'' || q == '`' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != q {
                j += 1;
            }
            if j == chars.len() {
                let what = match q {
                    '`' => "backquote",
                    '"' => "double quote",
                    _ => "single quote",
                };
                return Err(CheckError {
                    col: start as u32 + 1,
                    message: format!("unterminated {what}"),
                });
            }
            out.push(Tok {
                text: chars[i + 1..j].iter().collect(),
                col: start as u32 + 1,
                quoted: true,
            });
            i = j + 1;
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            out.push(Tok {
                text: chars[start..i].iter().collect(),
                col: start as u32 + 1,
                quoted: false,
            });
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    end_col: u32,
    namespace: String,
}

type PResult<T> = Result<T, CheckError>;

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.toks
            .get(self.pos)
            .filter(|t| !t.quoted)
            .map(|t| t.text.as_str())
    }
    fn peek_at(&self, k: usize) -> Option<&str> {
        self.toks
            .get(self.pos + k)
            .filter(|t| !t.quoted)
            .map(|t| t.text.as_str())
    }
    fn col(&self) -> u32 {
        self.toks.get(self.pos).map_or(self.end_col, |t| t.col)
    }
    fn err<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(CheckError {
            col: self.col(),
            message: message.into(),
        })
    }
    fn found(&self) -> String {
        match self.toks.get(self.pos) {
            Some(t) => format!("found `{}`", t.text),
            None => "found the end of the check".into(),
        }
    }
    fn eat(&mut self, word: &str) -> bool {
        if self.peek() == Some(word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Consumes the words of `phrase` if they all come next.
    fn eat_phrase(&mut self, phrase: &str) -> bool {
        let words: Vec<&str> = phrase.split(' ').collect();
        if words
            .iter()
            .enumerate()
            .all(|(k, w)| self.peek_at(k) == Some(*w))
        {
            self.pos += words.len();
            true
        } else {
            false
        }
    }
    fn expect(&mut self, word: &str, context: &str) -> PResult<()> {
        if self.eat(word) {
            Ok(())
        } else {
            self.err(format!("expected `{word}` {context}, {}", self.found()))
        }
    }
    /// Any next word (quoted or not).
    fn word(&mut self, what: &str) -> PResult<String> {
        match self.toks.get(self.pos) {
            Some(t) => {
                self.pos += 1;
                Ok(t.text.clone())
            }
            None => self.err(format!("expected {what}, found the end of the check")),
        }
    }
    fn number(&mut self, after: &str) -> PResult<i64> {
        match self.peek().and_then(parse_number) {
            Some(n) => {
                self.pos += 1;
                Ok(n)
            }
            None => self.err(format!("expected a number {after}, {}", self.found())),
        }
    }
    fn done(&self) -> PResult<()> {
        match self.toks.get(self.pos) {
            None => Ok(()),
            Some(t) => self.err(format!("unexpected `{}` after a complete check", t.text)),
        }
    }
    /// `KIND/NAME`, optionally followed by `-n NAMESPACE`.
    fn reference(&mut self) -> PResult<(ObjKind, String, String)> {
        let col = self.col();
        let Some(w) = self.peek().map(str::to_string) else {
            return self.err(format!(
                "expected an object such as `ds/NAME`, {}",
                self.found()
            ));
        };
        let Some((kind, name)) = w.split_once('/') else {
            return self.err(format!(
                "expected an object such as `ds/NAME` or `node/NAME`, {}",
                self.found()
            ));
        };
        let Some(kind) = ObjKind::parse(kind) else {
            return self.err(format!(
                "unknown kind `{kind}` (use ds, node, pod, ns or controllerrevision)"
            ));
        };
        if name.is_empty() || name.contains('/') {
            return self.err(format!("`{w}` is not KIND/NAME"));
        }
        self.pos += 1;
        let mut namespace = self.namespace.clone();
        if self.eat("-n") || self.eat("--namespace") {
            if !kind.namespaced() {
                return Err(CheckError {
                    col,
                    message: format!("a {} has no namespace", kind.short()),
                });
            }
            namespace = self.word("a namespace after `-n`")?;
        }
        Ok((kind, namespace, name.to_string()))
    }
    fn ds_reference(&mut self, context: &str) -> PResult<(String, String)> {
        let col = self.col();
        let (kind, ns, name) = self.reference()?;
        if kind != ObjKind::DaemonSet {
            return Err(CheckError {
                col,
                message: format!(
                    "{context} needs a DaemonSet (`ds/NAME`), not a {}",
                    kind.short()
                ),
            });
        }
        Ok((ns, name))
    }

    /// `no`, `a`, `an`, `one`, `N`, `exactly N`, `at least N`, `at most N`,
    /// `more than N`, `fewer than N`, `less than N`.
    fn count(&mut self) -> PResult<(Cmp, i64)> {
        if self.eat("no") {
            return Ok((Cmp::Eq, 0));
        }
        if self.eat("a") || self.eat("an") || self.eat("some") {
            return Ok((Cmp::Ge, 1));
        }
        if self.eat("one") {
            return Ok((Cmp::Eq, 1));
        }
        for (phrase, cmp) in [
            ("exactly", Cmp::Eq),
            ("at least", Cmp::Ge),
            ("at most", Cmp::Le),
            ("more than", Cmp::Gt),
            ("fewer than", Cmp::Lt),
            ("less than", Cmp::Lt),
        ] {
            if self.eat_phrase(phrase) {
                return Ok((cmp, self.number(&format!("after `{phrase}`"))?));
            }
        }
        if let Some(n) = self.peek().and_then(parse_number) {
            self.pos += 1;
            return Ok((Cmp::Eq, n));
        }
        self.err(format!(
            "expected a count (no, a, N, at least N, at most N, more than N, fewer than N), {}",
            self.found()
        ))
    }

    /// `ADJECTIVE* pod|pods MODIFIER*` into `q`.
    fn pod_phrase(&mut self, q: &mut PodQuery) -> PResult<()> {
        loop {
            let Some(w) = self.peek() else {
                return self.err("expected `pods` after the count, found the end of the check");
            };
            match w {
                "pod" | "pods" => {
                    self.pos += 1;
                    break;
                }
                "ready" => q.ready = Some(true),
                "unready" | "not-ready" => q.ready = Some(false),
                "available" => q.available = Some(true),
                "unavailable" => q.available = Some(false),
                "updated" | "up-to-date" => q.updated = Some(true),
                "outdated" | "old" => q.updated = Some(false),
                "terminating" => q.terminating = Some(true),
                "non-terminating" | "live" => q.terminating = Some(false),
                _ => {
                    return self.err(format!(
                        "expected `pods` or one of ready, unready, available, unavailable, updated, outdated, terminating, non-terminating; {}",
                        self.found()
                    ))
                }
            }
            self.pos += 1;
        }
        while self.pos < self.toks.len() {
            let col = self.col();
            if self.eat("on") {
                let n = self.word("a node name after `on`")?;
                q.node = Some(n.strip_prefix("node/").unwrap_or(&n).to_string());
            } else if self.eat_phrase("of revision") {
                q.revision = Some(self.number("after `of revision`")?);
            } else if self.eat("of") {
                let (ns, name) = self.ds_reference("`of`")?;
                if q.daemonset.is_some() {
                    return Err(CheckError {
                        col,
                        message: "the DaemonSet is named twice".into(),
                    });
                }
                q.daemonset = Some(name);
                q.namespace = Some(ns);
            } else if self.eat_phrase("with image") {
                q.image = Some(self.word("an image after `with image`")?);
            } else if self.eat("labelled")
                || self.eat("labeled")
                || self.eat_phrase("with labels")
                || self.eat_phrase("with label")
            {
                let col = self.col();
                let s = self.word("a label selector such as `name=fluentd`")?;
                let sel = crate::kubectl::selector::parse(&s).map_err(|e| CheckError {
                    col,
                    message: format!("bad label selector `{s}`: {e}"),
                })?;
                q.labels = Some((s, sel));
            } else if self.eat_phrase("in state") {
                q.state = Some(self.word("a state after `in state`, such as ImagePullBackOff")?);
            } else if self.eat_phrase("in all namespaces") {
                q.namespace = None;
            } else if self.eat_phrase("in namespace") {
                q.namespace = Some(self.word("a namespace after `in namespace`")?);
            } else if self.eat_phrase("without an owner") || self.eat_phrase("without owner") {
                q.orphaned = true;
            } else {
                return self.err(format!(
                    "unexpected `{}`: after `pods` come `on NODE`, `of ds/NAME`, `of revision N`, `with image IMAGE`, `labelled SELECTOR`, `in state STATE`, `in namespace NS`, `in all namespaces` or `without an owner`",
                    self.toks[self.pos].text
                ));
            }
        }
        if (q.revision.is_some() || q.updated.is_some()) && q.daemonset.is_none() {
            return Err(CheckError {
                col: 1,
                message: "`of revision N`, `updated` and `outdated` need a DaemonSet: write `ds/NAME has ...` or add `of ds/NAME`".into(),
            });
        }
        Ok(())
    }

    fn comparison(&mut self) -> PResult<Cmp> {
        for (sym, cmp) in [
            ("==", Cmp::Eq),
            ("=", Cmp::Eq),
            ("!=", Cmp::Ne),
            ("<=", Cmp::Le),
            (">=", Cmp::Ge),
            ("<", Cmp::Lt),
            (">", Cmp::Gt),
        ] {
            if self.eat(sym) {
                return Ok(cmp);
            }
        }
        if self.eat("is") {
            for (phrase, cmp) in [
                ("at least", Cmp::Ge),
                ("at most", Cmp::Le),
                ("more than", Cmp::Gt),
                ("less than", Cmp::Lt),
                ("fewer than", Cmp::Lt),
                ("not", Cmp::Ne),
            ] {
                if self.eat_phrase(phrase) {
                    return Ok(cmp);
                }
            }
            return Ok(Cmp::Eq);
        }
        self.err(format!(
            "expected `is`, `is at least`, `is at most`, `is not`, `=`, `!=`, `<`, `<=`, `>` or `>=`, {}",
            self.found()
        ))
    }
}

fn parse_number(w: &str) -> Option<i64> {
    if w.is_empty() || !w.chars().all(|c| c.is_ascii_digit()) || w.len() > 15 {
        return None;
    }
    w.parse().ok()
}

const KUBECTL_READ_ONLY: &str =
    "only read-only commands can be checked: kubectl get, kubectl describe, kubectl rollout history and kubectl rollout status";

/// Parses one check. `namespace` is where `ds/NAME` and `pod/NAME` are looked for when
/// the check gives no `-n`.
pub fn parse_check(text: &str, namespace: &str) -> Result<Check, CheckError> {
    let toks = tokenize(text)?;
    let mut p = Parser {
        toks,
        pos: 0,
        end_col: text.chars().count() as u32 + 1,
        namespace: namespace.to_string(),
    };
    let kind = parse_kind(&mut p)?;
    Ok(Check {
        text: text.trim().to_string(),
        kind,
    })
}

fn parse_kind(p: &mut Parser) -> PResult<CheckKind> {
    if p.toks.is_empty() {
        return p.err("empty check");
    }
    if p.eat("there") {
        if !(p.eat("are") || p.eat("is")) {
            return p.err(format!("expected `there are` or `there is`, {}", p.found()));
        }
        let (cmp, n) = p.count()?;
        let mut query = PodQuery {
            namespace: Some(p.namespace.clone()),
            ..Default::default()
        };
        p.pod_phrase(&mut query)?;
        return Ok(CheckKind::PodCount { cmp, n, query });
    }
    if p.eat("rollout") {
        p.expect("of", "after `rollout`")?;
        let (namespace, ds) = p.ds_reference("`rollout of`")?;
        p.expect("is", "after the DaemonSet")?;
        let complete = !p.eat("not");
        p.expect("complete", "(`rollout of ds/NAME is complete`)")?;
        p.done()?;
        return Ok(CheckKind::RolloutComplete {
            namespace,
            ds,
            complete,
        });
    }
    if p.eat("output") {
        p.expect("of", "after `output`")?;
        let col = p.col();
        let cmd = match p.toks.get(p.pos) {
            Some(t) if t.quoted => t.text.clone(),
            _ => {
                return p.err(format!(
                    "expected a command in backquotes (output of `kubectl get pods` contains \"Running\"), {}",
                    p.found()
                ))
            }
        };
        p.pos += 1;
        let argv = match crate::script::parse_line(&cmd) {
            Ok(c) if c.stdin.is_none() => c.argv,
            Ok(_) => {
                return Err(CheckError {
                    col,
                    message: "a checked command takes no input".into(),
                })
            }
            Err(e) => {
                return Err(CheckError {
                    col,
                    message: format!("bad command: {}", e.message),
                })
            }
        };
        // Flags before the command (`kubectl -n x get pods`) count as written after it.
        let argv = crate::kubectl::command_first(&argv).unwrap_or(argv);
        let verb = argv.get(1).map(String::as_str);
        let sub = argv.get(2).map(String::as_str);
        let ok = argv[0] == "kubectl"
            && match verb {
                Some("get") | Some("describe") => true,
                Some("rollout") => matches!(sub, Some("history") | Some("status")),
                _ => false,
            };
        if !ok {
            return Err(CheckError {
                col,
                message: KUBECTL_READ_ONLY.into(),
            });
        }
        let contains = if p.eat("contains") {
            true
        } else if p.eat_phrase("does not contain") {
            false
        } else {
            return p.err(format!(
                "expected `contains` or `does not contain`, {}",
                p.found()
            ));
        };
        let text = match p.toks.get(p.pos) {
            None => return p.err("expected the text to look for"),
            Some(t) if t.quoted => {
                p.pos += 1;
                t.text.clone()
            }
            Some(_) => {
                let words: Vec<String> = p.toks[p.pos..].iter().map(|t| t.text.clone()).collect();
                p.pos = p.toks.len();
                words.join(" ")
            }
        };
        p.done()?;
        return Ok(CheckKind::Output {
            argv,
            text,
            contains,
        });
    }

    let ref_col = p.col();
    let (kind, namespace, name) = p.reference()?;
    if p.eat("exists") {
        p.done()?;
        return Ok(CheckKind::Exists {
            kind,
            namespace,
            name,
            exists: true,
        });
    }
    if p.eat_phrase("does not exist") {
        p.done()?;
        return Ok(CheckKind::Exists {
            kind,
            namespace,
            name,
            exists: false,
        });
    }
    match kind {
        ObjKind::DaemonSet => parse_ds(p, namespace, name),
        ObjKind::Node => parse_node(p, name),
        _ => Err(CheckError {
            col: ref_col,
            message: format!(
                "a {} can only be checked with `exists` or `does not exist`",
                kind.short()
            ),
        }),
    }
}

fn parse_ds(p: &mut Parser, namespace: String, ds: String) -> PResult<CheckKind> {
    if p.eat("has") {
        if p.eat("revisions") {
            let col = p.col();
            let mut list = Vec::new();
            while let Some(w) = p.toks.get(p.pos).map(|t| t.text.clone()) {
                for part in w.split(',').filter(|s| !s.is_empty() && *s != "and") {
                    match parse_number(part) {
                        Some(n) => list.push(n),
                        None => return p.err(format!("expected revision numbers, found `{part}`")),
                    }
                }
                p.pos += 1;
            }
            if list.is_empty() {
                return Err(CheckError {
                    col,
                    message: "expected revision numbers such as `2,3`".into(),
                });
            }
            crate::sort::sort(&mut list);
            return Ok(CheckKind::Revisions {
                namespace,
                ds,
                list,
            });
        }
        let (cmp, n) = p.count()?;
        let mut query = PodQuery {
            namespace: Some(namespace),
            daemonset: Some(ds),
            ..Default::default()
        };
        p.pod_phrase(&mut query)?;
        return Ok(CheckKind::PodCount { cmp, n, query });
    }
    if p.eat("is") {
        let complete = if p.eat_phrase("rolled out") {
            Some(true)
        } else if p.eat_phrase("not rolled out") {
            Some(false)
        } else {
            None
        };
        if let Some(complete) = complete {
            p.done()?;
            return Ok(CheckKind::RolloutComplete {
                namespace,
                ds,
                complete,
            });
        }
        if p.eat_phrase("at revision") {
            let n = p.number("after `at revision`")?;
            p.done()?;
            return Ok(CheckKind::Revision { namespace, ds, n });
        }
        return p.err(format!(
            "expected `rolled out`, `not rolled out` or `at revision N`, {}",
            p.found()
        ));
    }
    let uses = if p.eat_phrase("uses image") {
        Some(true)
    } else if p.eat_phrase("does not use image") {
        Some(false)
    } else {
        None
    };
    if let Some(uses) = uses {
        let image = p.word("an image")?;
        p.done()?;
        return Ok(CheckKind::Image {
            namespace,
            ds,
            image,
            uses,
        });
    }
    if let Some(field) = p.peek().and_then(Field::parse) {
        p.pos += 1;
        let cmp = p.comparison()?;
        let rhs = if let Some(n) = p.peek().and_then(parse_number) {
            p.pos += 1;
            Operand::Number(n)
        } else if let Some(f) = p.peek().and_then(Field::parse) {
            p.pos += 1;
            Operand::Field(f)
        } else {
            return p.err(format!(
                "expected a number or a status field, {}",
                p.found()
            ));
        };
        p.done()?;
        return Ok(CheckKind::Status {
            namespace,
            ds,
            field,
            cmp,
            rhs,
        });
    }
    p.err(format!(
        "expected `has`, `is`, `uses image`, `exists`, `does not exist` or a status field (desiredNumberScheduled, currentNumberScheduled, numberReady, updatedNumberScheduled, numberAvailable, numberUnavailable, numberMisscheduled, observedGeneration, generation), {}",
        p.found()
    ))
}

fn parse_node(p: &mut Parser, node: String) -> PResult<CheckKind> {
    if p.eat("is") {
        let positive = !p.eat("not");
        let kind = if p.eat("ready") {
            CheckKind::NodeReady {
                node,
                ready: positive,
            }
        } else if p.eat("cordoned") || p.eat("unschedulable") {
            CheckKind::NodeCordoned {
                node,
                cordoned: positive,
            }
        } else if p.eat("schedulable") {
            CheckKind::NodeCordoned {
                node,
                cordoned: !positive,
            }
        } else {
            return p.err(format!(
                "expected `ready`, `cordoned` or `schedulable`, {}",
                p.found()
            ));
        };
        p.done()?;
        return Ok(kind);
    }
    p.expect("has", "after the node")?;
    let mark = p.pos;
    let present = !p.eat("no");
    if p.eat("label") || p.eat("labels") {
        let w = p.word("a label such as `disk=ssd` or `disk`")?;
        let (key, value) = match w.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (w, None),
        };
        p.done()?;
        return Ok(CheckKind::NodeLabel {
            node,
            key,
            value,
            present,
        });
    }
    if p.eat("taint") || p.eat("taints") {
        let col = p.col();
        let w = p.word("a taint such as `app=fluentd-logging:NoExecute` or `app`")?;
        let (kv, effect) = match w.rsplit_once(':') {
            Some((kv, e)) => (kv, Some(e.to_string())),
            None => (w.as_str(), None),
        };
        if let Some(e) = &effect {
            if !matches!(e.as_str(), "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                return Err(CheckError {
                    col,
                    message: format!(
                        "unknown taint effect `{e}` (NoSchedule, PreferNoSchedule or NoExecute)"
                    ),
                });
            }
        }
        let (key, value) = match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (kv.to_string(), None),
        };
        p.done()?;
        return Ok(CheckKind::NodeTaint {
            node,
            key,
            value,
            effect,
            present,
        });
    }
    p.pos = mark;
    let (cmp, n) = p.count()?;
    let mut query = PodQuery {
        node: Some(node),
        ..Default::default()
    };
    p.pod_phrase(&mut query)?;
    Ok(CheckKind::PodCount { cmp, n, query })
}

// ---------------------------------------------------------------------------------
// Evaluation

fn find_ds<'a>(c: &'a Cluster, ns: &str, name: &str) -> Option<&'a DaemonSet> {
    c.store.daemonsets.get(&Key::new(ns, name)).map(|d| &**d)
}

fn missing_ds(ns: &str, name: &str) -> String {
    format!("ds/{name} does not exist in namespace {ns}")
}

/// The DaemonSet's ControllerRevisions as (revision, hash), oldest first.
fn revisions(c: &Cluster, ds: &DaemonSet) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> = c
        .store
        .revisions_controlled_by(ds)
        .map(|r| {
            (
                r.revision,
                r.metadata
                    .labels
                    .get(REVISION_HASH_LABEL)
                    .cloned()
                    .unwrap_or_default(),
            )
        })
        .collect();
    crate::sort::sort(&mut v);
    v
}

/// The node a pod is on, or the one its DaemonSet aimed it at while it is unbound.
fn pod_node(p: &Pod) -> String {
    if !p.spec.node_name.is_empty() {
        return p.spec.node_name.clone();
    }
    p.spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| na.required.as_ref())
        .and_then(|r| {
            r.node_selector_terms.iter().find_map(|t| {
                t.match_fields
                    .iter()
                    .find(|f| f.key == "metadata.name" && f.operator == "In")
                    .and_then(|f| f.values.first().cloned())
            })
        })
        .unwrap_or_default()
}

fn pod_status(p: &Pod) -> String {
    pod_summary(p).2
}

fn describe_pod(p: &Pod) -> String {
    let node = pod_node(p);
    let mut s = p.metadata.name.clone();
    if !node.is_empty() {
        s.push_str(&format!(" on {node}"));
    }
    let status = pod_status(p);
    let ready = if p.metadata.deletion_timestamp.is_some() {
        String::new()
    } else if p.is_ready() {
        ", ready".into()
    } else {
        ", not ready".into()
    };
    s.push_str(&format!(" ({status}{ready})"));
    s
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n <= 1 {
        one.to_string()
    } else {
        many.to_string()
    }
}

impl PodQuery {
    /// "ready pods of ds/fluentd on worker-2" (without the count).
    fn describe(&self, n: i64) -> String {
        let mut s = String::new();
        for (flag, yes, no) in [
            (self.ready, "ready", "unready"),
            (self.available, "available", "unavailable"),
            (self.updated, "updated", "outdated"),
            (self.terminating, "terminating", "non-terminating"),
        ] {
            if let Some(f) = flag {
                s.push_str(if f { yes } else { no });
                s.push(' ');
            }
        }
        s.push_str(&plural(n, "pod", "pods"));
        if let Some(ds) = &self.daemonset {
            s.push_str(&format!(" of ds/{ds}"));
        }
        if let Some(r) = self.revision {
            s.push_str(&format!(" of revision {r}"));
        }
        if let Some(node) = &self.node {
            s.push_str(&format!(" on {node}"));
        }
        if let Some(i) = &self.image {
            s.push_str(&format!(" with image {i}"));
        }
        if let Some((l, _)) = &self.labels {
            s.push_str(&format!(" labelled {l}"));
        }
        if let Some(st) = &self.state {
            s.push_str(&format!(" in state {st}"));
        }
        if self.orphaned {
            s.push_str(" without an owner");
        }
        match (&self.namespace, &self.daemonset) {
            (None, _) if self.node.is_none() => s.push_str(" in all namespaces"),
            (Some(ns), None) => s.push_str(&format!(" in namespace {ns}")),
            _ => {}
        }
        s
    }

    /// The pods selected, or why none can be (a missing DaemonSet).
    fn select<'a>(&self, c: &'a Cluster) -> (Vec<&'a Pod>, Option<String>) {
        let mut note = None;
        let mut ds_info: Option<(&DaemonSet, Vec<(i64, String)>)> = None;
        if let Some(name) = &self.daemonset {
            let ns = self.namespace.as_deref().unwrap_or("default");
            match find_ds(c, ns, name) {
                Some(ds) => ds_info = Some((ds, revisions(c, ds))),
                None => return (Vec::new(), Some(missing_ds(ns, name))),
            }
        }
        let pods: Vec<&Pod> = c
            .store
            .pods
            .values()
            .map(|p| &**p)
            .filter(|p| {
                self.namespace
                    .as_ref()
                    .is_none_or(|ns| &p.metadata.namespace == ns)
            })
            .filter(|p| self.matches(c, p, ds_info.as_ref()))
            .collect();
        if let (Some(r), Some((_, revs))) = (self.revision, &ds_info) {
            if !revs.iter().any(|(n, _)| *n == r) {
                note = Some(format!(
                    "ds/{} has no revision {r} (its revisions: {})",
                    self.daemonset.as_deref().unwrap_or(""),
                    join_numbers(revs.iter().map(|x| x.0))
                ));
            }
        }
        (pods, note)
    }

    fn matches(&self, c: &Cluster, p: &Pod, ds: Option<&(&DaemonSet, Vec<(i64, String)>)>) -> bool {
        let owner = p.metadata.controller_ref();
        if self.orphaned && owner.is_some() {
            return false;
        }
        let min_ready = match ds {
            Some((ds, _)) => {
                if owner.is_none_or(|o| o.uid != ds.metadata.uid) {
                    return false;
                }
                ds.spec.min_ready_seconds
            }
            None => 0,
        };
        if let Some(n) = &self.node {
            if &pod_node(p) != n {
                return false;
            }
        }
        if let Some(r) = self.ready {
            if p.is_ready() != r {
                return false;
            }
        }
        if let Some(a) = self.available {
            let avail = p.metadata.deletion_timestamp.is_none() && p.is_available(min_ready, c.now);
            if avail != a {
                return false;
            }
        }
        if let Some(t) = self.terminating {
            if p.metadata.deletion_timestamp.is_some() != t {
                return false;
            }
        }
        let hash = p.metadata.labels.get(REVISION_HASH_LABEL);
        if let Some(u) = self.updated {
            let current = ds.and_then(|(_, revs)| revs.last()).map(|r| &r.1);
            if (hash.is_some() && hash == current) != u {
                return false;
            }
        }
        if let Some(r) = self.revision {
            let rev =
                ds.and_then(|(_, revs)| revs.iter().find(|x| Some(&x.1) == hash).map(|x| x.0));
            if rev != Some(r) {
                return false;
            }
        }
        if let Some(img) = &self.image {
            if !p.spec.containers.iter().any(|k| &k.image == img) {
                return false;
            }
        }
        if let Some((_, sel)) = &self.labels {
            if !crate::kubectl::selector::matches(sel, &p.metadata.labels) {
                return false;
            }
        }
        if let Some(st) = &self.state {
            let state = pod_state(p, min_ready, c.now);
            if !state.name().eq_ignore_ascii_case(st) && !pod_status(p).eq_ignore_ascii_case(st) {
                return false;
            }
        }
        true
    }
}

fn join_numbers(it: impl Iterator<Item = i64>) -> String {
    let v: Vec<String> = it.map(|n| n.to_string()).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

fn count_words(cmp: Cmp, n: i64) -> String {
    match (cmp, n) {
        (Cmp::Eq, 0) => "no".into(),
        (Cmp::Ge, 1) => "at least 1".into(),
        (Cmp::Eq, n) => n.to_string(),
        (cmp, n) => format!("{} {n}", cmp.words()),
    }
}

const LIST_AT_MOST: usize = 6;

fn list_pods(pods: &[&Pod]) -> String {
    if pods.is_empty() {
        return "none".into();
    }
    let mut parts: Vec<String> = pods
        .iter()
        .take(LIST_AT_MOST)
        .map(|p| describe_pod(p))
        .collect();
    if pods.len() > LIST_AT_MOST {
        parts.push(format!("and {} more", pods.len() - LIST_AT_MOST));
    }
    format!("{}: {}", pods.len(), parts.join(", "))
}

fn first_lines(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().take(n).collect();
    let mut out = lines.join("\n");
    if s.lines().count() > n {
        out.push_str("\n…");
    }
    out
}

impl Check {
    /// Parses a check (see [`parse_check`]).
    pub fn parse(text: &str, namespace: &str) -> Result<Check, CheckError> {
        parse_check(text, namespace)
    }

    /// Evaluates the check against a cluster. Never changes it: commands of `output of`
    /// run on a copy.
    pub fn evaluate(&self, c: &Cluster) -> CheckResult {
        let (passed, explanation) = self.kind.evaluate(c);
        CheckResult {
            check: self.text.clone(),
            passed,
            explanation,
        }
    }
}

fn verdict(passed: bool, expected: String, found: String) -> (bool, String) {
    if passed {
        (true, found)
    } else {
        (false, format!("expected {expected}, found {found}"))
    }
}

impl CheckKind {
    fn evaluate(&self, c: &Cluster) -> (bool, String) {
        match self {
            CheckKind::PodCount { cmp, n, query } => {
                let (pods, note) = query.select(c);
                let found = pods.len() as i64;
                let passed = cmp.holds(found, *n);
                let expected = format!("{} {}", count_words(*cmp, *n), query.describe(*n));
                let mut found_text = list_pods(&pods);
                if let Some(note) = note {
                    found_text.push_str(&format!(" ({note})"));
                }
                if passed {
                    (true, format!("{expected}: found {found_text}"))
                } else {
                    (false, format!("expected {expected}, found {found_text}"))
                }
            }
            CheckKind::Exists {
                kind,
                namespace,
                name,
                exists,
            } => {
                let ns = namespace.as_str();
                let there = match kind {
                    ObjKind::DaemonSet => c.store.daemonsets.contains_key(&Key::new(ns, name)),
                    ObjKind::Pod => c.store.pods.contains_key(&Key::new(ns, name)),
                    ObjKind::ControllerRevision => {
                        c.store.revisions.contains_key(&Key::new(ns, name))
                    }
                    ObjKind::Node => c.store.nodes.contains_key(name),
                    ObjKind::Namespace => c.store.namespaces.contains_key(name),
                };
                let what = if kind.namespaced() {
                    format!("{}/{name} in namespace {ns}", kind.short())
                } else {
                    format!("{}/{name}", kind.short())
                };
                let mut detail = String::new();
                if there {
                    let deleting = match kind {
                        ObjKind::Pod => c
                            .store
                            .pods
                            .get(&Key::new(ns, name))
                            .map(|p| p.metadata.deletion_timestamp.is_some()),
                        ObjKind::Namespace => c
                            .store
                            .namespaces
                            .get(name)
                            .map(|n| n.metadata.deletion_timestamp.is_some()),
                        ObjKind::DaemonSet => c
                            .store
                            .daemonsets
                            .get(&Key::new(ns, name))
                            .map(|d| d.metadata.deletion_timestamp.is_some()),
                        _ => None,
                    };
                    if deleting == Some(true) {
                        detail = " (being deleted)".into();
                    }
                }
                let found = format!(
                    "{what} {}{detail}",
                    if there { "exists" } else { "does not exist" }
                );
                verdict(
                    there == *exists,
                    format!(
                        "{what} {}",
                        if *exists { "to exist" } else { "not to exist" }
                    ),
                    found,
                )
            }
            CheckKind::Status {
                namespace,
                ds,
                field,
                cmp,
                rhs,
            } => {
                let Some(d) = find_ds(c, namespace, ds) else {
                    return (false, missing_ds(namespace, ds));
                };
                let v = field.of(d);
                let (want, want_text) = match rhs {
                    Operand::Number(n) => (*n, n.to_string()),
                    Operand::Field(f) => (f.of(d), format!("{} ({})", f.name(), f.of(d))),
                };
                let passed = cmp.holds(v, want);
                let op = match cmp {
                    Cmp::Eq => "",
                    _ => cmp.words(),
                };
                let expected = format!(
                    "{} of ds/{ds} to be {op}{}{want_text}",
                    field.name(),
                    if op.is_empty() { "" } else { " " }
                );
                verdict(passed, expected, format!("{} is {v}", field.name()))
            }
            CheckKind::RolloutComplete {
                namespace,
                ds,
                complete,
            } => {
                let Some(d) = find_ds(c, namespace, ds) else {
                    return (false, missing_ds(namespace, ds));
                };
                let (msg, done) = match crate::kubectl::rollout::status_message(d) {
                    Ok(x) => x,
                    Err(e) => (format!("error: {e}"), false),
                };
                let expected = if *complete {
                    format!("the rollout of ds/{ds} to be complete")
                } else {
                    format!("the rollout of ds/{ds} not to be complete")
                };
                verdict(
                    done == *complete,
                    expected,
                    format!("kubectl rollout status says: {msg}"),
                )
            }
            CheckKind::Revision { namespace, ds, n } => {
                let Some(d) = find_ds(c, namespace, ds) else {
                    return (false, missing_ds(namespace, ds));
                };
                let revs = revisions(c, d);
                let cur = revs.last().map(|r| r.0);
                let found = match cur {
                    Some(r) => format!("ds/{ds} is at revision {r}"),
                    None => format!("ds/{ds} has no revision yet"),
                };
                verdict(cur == Some(*n), format!("ds/{ds} at revision {n}"), found)
            }
            CheckKind::Revisions {
                namespace,
                ds,
                list,
            } => {
                let Some(d) = find_ds(c, namespace, ds) else {
                    return (false, missing_ds(namespace, ds));
                };
                let have: Vec<i64> = revisions(c, d).iter().map(|r| r.0).collect();
                verdict(
                    &have == list,
                    format!(
                        "the revisions of ds/{ds} to be {}",
                        join_numbers(list.iter().copied())
                    ),
                    format!("revisions {}", join_numbers(have.into_iter())),
                )
            }
            CheckKind::Image {
                namespace,
                ds,
                image,
                uses,
            } => {
                let Some(d) = find_ds(c, namespace, ds) else {
                    return (false, missing_ds(namespace, ds));
                };
                let images: Vec<&str> = d
                    .spec
                    .template
                    .spec
                    .containers
                    .iter()
                    .map(|k| k.image.as_str())
                    .collect();
                let has = images.contains(&image.as_str());
                verdict(
                    has == *uses,
                    format!(
                        "the template of ds/{ds} {} image {image}",
                        if *uses { "to use" } else { "not to use" }
                    ),
                    format!("its images are {}", images.join(", ")),
                )
            }
            CheckKind::NodeLabel {
                node,
                key,
                value,
                present,
            } => {
                let Some(n) = c.store.nodes.get(node) else {
                    return (false, format!("node/{node} does not exist"));
                };
                let v = n.metadata.labels.get(key);
                let has = match value {
                    Some(want) => v == Some(want),
                    None => v.is_some(),
                };
                let label = match value {
                    Some(want) => format!("{key}={want}"),
                    None => key.clone(),
                };
                let found = match v {
                    Some(v) => format!("node/{node} has {key}={v}"),
                    None => format!("node/{node} has no label {key}"),
                };
                verdict(
                    has == *present,
                    format!(
                        "node/{node} {} label {label}",
                        if *present { "to have" } else { "not to have" }
                    ),
                    found,
                )
            }
            CheckKind::NodeTaint {
                node,
                key,
                value,
                effect,
                present,
            } => {
                let Some(n) = c.store.nodes.get(node) else {
                    return (false, format!("node/{node} does not exist"));
                };
                let has = n.spec.taints.iter().any(|t| {
                    &t.key == key
                        && value.as_ref().is_none_or(|v| &t.value == v)
                        && effect.as_ref().is_none_or(|e| &t.effect == e)
                });
                let mut want = key.clone();
                if let Some(v) = value {
                    want.push_str(&format!("={v}"));
                }
                if let Some(e) = effect {
                    want.push_str(&format!(":{e}"));
                }
                let taints: Vec<String> = n.spec.taints.iter().map(|t| t.to_string_k8s()).collect();
                let found = if taints.is_empty() {
                    format!("node/{node} has no taints")
                } else {
                    format!("node/{node} has taints {}", taints.join(", "))
                };
                verdict(
                    has == *present,
                    format!(
                        "node/{node} {} taint {want}",
                        if *present { "to have" } else { "not to have" }
                    ),
                    found,
                )
            }
            CheckKind::NodeReady { node, ready } => {
                let Some(n) = c.store.nodes.get(node) else {
                    return (false, format!("node/{node} does not exist"));
                };
                let is = n.condition("Ready").is_some_and(|k| k.status == "True");
                verdict(
                    is == *ready,
                    format!(
                        "node/{node} {}",
                        if *ready {
                            "to be Ready"
                        } else {
                            "not to be Ready"
                        }
                    ),
                    format!("node/{node} is {}", n.status_text()),
                )
            }
            CheckKind::NodeCordoned { node, cordoned } => {
                let Some(n) = c.store.nodes.get(node) else {
                    return (false, format!("node/{node} does not exist"));
                };
                verdict(
                    n.spec.unschedulable == *cordoned,
                    format!(
                        "node/{node} {}",
                        if *cordoned {
                            "to be cordoned"
                        } else {
                            "to be schedulable"
                        }
                    ),
                    format!("node/{node} is {}", n.status_text()),
                )
            }
            CheckKind::Output {
                argv,
                text,
                contains,
            } => {
                let mut s = Session::new(Box::new(NoFiles));
                s.cluster = c.clone();
                let o = s.exec(argv, None);
                let all = format!("{}{}", o.stdout, o.stderr);
                let has = all.contains(text.as_str());
                let cmd = crate::script::command_line(argv);
                verdict(
                    has == *contains,
                    format!(
                        "the output of `{cmd}` {} \"{text}\"",
                        if *contains {
                            "to contain"
                        } else {
                            "not to contain"
                        }
                    ),
                    if all.trim().is_empty() {
                        "it printed nothing".into()
                    } else {
                        format!("it printed:\n{}", first_lines(&all, 12))
                    },
                )
            }
        }
    }
}
