//! Flags before the command (`kubectl -n kube-system get pods`): kubectl finds the command
//! as cobra does, skipping flags and, for any flag that is not one of the root command's
//! booleans, the word after it; the flags then apply to the command as if written after
//! it. A word found that way that is no command is taken for a plugin's name, before
//! which kubectl allows no flags.

use crate::session::Output;

/// The root command's flags that take no value (kubectl's global flags and `--help`).
const ROOT_BOOLEANS: &[&str] = &[
    "insecure-skip-tls-verify",
    "match-server-version",
    "warnings-as-errors",
    "disable-compression",
    "help",
    "h",
];

/// `argv` (starting with `kubectl`) with the command first and the flags written before
/// it moved after its arguments (but before a `--`); or kubectl's error.
pub fn command_first(
    argv: &[String],
    is_command: impl Fn(&str) -> bool,
) -> Result<Vec<String>, Output> {
    if !argv.get(1).is_some_and(|a| a.starts_with('-') && a != "-") {
        return Ok(argv.to_vec());
    }
    let mut i = 1;
    let mut found = None;
    let mut missing_value = None;
    while let Some(word) = argv.get(i) {
        if word == "--" {
            break;
        }
        if !word.starts_with('-') || word == "-" {
            found = Some(i);
            break;
        }
        let takes_value = if let Some(long) = word.strip_prefix("--") {
            !long.contains('=') && !ROOT_BOOLEANS.contains(&long)
        } else {
            word.len() == 2 && !ROOT_BOOLEANS.contains(&&word[1..])
        };
        if takes_value {
            if argv.get(i + 1).is_none() {
                missing_value = Some(word.clone());
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    let first_flag = &argv[1];
    match found {
        Some(at) if is_command(&argv[at]) => {
            let end = argv[at..]
                .iter()
                .position(|a| a == "--")
                .map_or(argv.len(), |p| at + p);
            let mut out = vec![argv[0].clone(), argv[at].clone()];
            out.extend_from_slice(&argv[at + 1..end]);
            out.extend_from_slice(&argv[1..at]);
            out.extend_from_slice(&argv[end..]);
            Ok(out)
        }
        Some(_) => Err(Output::err(format!(
            "Error: flags cannot be placed before plugin name: {first_flag}\n"
        ))),
        None => match missing_value {
            Some(flag) => Err(Output::err(format!(
                "Error: flag needs an argument: {}\nSee 'kubectl --help' for usage.\n",
                match flag.strip_prefix("--") {
                    Some(_) => flag.clone(),
                    None => format!("'{}' in {flag}", &flag[1..]),
                }
            ))),
            None => Ok(vec![argv[0].clone()]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn first(s: &str) -> Result<String, String> {
        command_first(&argv(s), |c| ["get", "set", "exec", "version"].contains(&c))
            .map(|v| v.join(" "))
            .map_err(|o| o.stderr)
    }

    #[test]
    fn flags_before_the_command_apply_to_it() {
        assert_eq!(
            first("kubectl -n kube-system get ds"),
            Ok("kubectl get ds -n kube-system".into())
        );
        assert_eq!(
            first("kubectl --namespace=a -o yaml get ds x"),
            Ok("kubectl get ds x --namespace=a -o yaml".into())
        );
        assert_eq!(
            first("kubectl -n a set image ds/x c=i:2"),
            Ok("kubectl set image ds/x c=i:2 -n a".into())
        );
        assert_eq!(
            first("kubectl -n a exec p -- ls -l"),
            Ok("kubectl exec p -n a -- ls -l".into())
        );
        assert_eq!(
            first("kubectl --insecure-skip-tls-verify version"),
            Ok("kubectl version --insecure-skip-tls-verify".into())
        );
        assert_eq!(
            first("kubectl get -n a ds"),
            Ok("kubectl get -n a ds".into())
        );
    }

    #[test]
    fn kubectl_errors_for_flags_it_cannot_place() {
        // `-A` is no root flag: kubectl takes `get` for its value and `pods` for a plugin.
        assert_eq!(
            first("kubectl -A get pods"),
            Err("Error: flags cannot be placed before plugin name: -A\n".into())
        );
        assert_eq!(
            first("kubectl -n foo bogus"),
            Err("Error: flags cannot be placed before plugin name: -n\n".into())
        );
        assert_eq!(
            first("kubectl -n"),
            Err(
                "Error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n"
                    .into()
            )
        );
        assert_eq!(
            first("kubectl --namespace"),
            Err(
                "Error: flag needs an argument: --namespace\nSee 'kubectl --help' for usage.\n"
                    .into()
            )
        );
        assert_eq!(first("kubectl -n foo"), Ok("kubectl".into()));
    }
}
