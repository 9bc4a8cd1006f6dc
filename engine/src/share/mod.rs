//! Share links: a whole scenario (its files, the actions of its timeline and how many of
//! them have happened) packed into the fragment of a URL.
//!
//! # The format (version 1)
//!
//! A link's fragment (the part after `#`) is `v1.` followed by data:
//!
//! ```text
//! #v1.eNqlUz1PwzAQ_Ssns9atYEKW2BgRSxELYbgml8aKP6LYoaqq_nfObtOmpQMCJ4N1H...
//!  ^^ ^-- base64url without padding (A–Z a–z 0–9 - _) of
//!  |      zlib (DEFLATE with a 2-byte header and an Adler-32 checksum, which turns a
//!  |      damaged link into a clear error rather than a subtly different scenario) of
//!  |      UTF-8 JSON: an object with four optional members
//!  +----- the format version
//! ```
//!
//! - `"f"`: the files that `-f PATH` reads, as `{"path": "text"}` (see [`InlineFiles`]).
//! - `"a"`: the actions, in order. A string is a command line with no standard input, a
//!   two-string array `[line, stdin]` a command line with its standard input, and a
//!   positive integer `n` stands for `n` steps of the clock to its next event
//!   ([`Action::Step`]; a run of steps is written as one number).
//! - `"p"`: how many actions have happened (the current time of the timeline); the ones
//!   after it are there to step forward into. Missing: all of them.
//! - `"e"`: the text of the app's manifest editor, if the link carries it.
//!
//! Unknown members are refused, so a mistake does not go unseen. A link stores what
//! was *done* (files and commands), not the resulting state: it replays through the
//! engine, and the golden scripts pin the engine's behaviour. The version names the
//! format; a change to the format gets a new version and this decoder keeps reading
//! `v1`, so a link made today keeps opening. A link of a version this build does not
//! know is refused with a message that names both versions.
//!
//! # Limits
//!
//! Decoding never panics and its work is bounded by its input's length:
//!
//! - a fragment longer than [`MAX_LINK_CHARS`] is refused before anything else is done;
//! - unpacking stops at [`MAX_DATA_BYTES`] (a decompression bomb ends in milliseconds);
//! - at most [`MAX_ACTIONS`] actions (a run of steps counts as its length) and
//!   [`MAX_FILES`] files; every string is bounded by [`MAX_DATA_BYTES`]; JSON nesting is
//!   bounded by serde_json's recursion limit (128).
//!
//! Replaying runs the actions through a [`Session`](crate::session::Session), with its
//! limits: one `sleep` moves the clock at most 30 days, `rollout status` waits at most
//! 24 hours of simulated time without `--timeout` and 30 days with it, a manifest is at
//! most 4 MiB here (the link's limit). The cost of a replay is therefore bounded by
//! [`MAX_ACTIONS`] times the cost of the slowest command, which is the engine's: a
//! `sleep 30d` over 20 nodes of crash-looping pods takes about 10 s in a debug build,
//! so a hostile link of 10,000 of them would run for hours. [`Scenario::replay_with`]
//! calls back after every action so that the app can show progress and stop (at an
//! action's end; one command cannot be interrupted). Every action is applied once, the
//! ones after the position too (the [`Timeline`] records an action by applying it).

mod base64;
mod files;
mod script;

#[cfg(test)]
mod tests;

pub use files::InlineFiles;
pub use script::from_script;

use crate::script::ScriptError;
use crate::timeline::{Action, Report, Timeline};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::ControlFlow;

/// The format version this build writes (and the newest it reads).
pub const FORMAT_VERSION: u32 = 1;
/// The longest fragment accepted, in characters (256 KiB); longer ones are refused unread.
pub const MAX_LINK_CHARS: usize = 256 * 1024;
/// The most bytes a link's data may unpack to (4 MiB).
pub const MAX_DATA_BYTES: usize = 4 * 1024 * 1024;
/// The most actions a scenario may hold.
pub const MAX_ACTIONS: usize = 10_000;
/// The most files a scenario may hold.
pub const MAX_FILES: usize = 1_000;

/// A scenario as a link carries it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    /// What `-f PATH` reads, by path as the commands write it (see [`InlineFiles`]).
    pub files: BTreeMap<String, String>,
    /// Every action of the timeline, including those after [`Scenario::position`].
    pub actions: Vec<Action>,
    /// How many of the actions have happened (at most `actions.len()`).
    pub position: usize,
    /// The app's manifest editor text, if any.
    pub editor: Option<String>,
}

