//! A tiny shell: enough of `sh -c "..."` to follow what a container script does to its
//! files over time, and to judge exec probes such as `cat /tmp/healthy` against them.
//!
//! Understood: commands joined by `;`, `&&`, `||` and newlines; `touch`, `rm [-f] [-r]`,
//! `mkdir`, `mv`, `cp`, `echo`/`printf` (with `> F` / `>> F`), `cat`, `ls`, `test` /
//! `[ ... ]` with `-e -f -d -s` (and `!`), `sleep N`, `true`, `:`, `false`, `exit N`, and
//! `exec CMD`. The first command not understood (a daemon, a loop, a pipe, `$VAR`, ...)
//! is taken to run until the container stops, as before this model existed.
//!
//! Only the paths the script names are modelled: a probe asking about any other path
//! (one that may come with the image) is judged as it always was, it succeeds.

use super::process::Process;
use std::collections::BTreeSet;

/// A change the script makes to its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// The path exists from now on; `true` if it has content.
    Create(String, bool),
    /// The path (and, for a directory, everything under it) is gone.
    Remove(String),
}

/// What a container's script does: file changes at seconds after the start, and its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub ops: Vec<(i64, Op)>,
    pub end: Process,
}

impl Script {
    /// Every path the script names.
    pub fn mentioned(&self) -> BTreeSet<String> {
        let mut paths = BTreeSet::new();
        paths.extend(self.ops.iter().map(|(_, op)| match op {
            Op::Create(p, _) | Op::Remove(p) => p.clone(),
        }));
        paths
    }

    /// The files `secs_ms` milliseconds after the start (changes due at that instant included).
    pub fn files_at(&self, ms: i64) -> Files {
        let mut f = Files {
            mentioned: self.mentioned(),
            present: BTreeSet::new(),
            filled: BTreeSet::new(),
        };
        for (t, op) in &self.ops {
            if t * 1000 > ms {
                break;
            }
            f.apply(op);
        }
        f
    }

    /// The first moment (ms after the start) after `ms` at which the files change.
    pub fn next_change_after(&self, ms: i64) -> Option<i64> {
        self.ops.iter().map(|(t, _)| t * 1000).find(|t| *t > ms)
    }
}

/// A container's files as the model knows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Files {
    /// Paths the script names; any other path is not modelled.
    mentioned: BTreeSet<String>,
    /// Paths that exist now.
    present: BTreeSet<String>,
    /// Those of them that have content.
    filled: BTreeSet<String>,
}

