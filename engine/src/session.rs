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
        Output { stdout: s.into(), ..Default::default() }
    }
    pub fn err(s: impl Into<String>) -> Output {
        Output { stderr: s.into(), failed: true, ..Default::default() }
    }
    pub fn append(&mut self, o: Output) {
        self.stdout.push_str(&o.stdout);
        self.stderr.push_str(&o.stderr);
        self.failed |= o.failed;
    }
}

/// One simulated cluster and the kubectl interpreter in front of it.
pub struct Session {
    files: Box<dyn FileSource>,
}

impl Session {
    pub fn new(files: Box<dyn FileSource>) -> Session {
        Session { files }
    }

    /// Runs one command line (`kubectl get pods -o wide`); `stdin` feeds `-f -`.
    pub fn run_command(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let _ = (&self.files, line, stdin);
        Output::err("error: not implemented yet\n")
    }
}
