//! Share links (`engine::share`): any input must decode to a scenario or to an error
//! that renders, quickly and without panicking; a decoded scenario must encode again to
//! a link that decodes to the same scenario, and must replay (with bounded work).
//!
//! The first byte picks the layer the rest goes to, so that mutations reach past the
//! checksum:
//! - `J`: the rest is the link's JSON, packed into a valid v1 link (the JSON reader, the
//!   limits, replay);
//! - `Z`: the rest is the zlib data, base64url-coded into a v1 link (the unpacker);
//! - `L`: the rest is the fragment as text; any other first byte: the whole input is.
//!
//! Replay is bounded here: at most 32 actions, and no `sleep` longer than an hour nor
//! `--timeout` flag (a link may legally ask for 30 days of simulated time, which over
//! crash-looping pods takes seconds; the app replays with `replay_with` and can stop).
#![no_main]

use engine::share::{testing, Scenario};
use engine::timeline::Action;
use libfuzzer_sys::fuzz_target;
use std::ops::ControlFlow;

const MAX_REPLAYED: usize = 32;
const MAX_SLEEP_MS: i64 = 3_600_000;

/// Whether replaying the action stays cheap (see the module documentation).
fn cheap(a: &Action) -> bool {
    let Action::Command { line, .. } = a else {
        return true;
    };
    let Ok(cmd) = engine::script::parse_line(line) else {
        return true;
    };
    if cmd.argv.iter().any(|w| w.contains("timeout")) {
        return false;
    }
    match cmd.argv.first().map(String::as_str) {
        Some("sleep") => {
            engine::session::parse_duration_args(&cmd.argv[1..]).is_ok_and(|ms| ms <= MAX_SLEEP_MS)
        }
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let fragment = match data.first() {
        Some(b'J') => testing::fragment_of_json(&data[1..]),
        Some(b'Z') => testing::fragment_of_packed(&data[1..]),
        Some(b'L') => String::from_utf8_lossy(&data[1..]).into_owned(),
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    let scenario = match Scenario::decode(&fragment) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    assert!(scenario.position <= scenario.actions.len());
    assert!(scenario.actions.len() <= engine::share::MAX_ACTIONS);
    // Every decoded scenario can be shared again, as the same scenario.
    if let Ok(again) = scenario.encode() {
        assert_eq!(Scenario::decode(&again).as_ref(), Ok(&scenario));
    }
    // Replay, bounded.
    let mut bounded = scenario.clone();
    bounded.actions.retain(cheap);
    bounded.actions.truncate(MAX_REPLAYED);
    bounded.position = bounded.position.min(bounded.actions.len());
    let mut applied = 0;
    let t = bounded.replay_with(|i, _| {
        assert_eq!(i, applied);
        applied += 1;
        ControlFlow::Continue(())
    });
    assert_eq!(applied, bounded.actions.len());
    assert_eq!(t.position(), bounded.position);
});