impl Files {
    /// Whether `path` exists: None when the model does not know the path.
    pub fn exists(&self, path: &str) -> Option<bool> {
        if self.present.contains(path) {
            return Some(true);
        }
        self.mentioned.contains(path).then_some(false)
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::Create(p, content) => {
                self.present.insert(p.clone());
                if *content {
                    self.filled.insert(p.clone());
                }
            }
            Op::Remove(p) => {
                let dir = format!("{}/", p.trim_end_matches('/'));
                let kept = |k: &String| k != p && !k.starts_with(&dir);
                self.present.retain(kept);
                self.filled.retain(kept);
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(String),
    /// A word with `$`, backquotes or globs: its value is not known.
    Dynamic(String),
    Semi,
    And,
    Or,
    /// `|`, `&`, `<`, `(`, `)`: beyond this model.
    Other,
    /// `>` or `>>` (true), for stdout (fd 1) or stderr (fd 2).
    Redirect {
        append: bool,
        fd: u8,
    },
    /// `2>&1` and the like.
    Dup,
}

fn tokenize(s: &str) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut dynamic = false;
    let mut chars = s.chars().peekable();
    let flush = |out: &mut Vec<Tok>, cur: &mut String, in_word: &mut bool, dynamic: &mut bool| {
        if *in_word {
            let w = std::mem::take(cur);
            out.push(if *dynamic {
                Tok::Dynamic(w)
            } else {
                Tok::Word(w)
            });
        }
        *in_word = false;
        *dynamic = false;
    };
    while let Some(ch) = chars.next() {
        match ch {
            ' ' | '\t' => flush(&mut out, &mut cur, &mut in_word, &mut dynamic),
            '\n' | ';' => {
                flush(&mut out, &mut cur, &mut in_word, &mut dynamic);
                out.push(Tok::Semi);
            }
            '#' if !in_word => {
                // A comment runs to the end of the line.
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push(Tok::Semi);
                        break;
                    }
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => cur.push(c),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => {
                            let c = chars.next()?;
                            if !matches!(c, '"' | '\\' | '$' | '`') {
                                cur.push('\\');
                            }
                            cur.push(c);
                        }
                        c => {
                            if c == '$' || c == '`' {
                                dynamic = true;
                            }
                            cur.push(c)
                        }
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    if c != '\n' {
                        cur.push(c);
                    }
                }
            }
            '&' => {
                flush(&mut out, &mut cur, &mut in_word, &mut dynamic);
                if chars.peek() == Some(&'&') {
                    chars.next();
                    out.push(Tok::And);
                } else if chars.peek() == Some(&'>') {
                    // `&> F`: both streams.
                    chars.next();
                    let append = chars.peek() == Some(&'>');
                    if append {
                        chars.next();
                    }
                    out.push(Tok::Redirect { append, fd: 1 });
                } else {
                    out.push(Tok::Other);
                }
            }
            '|' => {
                flush(&mut out, &mut cur, &mut in_word, &mut dynamic);
                if chars.peek() == Some(&'|') {
                    chars.next();
                    out.push(Tok::Or);
                } else {
                    out.push(Tok::Other);
                }
            }
            '>' => {
                let fd = if in_word && !dynamic && (cur == "1" || cur == "2") {
                    let fd = if cur == "2" { 2 } else { 1 };
                    cur.clear();
                    in_word = false;
                    fd
                } else {
                    flush(&mut out, &mut cur, &mut in_word, &mut dynamic);
                    1
                };
                let append = chars.peek() == Some(&'>');
                if append {
                    chars.next();
                }
                if chars.peek() == Some(&'&') {
                    chars.next();
                    while chars
                        .peek()
                        .is_some_and(|c| c.is_ascii_digit() || *c == '-')
                    {
                        chars.next();
                    }
                    out.push(Tok::Dup);
                } else {
                    out.push(Tok::Redirect { append, fd });
                }
            }
            '<' | '(' | ')' => {
                flush(&mut out, &mut cur, &mut in_word, &mut dynamic);
                out.push(Tok::Other);
            }
            c => {
                in_word = true;
                if matches!(c, '$' | '`' | '*' | '?') {
                    dynamic = true;
                }
                cur.push(c);
            }
        }
    }
    flush(&mut out, &mut cur, &mut in_word, &mut dynamic);
    Some(out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Conn {
    Seq,
    And,
    Or,
}

/// One simple command: its words, where its output goes, and whether the model can
/// follow it at all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Simple {
    words: Vec<String>,
    /// `> F` / `>> F` (and for stderr, `2> F`).
    out: Vec<(String, u8)>,
    opaque: bool,
}

fn parse(toks: Vec<Tok>) -> Vec<(Conn, Simple)> {
    let mut list = Vec::new();
    let mut conn = Conn::Seq;
    let mut cur = Simple::default();
    let mut toks = toks.into_iter();
    let push = |list: &mut Vec<(Conn, Simple)>, conn: Conn, cur: &mut Simple| {
        let s = std::mem::take(cur);
        if !s.words.is_empty() || !s.out.is_empty() || s.opaque {
            list.push((conn, s));
        }
    };
    while let Some(t) = toks.next() {
        match t {
            Tok::Word(w) => cur.words.push(w),
            Tok::Dynamic(w) => {
                cur.words.push(w);
                cur.opaque = true;
            }
            Tok::Semi | Tok::And | Tok::Or => {
                push(&mut list, conn, &mut cur);
                conn = match t {
                    Tok::And => Conn::And,
                    Tok::Or => Conn::Or,
                    _ => Conn::Seq,
                };
            }
            Tok::Other => cur.opaque = true,
            Tok::Dup => {}
            Tok::Redirect { fd, .. } => match toks.next() {
                Some(Tok::Word(p)) => cur.out.push((p, fd)),
                _ => cur.opaque = true,
            },
        }
    }
    push(&mut list, conn, &mut cur);
    list
}

