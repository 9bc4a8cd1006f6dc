//! The kubelet's shell model: any container script and exec probe (text split at the
//! first NUL) are followed over time without a panic, an overflow or a hang.
#![no_main]

use engine::controller::kubelet::shell::{exec_probe, script};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (body, probe) = text.split_once('\0').unwrap_or((&text, "cat /tmp/healthy"));
    let sh = |s: &str| vec!["sh".to_string(), "-c".to_string(), s.to_string()];
    let s = script(&sh(body));
    let mut at = 0;
    for _ in 0..64 {
        let files = s.files_at(at);
        let _ = exec_probe(&sh(probe), &files, 1);
        let _ = exec_probe(&probe.split(' ').map(String::from).collect::<Vec<_>>(), &files, 5);
        match s.next_change_after(at) {
            Some(t) => at = t,
            None => break,
        }
    }
});