/// Why a link cannot be opened (or a scenario cannot become one). `Display` gives a
/// sentence for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is longer than [`MAX_LINK_CHARS`] (`chars` counts bytes; a link is ASCII).
    TooLong { chars: usize },
    /// The fragment does not start with `v<number>.`.
    NotALink,
    /// The fragment's format version is not one this build reads.
    UnknownVersion { version: String },
    /// A character outside base64url, at this 0-based index of the data (after `v1.`).
    NotBase64 { index: usize, found: char },
    /// The data is cut short or changed: the unpacker, the checksum, UTF-8 or JSON failed.
    Damaged { reason: String },
    /// The data unpacks to more than [`MAX_DATA_BYTES`].
    TooLarge,
    /// The JSON is well formed but not a scenario.
    Invalid { reason: String },
    /// More than [`MAX_ACTIONS`] actions (a run of steps counts as its length).
    TooManyActions { count: u64 },
    /// More than [`MAX_FILES`] files.
    TooManyFiles { count: usize },
    /// The position is past the last action.
    BadPosition { position: u64, actions: usize },
    /// The script given to [`from_script`] does not parse.
    Script(ScriptError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong { chars } => write!(
                f,
                "the link is too long: {chars} characters after '#' (the limit is {MAX_LINK_CHARS})"
            ),
            ShareError::NotALink => write!(
                f,
                "this is not a playground link: the part after '#' should start with 'v{FORMAT_VERSION}.'"
            ),
            ShareError::UnknownVersion { version } => {
                let newer = version
                    .parse::<u64>()
                    .is_ok_and(|v| v > u64::from(FORMAT_VERSION));
                write!(
                    f,
                    "the link is in format version {version}, which this version of the playground cannot read (it reads version {FORMAT_VERSION}){}",
                    if newer { "; the link was made by a newer playground" } else { "" }
                )
            }
            ShareError::NotBase64 { index, found } => write!(
                f,
                "the link is damaged: character {} of its data is {found:?}, and a link holds only A-Z, a-z, 0-9, '-' and '_' (was it cut or changed when copied?)",
                index + 1
            ),
            ShareError::Damaged { reason } => write!(
                f,
                "the link is damaged (was it cut short or changed when copied?): {reason}"
            ),
            ShareError::TooLarge => write!(
                f,
                "the link unpacks to more than {} MiB, the limit for a scenario",
                MAX_DATA_BYTES >> 20
            ),
            ShareError::Invalid { reason } => {
                write!(f, "the link does not hold a valid scenario: {reason}")
            }
            ShareError::TooManyActions { count } => write!(
                f,
                "the scenario has too many actions: {count} (the limit is {MAX_ACTIONS})"
            ),
            ShareError::TooManyFiles { count } => write!(
                f,
                "the scenario has too many files: {count} (the limit is {MAX_FILES})"
            ),
            ShareError::BadPosition { position, actions } => write!(
                f,
                "the link does not hold a valid scenario: its position {position} is past its last action ({actions} actions)"
            ),
            ShareError::Script(e) => write!(f, "the script does not parse: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

impl Scenario {
    /// The scenario of a timeline: its actions and position, with the files its
    /// commands read (the app's saved files) and the editor's text.
    pub fn from_timeline(
        t: &Timeline,
        files: BTreeMap<String, String>,
        editor: Option<String>,
    ) -> Scenario {
        Scenario {
            files,
            actions: t.actions().to_vec(),
            position: t.position(),
            editor,
        }
    }

    /// The fragment of a link (`v1.…`, to put after `#`). Fails only when the scenario
    /// breaks a limit (too many actions or files, too large, position past the end), so
    /// that every link made here also opens.
    pub fn encode(&self) -> Result<String, ShareError> {
        self.link_data()?.pack()
    }

    /// What [`Scenario::encode`] packs, checked against the limits; [`LinkData::finish`]
    /// makes the link of it once packed.
    pub fn link_data(&self) -> Result<LinkData, ShareError> {
        self.check()?;
        LinkData::new(format!("v{FORMAT_VERSION}."), self.to_json().to_string())
    }

    /// Reads a link's fragment: `v1.…`, with or without the leading `#`, surrounding
    /// whitespace ignored. Never panics; see the module documentation for the limits.
    pub fn decode(fragment: &str) -> Result<Scenario, ShareError> {
        // The length first, before any other work (in bytes: a link is ASCII).
        if fragment.len() > MAX_LINK_CHARS + 64 {
            return Err(ShareError::TooLong {
                chars: fragment.len(),
            });
        }
        let text = fragment.trim();
        let text = text.strip_prefix('#').unwrap_or(text);
        if text.len() > MAX_LINK_CHARS {
            return Err(ShareError::TooLong { chars: text.len() });
        }
        let (version, data) = split_version(text)?;
        if version != FORMAT_VERSION.to_string() {
            return Err(ShareError::UnknownVersion {
                version: version.to_string(),
            });
        }
        decode_v1(data)
    }

    /// The checks [`Scenario::decode`] makes, for a scenario built in code.
    fn check(&self) -> Result<(), ShareError> {
        if self.actions.len() > MAX_ACTIONS {
            return Err(ShareError::TooManyActions {
                count: self.actions.len() as u64,
            });
        }
        if self.files.len() > MAX_FILES {
            return Err(ShareError::TooManyFiles {
                count: self.files.len(),
            });
        }
        if self.position > self.actions.len() {
            return Err(ShareError::BadPosition {
                position: self.position as u64,
                actions: self.actions.len(),
            });
        }
        Ok(())
    }

    fn to_json(&self) -> Value {
        let mut actions = Vec::new();
        let mut steps = 0u64;
        for a in &self.actions {
            match a {
                Action::Step => steps += 1,
                Action::Command { line, stdin } => {
                    if steps > 0 {
                        actions.push(json!(steps));
                        steps = 0;
                    }
                    actions.push(match stdin {
                        None => json!(line),
                        Some(s) => json!([line, s]),
                    });
                }
            }
        }
        if steps > 0 {
            actions.push(json!(steps));
        }
        let mut m = Map::new();
        if !self.files.is_empty() {
            m.insert("f".into(), json!(self.files));
        }
        if !actions.is_empty() {
            m.insert("a".into(), Value::Array(actions));
        }
        if self.position != self.actions.len() {
            m.insert("p".into(), json!(self.position));
        }
        if let Some(e) = &self.editor {
            m.insert("e".into(), json!(e));
        }
        Value::Object(m)
    }

    /// The files as a [`FileSource`](crate::session::FileSource) for a session.
    pub fn file_source(&self) -> InlineFiles {
        InlineFiles::new(self.files.clone())
    }

    /// A timeline at [`Scenario::position`], its files served from the scenario. Every
    /// action is recorded; those after the position can be stepped into.
    pub fn replay(&self) -> Timeline {
        self.replay_with(|_, _| ControlFlow::Continue(()))
    }

    /// [`Scenario::replay`], calling `after(index, report)` after each action is applied
    /// (the actions after the position too: recording them applies them once). When it
    /// returns `Break`, the replay stops there: the timeline then holds the actions up to
    /// and including that one, at its end.
    pub fn replay_with(
        &self,
        mut after: impl FnMut(usize, &Report) -> ControlFlow<()>,
    ) -> Timeline {
        let mut t = Timeline::new(Box::new(self.file_source()));
        for (i, a) in self.actions.iter().enumerate() {
            let report = t.push(a.clone());
            if after(i, &report).is_break() {
                return t;
            }
        }
        t.seek(self.position.min(self.actions.len()));
        t
    }
}

/// Links built by hand, for tests and fuzzing: no limits are checked.
#[doc(hidden)]
pub mod testing {
    /// A v1 fragment whose data is `json` (any bytes), packed as [`super::Scenario::encode`] packs it.
    pub fn fragment_of_json(json: &[u8]) -> String {
        fragment_of_packed(&miniz_oxide::deflate::compress_to_vec_zlib(json, 10))
    }

    /// A v1 fragment whose data is `packed` (meant to be zlib, any bytes), base64url-coded.
    pub fn fragment_of_packed(packed: &[u8]) -> String {
        format!("v1.{}", super::base64::encode(packed))
    }
}

/// Splits `v<digits>.<data>`; the digits are returned as written (at most 9 of them).
fn split_version(text: &str) -> Result<(&str, &str), ShareError> {
    let rest = text.strip_prefix('v').ok_or(ShareError::NotALink)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 || rest.as_bytes().get(digits) != Some(&b'.') {
        return Err(ShareError::NotALink);
    }
    Ok((&rest[..digits], &rest[digits + 1..]))
}

/// base64url → zlib → UTF-8, within [`MAX_DATA_BYTES`].
fn unpack(data: &str) -> Result<String, ShareError> {
    let packed = base64::decode(data).map_err(|e| match e {
        base64::Base64Error::BadChar { index, found } => ShareError::NotBase64 { index, found },
        base64::Base64Error::Truncated => ShareError::Damaged {
            reason: "its data ends in the middle of a byte".into(),
        },
    })?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_DATA_BYTES)
        .map_err(|e| {
            use miniz_oxide::inflate::TINFLStatus;
            match e.status {
                TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                TINFLStatus::FailedCannotMakeProgress => ShareError::Damaged {
                    reason: "its data ends too soon".into(),
                },
                TINFLStatus::Adler32Mismatch => ShareError::Damaged {
                    reason: "its checksum does not match".into(),
                },
                _ => ShareError::Damaged {
                    reason: "its data cannot be unpacked".into(),
                },
            }
        })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| ShareError::Damaged {
        reason: "its data is not UTF-8 text".into(),
    })?;
    Ok(text.to_string())
}