fn is_shell(s: &str) -> bool {
    matches!(
        s.rsplit('/').next().unwrap_or(s),
        "sh" | "bash" | "ash" | "dash"
    )
}

/// The commands `command` + `args` run: a `sh -c "script"` is parsed, anything else is
/// one command with its words as given.
fn commands(argv: &[String]) -> Vec<(Conn, Simple)> {
    let script = if argv.len() >= 3
        && is_shell(&argv[0])
        && argv[1].starts_with('-')
        && argv[1].ends_with('c')
    {
        Some(argv[2].as_str())
    } else if argv.len() >= 2
        && is_shell(&argv[0])
        && argv[1].starts_with("-c")
        && argv[1].len() > 2
    {
        Some(&argv[1][2..])
    } else {
        None
    };
    match script {
        Some(s) => match tokenize(s) {
            Some(toks) => parse(toks),
            None => vec![(
                Conn::Seq,
                Simple {
                    opaque: true,
                    ..Default::default()
                },
            )],
        },
        None => vec![(
            Conn::Seq,
            Simple {
                words: argv.to_vec(),
                ..Default::default()
            },
        )],
    }
}

/// What one command did.
enum Step {
    Status(i32),
    Exit(i32),
    /// Runs on: a daemon, `sleep infinity`, or something the model does not follow.
    Forever,
}

/// A shell run: the files it sees, the clock, what it printed, the changes it made.
struct Sh {
    files: Files,
    secs: i64,
    ops: Vec<(i64, Op)>,
    output: String,
    /// Changes are recorded (a container) rather than only seen (a probe).
    record: bool,
}

impl Sh {
    /// Whether `path` has content: None when the model does not know the path.
    fn content(&self, path: &str) -> Option<bool> {
        match self.known(path) {
            Some(true) => {
                Some(!self.files.present.contains(path) || self.files.filled.contains(path))
            }
            other => other,
        }
    }

    /// Whether `path` exists; None for a path not modelled (the script has not named
    /// it yet: it may come with the image).
    fn known(&self, path: &str) -> Option<bool> {
        self.files.exists(path)
    }

    fn change(&mut self, op: Op) {
        self.files.apply(&op);
        let (Op::Create(p, _) | Op::Remove(p)) = &op;
        self.files.mentioned.insert(p.clone());
        if self.record {
            self.ops.push((self.secs, op));
        }
    }

    fn say(&mut self, line: String) {
        self.output.push_str(&line);
        self.output.push('\n');
    }

    fn run(&mut self, list: &[(Conn, Simple)]) -> Step {
        let mut status = 0;
        for (conn, cmd) in list {
            match conn {
                Conn::And if status != 0 => continue,
                Conn::Or if status == 0 => continue,
                _ => {}
            }
            match self.simple(cmd) {
                Step::Status(s) => status = s,
                other => return other,
            }
        }
        Step::Exit(status)
    }

