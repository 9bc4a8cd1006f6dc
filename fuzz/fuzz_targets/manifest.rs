//! Any bytes, read as (lossy) UTF-8, through the manifest decoder: YAML/JSON parsing,
//! document splitting, `List`s, schema checks and typed decoding must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let docs = engine::manifest::decode_manifest(&text, "fuzz.yaml");
    // Every error must render (Display) without panicking, and positions stay in the input.
    // YAML breaks lines at LF, CRLF and a lone CR.
    let lines = text
        .replace("\r\n", "\n")
        .bytes()
        .filter(|b| matches!(b, b'\n' | b'\r'))
        .count() as u32
        + 1;
    for d in &docs {
        match d {
            Ok(obj) => {
                let _ = obj.object.meta();
                assert!(
                    obj.pos.line <= lines,
                    "object at line {} of a {lines}-line input",
                    obj.pos.line
                );
            }
            Err(e) => {
                let _ = e.to_string();
                assert!(
                    e.pos.line <= lines,
                    "error at line {} of a {lines}-line input: {e}",
                    e.pos.line
                );
            }
        }
    }
    // The YAML reader alone, on the whole stream.
    let _ = engine::yaml::parse_documents(&text);
});