fn decode_v1(data: &str) -> Result<Scenario, ShareError> {
    let text = unpack(data)?;
    let text = text.as_str();
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            ShareError::Invalid {
                reason: e.to_string(),
            }
        } else {
            ShareError::Damaged {
                reason: format!("its data is not JSON ({e})"),
            }
        }
    })?;
    let files = raw.files.unwrap_or_default();
    if files.count > MAX_FILES {
        return Err(ShareError::TooManyFiles { count: files.count });
    }
    let actions = raw.actions.unwrap_or_default();
    if actions.count > MAX_ACTIONS as u64 {
        return Err(ShareError::TooManyActions {
            count: actions.count,
        });
    }
    let position = match raw.position {
        None => actions.list.len(),
        Some(p) if p <= actions.list.len() as u64 => p as usize,
        Some(p) => {
            return Err(ShareError::BadPosition {
                position: p,
                actions: actions.list.len(),
            })
        }
    };
    Ok(Scenario {
        files: files.map,
        actions: actions.list,
        position,
        editor: raw.editor,
    })
}

/// The JSON object of a v1 link, read with bounded memory: past the limits, files and
/// actions are counted but not kept.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(rename = "f")]
    files: Option<Files>,
    #[serde(rename = "a")]
    actions: Option<Actions>,
    #[serde(rename = "p")]
    position: Option<u64>,
    #[serde(rename = "e")]
    editor: Option<String>,
}

