//! The timeline as a dsim script.

use super::{command_line, item, time_before, with_heredoc, Item};
use crate::api::time::human_duration;
use crate::session::MAX_SLEEP_MS;
use crate::timeline::Timeline;

/// `sleep` of `ms` simulated milliseconds, as seconds with up to three decimals; split
/// into several when longer than one `sleep` may be.
pub(crate) fn sleeps(ms: i64) -> Vec<String> {
    let mut out = Vec::new();
    let mut left = ms;
    while left > 0 {
        let part = left.min(MAX_SLEEP_MS);
        left -= part;
        out.push(if part % 1000 == 0 {
            format!("sleep {}", part / 1000)
        } else {
            format!("sleep {}.{:03}", part / 1000, part % 1000)
        });
    }
    out
}

/// Runs of consecutive clock steps in `t`'s actions up to its position, merged: for each
/// action index, Some(ms) on the first step of a run (the run's simulated time), None
/// elsewhere in the run.
pub(crate) fn step_runs(t: &Timeline) -> Vec<(usize, usize, i64)> {
    let actions = &t.actions()[..t.position()];
    let mut runs = Vec::new();
    let mut i = 0;
    while i < actions.len() {
        if item(&actions[i]) == Item::Step {
            let start = i;
            while i < actions.len() && item(&actions[i]) == Item::Step {
                i += 1;
            }
            let ms = t.times()[i - 1].0 - time_before(t, start).0;
            runs.push((start, i, ms));
        } else {
            i += 1;
        }
    }
    runs
}

/// Comment lines (`# text`) for each line of `text`.
pub(crate) fn comment(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n")).collect()
}

/// The timeline's actions up to its position as a script for `dsim run` (or the
/// browser's script runner): each command on its line, its standard input as a quoted
/// here-document, consecutive clock steps as one `sleep` of the simulated time they
/// took. Running it on a fresh cluster gives the timeline's state at its position.
pub fn scenario_script(t: &Timeline) -> String {
    let pos = t.position();
    let actions = &t.actions()[..pos];
    let end = if pos == 0 {
        super::start_time()
    } else {
        t.times()[pos - 1]
    };
    let commands = actions
        .iter()
        .filter(|a| matches!(item(a), Item::Command { .. }))
        .count();
    let mut out = String::new();
    out.push_str("# A DaemonSet Playground scenario, exported as a dsim script.\n");
    out.push_str(&format!(
        "# {commands} command(s); {} of simulated time. Run it with `dsim run FILE`\n",
        human_duration(end.0 - super::start_time().0)
    ));
    out.push_str(
        "# (kubectl commands run against a simulated cluster; `sleep` lets simulated time pass;\n\
         # the clock steps taken in the playground are written as `sleep`).\n",
    );
    let runs = step_runs(t);
    let mut i = 0;
    while i < actions.len() {
        if let Some(&(_, stop, ms)) = runs.iter().find(|r| r.0 == i) {
            let n = stop - i;
            if ms > 0 {
                out.push_str(&format!(
                    "# {n} clock step(s) of the playground: {} of simulated time\n",
                    human_duration(ms)
                ));
                for s in sleeps(ms) {
                    out.push_str(&s);
                    out.push('\n');
                }
            }
            i = stop;
            continue;
        }
        match item(&actions[i]) {
            Item::Command { argv, stdin } => {
                let line = command_line(&argv);
                match stdin {
                    Some(body) => out.push_str(&with_heredoc(&line, &body)),
                    None => {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
            }
            Item::Invalid { line, error } => {
                out.push_str(&format!("# not run ({error}):\n"));
                out.push_str(&comment(&line));
            }
            Item::Empty | Item::Step => {}
        }
        i += 1;
    }
    out
}
