//! The state a reload restores: the editor text and everything that happened, as the
//! timeline's actions (replayed deterministically), plus a few view settings.

use engine::timeline::Action;
use serde::{Deserialize, Serialize};

/// Bump when the format changes; older saves are then ignored rather than misread.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub editor: String,
    pub actions: Vec<SavedAction>,
    pub position: usize,
    #[serde(default)]
    pub auto_apply: bool,
    #[serde(default = "one")]
    pub speed: f64,
    #[serde(default)]
    pub example: Option<String>,
    #[serde(default)]
    pub lesson: Option<super::lesson::SavedLesson>,
}

fn one() -> f64 {
    1.0
}

/// `["kubectl get ds"]`, `["kubectl apply -f -", "stdin…"]`, or `"step"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SavedAction {
    Step(StepTag),
    Command(Vec<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepTag {
    Step,
}

impl SavedAction {
    pub fn from_action(a: &Action) -> SavedAction {
        match a {
            Action::Step => SavedAction::Step(StepTag::Step),
            Action::Command { line, stdin } => {
                let mut v = vec![line.clone()];
                v.extend(stdin.clone());
                SavedAction::Command(v)
            }
        }
    }

    pub fn to_action(&self) -> Option<Action> {
        match self {
            SavedAction::Step(_) => Some(Action::Step),
            SavedAction::Command(v) => match v.as_slice() {
                [line] => Some(Action::Command {
                    line: line.clone(),
                    stdin: None,
                }),
                [line, stdin] => Some(Action::Command {
                    line: line.clone(),
                    stdin: Some(stdin.clone()),
                }),
                _ => None,
            },
        }
    }
}

pub fn encode(s: &Saved) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The saved state, or why it cannot be used.
pub fn decode(text: &str) -> Result<Saved, String> {
    let s: Saved =
        serde_json::from_str(text).map_err(|e| format!("the saved state is damaged ({e})"))?;
    if s.version != VERSION {
        return Err(format!(
            "the saved state has format {}, this version reads {VERSION}",
            s.version
        ));
    }
    if s.actions.iter().any(|a| a.to_action().is_none()) {
        return Err("the saved state has an action this version cannot read".into());
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_damage() {
        let s = Saved {
            version: VERSION,
            editor: "kind: DaemonSet\n".into(),
            actions: vec![
                SavedAction::from_action(&Action::Command {
                    line: "kubectl apply -f -".into(),
                    stdin: Some("x: 1\n".into()),
                }),
                SavedAction::from_action(&Action::Step),
            ],
            position: 1,
            auto_apply: true,
            speed: 4.0,
            example: None,
            lesson: None,
        };
        let text = encode(&s);
        assert!(
            text.contains(r#"["kubectl apply -f -","x: 1\n"],"step""#),
            "{text}"
        );
        assert_eq!(decode(&text), Ok(s));
        assert!(decode("{").unwrap_err().contains("damaged"));
        assert!(decode(&text.replace("\"version\":1", "\"version\":9"))
            .unwrap_err()
            .contains("format 9"));
        assert!(decode(&text.replace(r#""step""#, r#"["a","b","c"]"#)).is_err());
    }
}