    fn simple(&mut self, cmd: &Simple) -> Step {
        if cmd.opaque {
            return Step::Forever;
        }
        let mut words: &[String] = &cmd.words;
        while words.first().is_some_and(|w| w == "exec" || w == "command") {
            words = &words[1..];
        }
        // `VAR=value cmd`.
        while words.first().is_some_and(|w| {
            w.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
        }) {
            words = &words[1..];
        }
        let Some(first) = words.first() else {
            // Only a redirect (`> F`): the file is created empty.
            for (p, _) in &cmd.out {
                self.write(p, false);
            }
            return Step::Status(0);
        };
        let name = first.rsplit('/').next().unwrap_or(first);
        let args = &words[1..];
        let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        let mut printed = false;
        let step = match name {
            "true" | ":" => Step::Status(0),
            "false" => Step::Status(1),
            "exit" => Step::Exit(args.first().and_then(|c| c.parse().ok()).unwrap_or(0)),
            "sleep" => {
                let Some(n) = args.first() else {
                    return Step::Forever;
                };
                match crate::session::parse_duration_args(std::slice::from_ref(n)) {
                    Ok(ms) if n != "infinity" => {
                        self.secs += (ms + 999) / 1000;
                        Step::Status(0)
                    }
                    _ => return Step::Forever,
                }
            }
            "touch" | "mkdir" if !operands.is_empty() => {
                for p in operands {
                    if self.known(p) != Some(true) {
                        self.change(Op::Create(p.clone(), false));
                    }
                }
                Step::Status(0)
            }
            "rm" | "rmdir" if !operands.is_empty() => {
                let force = args
                    .iter()
                    .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('f'))
                    || args.iter().any(|a| a == "--force");
                let mut status = 0;
                for p in operands {
                    match self.known(p) {
                        Some(false) if !force => {
                            self.say(format!("rm: can't remove '{p}': No such file or directory"));
                            status = 1;
                        }
                        _ => self.change(Op::Remove(p.clone())),
                    }
                }
                Step::Status(status)
            }
            "mv" | "cp" if operands.len() == 2 => {
                let (from, to) = (operands[0], operands[1]);
                match self.known(from) {
                    Some(false) => {
                        if name == "mv" {
                            self.say(format!(
                                "mv: can't rename '{from}': No such file or directory"
                            ));
                        } else {
                            self.say(format!(
                                "cp: can't stat '{from}': No such file or directory"
                            ));
                        }
                        Step::Status(1)
                    }
                    _ => {
                        let content = self.content(from).unwrap_or(true);
                        if name == "mv" {
                            self.change(Op::Remove(from.clone()));
                        }
                        self.change(Op::Create(to.clone(), content));
                        Step::Status(0)
                    }
                }
            }
            "echo" | "printf" => {
                let text: Vec<&str> = args
                    .iter()
                    .map(String::as_str)
                    .skip_while(|a| name == "echo" && a.starts_with('-') && a.len() > 1)
                    .collect();
                let text = text.join(" ");
                printed = true;
                if cmd.out.iter().any(|(_, fd)| *fd == 1) {
                    let content = name == "echo" || !text.is_empty();
                    for (p, fd) in &cmd.out {
                        self.write(p, *fd == 1 && content);
                    }
                } else {
                    self.say(text);
                }
                Step::Status(0)
            }
            "cat" | "ls" | "head" | "tail" | "wc" | "stat" | "grep" if !operands.is_empty() => {
                if matches!(name, "head" | "tail" | "wc" | "grep") {
                    // Reading a file for its content: beyond the model unless it is absent.
                    if name == "tail" && args.iter().any(|a| a == "-f" || a == "-F") {
                        return Step::Forever;
                    }
                }
                let paths: Vec<&String> = if name == "grep" {
                    operands.iter().skip(1).copied().collect()
                } else {
                    operands
                };
                let mut status = 0;
                let mut content = false;
                for p in paths {
                    match self.known(p) {
                        Some(false) => {
                            status = if name == "grep" { 2 } else { 1 };
                            self.say(match name {
                                "cat" => {
                                    format!("cat: can't open '{p}': No such file or directory")
                                }
                                "stat" => {
                                    format!("stat: can't stat '{p}': No such file or directory")
                                }
                                _ => format!("{name}: {p}: No such file or directory"),
                            });
                        }
                        Some(true) => content |= self.content(p).unwrap_or(true),
                        None => content = true,
                    }
                }
                if name == "grep" && status == 0 {
                    // Whether the pattern matches is beyond the model.
                    return Step::Forever;
                }
                for (p, fd) in &cmd.out {
                    self.write(p, *fd == 1 && content);
                }
                printed = true;
                Step::Status(status)
            }
            "test" | "[" | "[[" => {
                let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
                if name != "test" {
                    if a.last().is_some_and(|l| *l == "]" || *l == "]]") {
                        a.pop();
                    } else {
                        return Step::Forever;
                    }
                }
                let negate = a.first() == Some(&"!");
                if negate {
                    a.remove(0);
                }
                let holds = match a.as_slice() {
                    [op, p] if matches!(*op, "-e" | "-f" | "-d" | "-r" | "-s") => {
                        let known = if *op == "-s" {
                            self.content(p)
                        } else {
                            self.known(p)
                        };
                        match known {
                            Some(h) => h,
                            // Not modelled: judged as before (the test holds).
                            None => !negate,
                        }
                    }
                    _ => return Step::Forever,
                };
                Step::Status(if holds != negate { 0 } else { 1 })
            }
            _ => return Step::Forever,
        };
        if !printed {
            for (p, _) in &cmd.out {
                self.write(p, false);
            }
        }
        step
    }

    fn write(&mut self, path: &str, content: bool) {
        if path.starts_with("/dev/") || path.starts_with("/proc/") {
            return;
        }
        self.change(Op::Create(path.to_string(), content));
    }
}

