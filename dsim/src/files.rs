//! `-f PATH` for dsim: paths relative to the script's folder.

use engine::session::FileSource;
use std::path::{Path, PathBuf};

/// Largest file `-f` reads (the engine refuses larger manifests anyway).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

pub struct FsFiles {
    base: PathBuf,
}

impl FsFiles {
    pub fn new(base: PathBuf) -> FsFiles {
        FsFiles { base }
    }
    fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        }
    }
}

impl FileSource for FsFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        let full = self.resolve(path);
        let meta =
            std::fs::metadata(&full).map_err(|_| format!("the path \"{path}\" does not exist"))?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!(
                "the file \"{path}\" is {} bytes; the limit is {MAX_FILE_BYTES}",
                meta.len()
            ));
        }
        let bytes = std::fs::read(&full).map_err(|e| format!("unable to read \"{path}\": {e}"))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let rd = std::fs::read_dir(self.resolve(path)).ok()?;
        let mut v: Vec<String> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        Some(v)
    }
}
