//! A kubectl session against one simulated cluster: what dsim and the browser console drive.
//!
//! (Interface first; the interpreter behind it lives in `kubectl`.)

/// Where `-f PATH` is read from: the file system for dsim, an in-memory map in the browser.
pub trait FileSource {
    /// The text of a file, or an error phrased as kubectl phrases it
    /// (`the path "x.yaml" does not exist`).
    fn read(&self, path: &str) -> Result<String, String>;
    /// The entries of a folder, sorted, or None if `path` is not a folder.
    fn list_dir(&self, path: &str) -> Option<Vec<String>>;
}

/// No files at all (the browser console before anything is saved).
pub struct NoFiles;
impl FileSource for NoFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        Err(format!("the path \"{path}\" does not exist"))
    }
    fn list_dir(&self, _path: &str) -> Option<Vec<String>> {
        None
    }
}

/// What one command printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// True when the command failed (kubectl would exit non-zero).
    pub failed: bool,
}

impl Output {
    pub fn out(s: impl Into<String>) -> Output {
        Output {
            stdout: s.into(),
            ..Default::default()
        }
    }
    pub fn err(s: impl Into<String>) -> Output {
        Output {
            stderr: s.into(),
            failed: true,
            ..Default::default()
        }
    }
    pub fn append(&mut self, o: Output) {
        self.stdout.push_str(&o.stdout);
        self.stderr.push_str(&o.stderr);
        self.failed |= o.failed;
    }
}

/// One simulated cluster and the kubectl interpreter in front of it.
pub struct Session {
    pub cluster: crate::cluster::Cluster,
    files: Box<dyn FileSource>,
}

impl Session {
    pub fn new(files: Box<dyn FileSource>) -> Session {
        Session {
            cluster: crate::cluster::Cluster::new(),
            files,
        }
    }

    /// Runs one command line (`kubectl get pods -o wide`); `stdin` feeds `-f -`.
    pub fn run_command(&mut self, line: &str, stdin: Option<&str>) -> Output {
        match crate::script::parse_line(line) {
            Ok(cmd) => {
                let input = cmd.stdin.as_deref().or(stdin);
                self.exec(&cmd.argv, input)
            }
            Err(e) if e.message == "empty command" => Output::default(),
            Err(e) => Output::err(format!("error: {e}\n")),
        }
    }

    /// Runs one parsed command: `kubectl ...` or a simulator verb (`sleep 30s`).
    pub fn exec(&mut self, argv: &[String], stdin: Option<&str>) -> Output {
        let Some(cmd) = argv.first() else {
            return Output::default();
        };
        self.cluster.commands += 1;
        match cmd.as_str() {
            "kubectl" => {
                let mut ctx = crate::kubectl::Ctx {
                    cluster: &mut self.cluster,
                    files: self.files.as_ref(),
                    stdin,
                };
                crate::kubectl::run(&mut ctx, argv)
            }
            "sleep" => match parse_duration_args(&argv[1..]) {
                Ok(ms) => {
                    self.cluster.advance(ms);
                    Output::default()
                }
                Err(e) => Output::err(format!("sleep: {e}\n")),
            },
            "sim" => crate::sim::run(&mut self.cluster, argv),
            "echo" => Output::out(format!("{}\n", argv[1..].join(" "))),
            other => Output::err(format!(
                "{other}: command not found (the playground runs kubectl, sleep and sim)\n"
            )),
        }
    }

    /// Runs a whole script; `echo` prints each command as `$ command` first.
    pub fn run_script(
        &mut self,
        text: &str,
        echo: bool,
    ) -> Result<Output, crate::script::ScriptError> {
        let cmds = crate::script::parse_script(text)?;
        let mut out = Output::default();
        for c in cmds {
            if echo {
                out.stdout.push_str(&format!("$ {}\n", c.text));
            }
            let o = self.exec(&c.argv, c.stdin.as_deref());
            out.append(o);
        }
        Ok(out)
    }
}

/// Longest simulated time one `sleep` may ask for: 30 days.
pub const MAX_SLEEP_MS: i64 = 30 * 24 * 3600 * 1000;

/// GNU sleep's arguments: numbers with an optional s, m, h or d suffix, summed.
pub fn parse_duration_args(args: &[String]) -> Result<i64, String> {
    if args.is_empty() {
        return Err("missing operand".into());
    }
    let mut total: f64 = 0.0;
    for a in args {
        total += parse_duration(a).ok_or_else(|| format!("invalid time interval '{a}'"))?;
    }
    let ms = (total * 1000.0).round();
    if !(0.0..=MAX_SLEEP_MS as f64).contains(&ms) {
        return Err(format!(
            "time interval too long (the limit is {} days)",
            MAX_SLEEP_MS / 86_400_000
        ));
    }
    Ok(ms as i64)
}

fn parse_duration(a: &str) -> Option<f64> {
    let (num, mult) = match a.chars().last()? {
        's' => (&a[..a.len() - 1], 1.0),
        'm' => (&a[..a.len() - 1], 60.0),
        'h' => (&a[..a.len() - 1], 3600.0),
        'd' => (&a[..a.len() - 1], 86400.0),
        _ => (a, 1.0),
    };
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    v.is_finite().then_some(v * mult)
}

/// A Go duration (`30s`, `1m30s`, `2h`, `500ms`, `0`) in milliseconds, as kubectl flags take them.
pub fn parse_go_duration(s: &str) -> Result<i64, String> {
    if s == "0" {
        return Ok(0);
    }
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return Err(format!("time: invalid duration \"{s}\""));
    }
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let v: f64 = rest[..n]
            .parse()
            .map_err(|_| format!("time: invalid duration \"{s}\""))?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..u] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "" => return Err(format!("time: missing unit in duration \"{s}\"")),
            other => {
                return Err(format!(
                    "time: unknown unit \"{other}\" in duration \"{s}\""
                ))
            }
        };
        total += v * mult;
        rest = &rest[u..];
    }
    if !total.is_finite() || total > MAX_SLEEP_MS as f64 {
        return Err(format!("time: invalid duration \"{s}\""));
    }
    Ok(total as i64)
}