#[derive(Default)]
struct Files {
    map: BTreeMap<String, String>,
    count: usize,
}

impl<'de> serde::Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Files;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of file paths and texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Files, A::Error> {
                let mut files = Files::default();
                while let Some(key) = m.next_key::<String>()? {
                    files.count += 1;
                    if files.count > MAX_FILES {
                        m.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    let text: String = m.next_value()?;
                    if files.map.insert(key.clone(), text).is_some() {
                        return Err(de::Error::custom(format!("file {key:?} appears twice")));
                    }
                }
                Ok(files)
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Default)]
struct Actions {
    list: Vec<Action>,
    /// How many actions the JSON describes (a run of steps counts as its length).
    count: u64,
}

/// One element of `"a"`: a command, or a run of steps.
enum Item {
    Command(Action),
    Steps(u64),
}

impl<'de> serde::Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an action: a command line, [command line, standard input] or a number of steps")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Item, E> {
                Ok(Item::Command(Action::Command {
                    line: s.to_string(),
                    stdin: None,
                }))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Item, E> {
                if n == 0 {
                    return Err(E::custom("a number of steps must be at least 1"));
                }
                Ok(Item::Steps(n))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Item, A::Error> {
                let wrong = || {
                    de::Error::custom("a command with input must be [command line, standard input]")
                };
                let line: String = s.next_element()?.ok_or_else(wrong)?;
                let stdin: String = s.next_element()?.ok_or_else(wrong)?;
                if s.next_element::<IgnoredAny>()?.is_some() {
                    return Err(wrong());
                }
                Ok(Item::Command(Action::Command {
                    line,
                    stdin: Some(stdin),
                }))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> serde::Deserialize<'de> for Actions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Actions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of actions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Actions, A::Error> {
                let mut actions = Actions::default();
                // Past the limit the actions are still read (to count them exactly) but
                // no longer kept.
                while let Some(item) = s.next_element::<Item>()? {
                    let n = match &item {
                        Item::Command(_) => 1,
                        Item::Steps(n) => *n,
                    };
                    actions.count = actions.count.saturating_add(n);
                    if actions.count <= MAX_ACTIONS as u64 {
                        match item {
                            Item::Command(a) => actions.list.push(a),
                            Item::Steps(n) => actions
                                .list
                                .extend(std::iter::repeat_n(Action::Step, n as usize)),
                        }
                    }
                }
                Ok(actions)
            }
        }
        d.deserialize_seq(V)
    }
}

