//! Scenarios from dsim scripts (`dsim link SCRIPT`).

use super::{files, Scenario, ShareError, MAX_ACTIONS, MAX_FILES};
use crate::script::command_line;
use crate::session::{FileSource, Session};
use crate::timeline::Action;

/// The scenario of a dsim script: one [`Action::Command`] per command of the script (its
/// words quoted again with [`command_line`], its here-document or piped text as standard
/// input), the files its `-f` flags read from `files` put inline, and the position at the
/// end. The script is run once, in a fresh session, to learn which files it reads, so
/// this costs what `dsim run` costs.
pub fn from_script(text: &str, files: Box<dyn FileSource>) -> Result<Scenario, ShareError> {
    let commands = crate::script::parse_script(text).map_err(ShareError::Script)?;
    if commands.len() > MAX_ACTIONS {
        return Err(ShareError::TooManyActions {
            count: commands.len() as u64,
        });
    }
    let (recorder, recording) = files::recorder(files);
    let mut session = Session::new(Box::new(recorder));
    let mut actions = Vec::with_capacity(commands.len());
    for c in &commands {
        session.exec(&c.argv, c.stdin.as_deref());
        actions.push(Action::Command {
            line: command_line(&c.argv),
            stdin: c.stdin.clone(),
        });
    }
    let files = recording.files();
    if files.len() > MAX_FILES {
        return Err(ShareError::TooManyFiles { count: files.len() });
    }
    Ok(Scenario {
        files,
        position: actions.len(),
        actions,
        editor: None,
    })
}
