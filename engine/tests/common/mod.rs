//! Helpers shared by the engine's integration tests (each test file is its own crate and
//! includes this module).

use engine::session::Session;

/// Runs a command that must succeed; its standard output.
pub fn run(s: &mut Session, line: &str, stdin: Option<&str>) -> String {
    let o = s.run_command(line, stdin);
    assert!(!o.failed, "{line}: {}", o.stderr);
    o.stdout
}