/// What a container's `command` + `args` do over time.
pub fn script(argv: &[String]) -> Script {
    let mut sh = Sh {
        files: Files::default(),
        secs: 0,
        ops: Vec::new(),
        output: String::new(),
        record: true,
    };
    let end = match sh.run(&commands(argv)) {
        Step::Forever => Process::Forever,
        Step::Exit(code) | Step::Status(code) => Process::Exits {
            after: sh.secs,
            code,
        },
    };
    Script { ops: sh.ops, end }
}

/// An exec probe's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Failed, with the output the kubelet puts in the `Unhealthy` event.
    Failure(String),
}

/// Runs an exec probe's command against `files`, with the probe's timeout in seconds.
pub fn exec_probe(argv: &[String], files: &Files, timeout: i64) -> Outcome {
    let mut sh = Sh {
        files: files.clone(),
        secs: 0,
        ops: Vec::new(),
        output: String::new(),
        record: false,
    };
    let step = sh.run(&commands(argv));
    if sh.secs >= timeout {
        return Outcome::Failure(format!("command {:?} timed out", argv.join(" ")));
    }
    match step {
        // Not understood: judged as before, a success.
        Step::Forever => Outcome::Success,
        Step::Exit(0) | Step::Status(0) => Outcome::Success,
        Step::Exit(_) | Step::Status(_) => {
            Outcome::Failure(sh.output.trim_end_matches('\n').to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }
    fn sh(script: &str) -> Vec<String> {
        v(&["/bin/sh", "-c", script])
    }

    #[test]
    fn docs_liveness_script() {
        let s = script(&sh(
            "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
        ));
        assert_eq!(
            s.ops,
            vec![
                (0, Op::Create("/tmp/healthy".into(), false)),
                (30, Op::Remove("/tmp/healthy".into())),
            ]
        );
        assert_eq!(
            s.end,
            Process::Exits {
                after: 630,
                code: 0
            }
        );
        assert_eq!(s.files_at(29_999).exists("/tmp/healthy"), Some(true));
        assert_eq!(s.files_at(30_000).exists("/tmp/healthy"), Some(false));
        assert_eq!(s.files_at(0).exists("/etc/passwd"), None);
        assert_eq!(s.next_change_after(0), Some(30_000));
        assert_eq!(s.next_change_after(30_000), None);
    }

    #[test]
    fn connectors_quotes_and_redirects() {
        let s = script(&sh(
            "echo 'starting up' && sleep 5 && echo ok > /tmp/ready\nsleep 10 || exit 3; rm /tmp/ready && mkdir -p /run/app; exec sleep infinity",
        ));
        assert_eq!(
            s.ops,
            vec![
                (5, Op::Create("/tmp/ready".into(), true)),
                (15, Op::Remove("/tmp/ready".into())),
                (15, Op::Create("/run/app".into(), false)),
            ]
        );
        assert_eq!(s.end, Process::Forever);
        // `rm` of a file known to be gone fails, and `&&` stops there; the script ends
        // with its last status.
        let s = script(&sh(
            "touch /tmp/x; rm /tmp/x; rm /tmp/x && touch /tmp/y; false",
        ));
        assert_eq!(
            s.ops,
            vec![
                (0, Op::Create("/tmp/x".into(), false)),
                (0, Op::Remove("/tmp/x".into())),
            ]
        );
        assert_eq!(s.end, Process::Exits { after: 0, code: 1 });
        // A path the script has not named may come with the image: removing it works.
        let s = script(&sh("rm /etc/nginx/conf.d/default.conf && exec nginx"));
        assert_eq!(s.end, Process::Forever);
        let s = script(&sh(
            "cat /etc/hostname > /tmp/h; test -f /etc/passwd || exit 3",
        ));
        assert_eq!(s.ops, vec![(0, Op::Create("/tmp/h".into(), true))]);
        assert_eq!(s.end, Process::Exits { after: 0, code: 0 });
        // Something the model does not follow runs on, with the files made before it.
        let s = script(&sh("touch /tmp/a; while true; do sleep 1; done"));
        assert_eq!(s.ops, vec![(0, Op::Create("/tmp/a".into(), false))]);
        assert_eq!(s.end, Process::Forever);
        let s = script(&sh("touch /tmp/a; nginx -g 'daemon off;'"));
        assert_eq!(s.end, Process::Forever);
        assert_eq!(script(&sh("cat /tmp/x | grep y")).end, Process::Forever);
        assert_eq!(script(&sh("echo $HOSTNAME > /tmp/h")).ops, vec![]);
        assert_eq!(
            script(&v(&["fluentd", "-c", "/etc/x"])).end,
            Process::Forever
        );
    }

    #[test]
    fn probes_against_files() {
        let s = script(&sh(
            "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
        ));
        let before = s.files_at(10_000);
        let after = s.files_at(35_000);
        let cat = v(&["cat", "/tmp/healthy"]);
        assert_eq!(exec_probe(&cat, &before, 1), Outcome::Success);
        assert_eq!(
            exec_probe(&cat, &after, 1),
            Outcome::Failure("cat: can't open '/tmp/healthy': No such file or directory".into())
        );
        for probe in [
            v(&["test", "-f", "/tmp/healthy"]),
            sh("[ -f /tmp/healthy ]"),
            sh("test -e /tmp/healthy && echo ok"),
        ] {
            assert_eq!(
                exec_probe(&probe, &before, 1),
                Outcome::Success,
                "{probe:?}"
            );
            assert_eq!(
                exec_probe(&probe, &after, 1),
                Outcome::Failure(String::new()),
                "{probe:?}"
            );
        }
        assert_eq!(
            exec_probe(&v(&["ls", "/tmp/healthy"]), &after, 1),
            Outcome::Failure("ls: /tmp/healthy: No such file or directory".into())
        );
        assert_eq!(
            exec_probe(&sh("[ ! -f /tmp/healthy ]"), &after, 1),
            Outcome::Success
        );
        assert_eq!(
            exec_probe(
                &sh("test -f /tmp/healthy || echo not ready; exit 1"),
                &after,
                1
            ),
            Outcome::Failure("not ready".into())
        );
        // Paths the script never names (they may come with the image) are not modelled.
        assert_eq!(
            exec_probe(&v(&["cat", "/etc/nginx/nginx.conf"]), &after, 1),
            Outcome::Success
        );
        // The old judgements stay.
        assert_eq!(exec_probe(&v(&["true"]), &after, 1), Outcome::Success);
        assert_eq!(
            exec_probe(&v(&["false"]), &after, 1),
            Outcome::Failure(String::new())
        );
        assert_eq!(
            exec_probe(&sh("exit 3"), &after, 1),
            Outcome::Failure(String::new())
        );
        assert_eq!(
            exec_probe(&v(&["sleep", "5"]), &after, 1),
            Outcome::Failure("command \"sleep 5\" timed out".into())
        );
        assert_eq!(
            exec_probe(&v(&["sleep", "5"]), &after, 10),
            Outcome::Success
        );
        assert_eq!(
            exec_probe(&v(&["/healthcheck", "--ready"]), &after, 1),
            Outcome::Success
        );
    }

    #[test]
    fn unbalanced_quotes_are_not_followed() {
        assert_eq!(script(&sh("touch '/tmp/a")).end, Process::Forever);
        assert_eq!(script(&sh("touch '/tmp/a")).ops, vec![]);
    }
}
