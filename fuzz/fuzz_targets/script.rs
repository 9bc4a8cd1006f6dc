//! Any bytes, read as (lossy) UTF-8, through the shell-like script parser and the
//! one-line console parser: they must never panic or hang, and (as documented in
//! engine::script) a command's `text` parses again to the same command.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(cmds) = engine::script::parse_script(&text) {
        for c in &cmds {
            assert!(c.line >= 1);
            // `text` leaves out the here-document body, so only commands without one re-parse.
            if !c.text.contains("<<") {
                match engine::script::parse_line(&c.text) {
                    Ok(again) => {
                        assert_eq!(again.argv, c.argv, "text {:?} parsed again differs", c.text);
                        assert_eq!(
                            again.stdin, c.stdin,
                            "text {:?} parsed again differs",
                            c.text
                        );
                    }
                    Err(e) => panic!(
                        "text {:?} of a parsed command does not parse again: {e}",
                        c.text
                    ),
                }
            }
        }
    }
    if let Err(e) = engine::script::parse_line(&text) {
        let _ = e.to_string();
    }
});
