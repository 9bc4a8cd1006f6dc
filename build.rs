//! Builds the editor's JS bundle (`js/editor-bundle.js`, from `js/editor/` and CodeMirror
//! in `node_modules/`) before the crate compiles: wasm-bindgen reads that file at compile
//! time, for native builds too. The bundle is generated, not committed; `npm ci`
//! (scripts/setup.sh) installs what builds it.

use std::path::Path;
use std::process::Command;

const BUNDLE: &str = "js/editor-bundle.js";

fn main() {
    // js/build.mjs rewrites the bundle only when its content changes, so watching the
    // bundle too (to rebuild a deleted one) settles after one extra run.
    for path in [
        "js/editor",
        "js/build.mjs",
        "package.json",
        "package-lock.json",
        BUNDLE,
    ] {
        println!("cargo:rerun-if-changed={path}");
    }

    let esbuild = Path::new("node_modules/.bin/esbuild");
    if esbuild.exists() {
        let status = Command::new("npm")
            .args(["run", "--silent", "build:editor"])
            .status();
        match status {
            Ok(s) if s.success() => return,
            Ok(s) => panic!("`npm run build:editor` failed ({s}): see its output above"),
            Err(e) if Path::new(BUNDLE).exists() => {
                println!("cargo:warning=could not run `npm run build:editor` ({e}); using the existing {BUNDLE}");
                return;
            }
            Err(e) => panic!("could not run `npm run build:editor` to build {BUNDLE}: {e}"),
        }
    }
    if !Path::new(BUNDLE).exists() {
        panic!(
            "{BUNDLE} is generated from js/editor/ and is missing, and so is node_modules/.bin/esbuild: \
             run scripts/setup.sh (or `npm ci` in the workspace root) first"
        );
    }
    println!("cargo:warning=node_modules/.bin/esbuild is missing: using the existing {BUNDLE}, which may be out of date (run `npm ci`)");
}
