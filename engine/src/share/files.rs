//! The files of a scenario, served to `-f PATH` from the link itself, and the recorder
//! that learns which files a script reads.

use crate::session::FileSource;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// A [`FileSource`] over a map of path → text, as [`super::Scenario::files`] holds it.
///
/// Paths are looked up exactly as the command wrote them (`nodes.yaml`, `./nodes.yaml`
/// and `dir/nodes.yaml` are three keys). A folder is every key under `folder/`; a key
/// that ends with `/` (with empty text) marks a folder that holds no file of the scenario
/// (a folder whose files kubectl skipped, or an empty one).
#[derive(Clone, Debug, Default)]
pub struct InlineFiles {
    files: BTreeMap<String, String>,
}

impl InlineFiles {
    pub fn new(files: BTreeMap<String, String>) -> InlineFiles {
        InlineFiles { files }
    }
}

impl FileSource for InlineFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        match self.files.get(path) {
            Some(text) if !path.ends_with('/') => Ok(text.clone()),
            _ => Err(format!("the path \"{path}\" does not exist")),
        }
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        let mut found = false;
        let mut names = BTreeSet::new();
        for key in self
            .files
            .range::<str, _>((
                std::ops::Bound::Included(prefix.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(&prefix))
        {
            found = true;
            let rest = &key[prefix.len()..];
            if let Some(name) = rest.split('/').next().filter(|n| !n.is_empty()) {
                names.insert(name.to_string());
            }
        }
        found.then(|| names.into_iter().collect())
    }
}

/// What a [`Recorder`] saw: the files read and the folders listed.
#[derive(Default)]
struct Seen {
    files: BTreeMap<String, String>,
    dirs: BTreeSet<String>,
}

/// Wraps a [`FileSource`] and keeps what was read through it, so that a script's files
/// can be put into its scenario.
pub(crate) struct Recorder {
    inner: Box<dyn FileSource>,
    seen: Rc<RefCell<Seen>>,
}

/// The other end of a [`Recorder`]: gives the files once the script has run.
pub(crate) struct Recording(Rc<RefCell<Seen>>);

pub(crate) fn recorder(inner: Box<dyn FileSource>) -> (Recorder, Recording) {
    let seen = Rc::new(RefCell::new(Seen::default()));
    (
        Recorder {
            inner,
            seen: seen.clone(),
        },
        Recording(seen),
    )
}

impl FileSource for Recorder {
    fn read(&self, path: &str) -> Result<String, String> {
        let r = self.inner.read(path);
        if let Ok(text) = &r {
            self.seen
                .borrow_mut()
                .files
                .insert(path.to_string(), text.clone());
        }
        r
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let r = self.inner.list_dir(path);
        if r.is_some() {
            self.seen
                .borrow_mut()
                .dirs
                .insert(format!("{}/", path.trim_end_matches('/')));
        }
        r
    }
}

impl Recording {
    /// The files read, plus a marker for each listed folder that holds none of them.
    pub(crate) fn files(&self) -> BTreeMap<String, String> {
        let seen = self.0.borrow();
        let mut files = seen.files.clone();
        for dir in &seen.dirs {
            if !seen.files.keys().any(|k| k.starts_with(dir.as_str())) {
                files.insert(dir.clone(), String::new());
            }
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(keys: &[&str]) -> InlineFiles {
        InlineFiles::new(
            keys.iter()
                .map(|k| (k.to_string(), format!("<{k}>")))
                .collect(),
        )
    }

    #[test]
    fn reads_files_and_lists_folders() {
        let f = inline(&[
            "a.yaml",
            "dir/b.yaml",
            "dir/a.json",
            "dir/sub/c.yaml",
            "empty/",
            "dir2x",
        ]);
        assert_eq!(f.read("a.yaml").unwrap(), "<a.yaml>");
        assert_eq!(f.read("dir/sub/c.yaml").unwrap(), "<dir/sub/c.yaml>");
        assert_eq!(
            f.read("missing.yaml").unwrap_err(),
            "the path \"missing.yaml\" does not exist"
        );
        assert!(f.read("empty/").is_err());
        assert_eq!(f.list_dir("dir").unwrap(), ["a.json", "b.yaml", "sub"]);
        assert_eq!(f.list_dir("dir/").unwrap(), ["a.json", "b.yaml", "sub"]);
        assert_eq!(f.list_dir("dir/sub").unwrap(), ["c.yaml"]);
        assert_eq!(f.list_dir("empty").unwrap(), Vec::<String>::new());
        assert_eq!(f.list_dir("a.yaml"), None);
        assert_eq!(f.list_dir("dir2"), None);
        assert_eq!(f.list_dir("nothing"), None);
    }

    #[test]
    fn the_recorder_keeps_what_was_read_and_marks_folders_without_files() {
        let (rec, recording) = recorder(Box::new(inline(&[
            "a.yaml", "d/x.yaml", "d/y.txt", "e/z.txt",
        ])));
        assert!(rec.read("a.yaml").is_ok());
        assert!(rec.read("nope").is_err());
        assert!(rec.list_dir("d/").is_some());
        assert!(rec.read("d/x.yaml").is_ok());
        assert!(rec.list_dir("e").is_some());
        assert!(rec.list_dir("a.yaml").is_none());
        let files = recording.files();
        let keys: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a.yaml", "d/x.yaml", "e/"]);
    }
}