/// The prefix of a lesson link's fragment: `#lesson.v1.…` carries a lesson's text.
pub const LESSON_PREFIX: &str = "lesson.v1.";

/// A lesson's text as a link fragment (`lesson.v1.…`, zlib and base64url as scenarios).
pub fn lesson_link(text: &str) -> Result<String, ShareError> {
    lesson_link_data(text)?.pack()
}

/// What [`lesson_link`] packs, checked against the limits.
pub fn lesson_link_data(text: &str) -> Result<LinkData, ShareError> {
    LinkData::new(LESSON_PREFIX.to_string(), text.to_string())
}

/// A link's text before packing, and the fragment's prefix (`v1.` or `lesson.v1.`).
///
/// A link's data is a zlib stream (RFC 1950). [`LinkData::pack`] makes it here; the
/// browser app has the browser make it (`CompressionStream("deflate")`), which keeps a
/// compressor out of its payload, and finishes the link with [`LinkData::finish`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkData {
    prefix: String,
    pub text: String,
}

impl LinkData {
    fn new(prefix: String, text: String) -> Result<LinkData, ShareError> {
        if text.len() > MAX_DATA_BYTES {
            return Err(ShareError::TooLarge);
        }
        Ok(LinkData { prefix, text })
    }

    /// The link's fragment, packed here.
    pub fn pack(&self) -> Result<String, ShareError> {
        self.finish(&miniz_oxide::deflate::compress_to_vec_zlib(
            self.text.as_bytes(),
            10,
        ))
    }

    /// The link's fragment from `packed`, the zlib stream of [`LinkData::text`]; fails if
    /// it would be longer than [`MAX_LINK_CHARS`].
    pub fn finish(&self, packed: &[u8]) -> Result<String, ShareError> {
        let link = format!("{}{}", self.prefix, base64::encode(packed));
        if link.len() > MAX_LINK_CHARS {
            return Err(ShareError::TooLong { chars: link.len() });
        }
        Ok(link)
    }
}

/// The lesson text of a `lesson.v1.…` fragment (with or without `#`), within the same
/// limits as scenario links.
pub fn lesson_from_link(fragment: &str) -> Result<String, ShareError> {
    if fragment.len() > MAX_LINK_CHARS + 64 {
        return Err(ShareError::TooLong {
            chars: fragment.len(),
        });
    }
    let text = fragment.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    let data = text
        .strip_prefix(LESSON_PREFIX)
        .ok_or(ShareError::NotALink)?;
    unpack(data)
}

#[cfg(test)]
mod lesson_link_tests {
    use super::*;

    #[test]
    fn lessons_travel_in_links_and_damage_is_reported() {
        let text = "# lesson: X\n# step: one\nkubectl get nodes\n";
        let link = lesson_link(text).unwrap();
        assert!(link.starts_with(LESSON_PREFIX));
        assert_eq!(lesson_from_link(&format!("#{link}")).unwrap(), text);
        let cut = &link[..link.len() - 4];
        assert!(matches!(
            lesson_from_link(cut),
            Err(ShareError::Damaged { .. })
        ));
        assert_eq!(lesson_from_link("v1.abc"), Err(ShareError::NotALink));
        let bomb = format!(
            "{LESSON_PREFIX}{}",
            base64::encode(&miniz_oxide::deflate::compress_to_vec_zlib(
                &vec![b'#'; MAX_DATA_BYTES + 10],
                10
            ))
        );
        assert_eq!(lesson_from_link(&bomb), Err(ShareError::TooLarge));
    }
}
