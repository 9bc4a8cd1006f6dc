//! The template output formats when the engine is built without them (the browser app,
//! for its payload budget): `-o jsonpath=…` and the others are refused with a pointer to
//! dsim, which has them.

use serde_json::Value as Json;

pub enum TemplateFormat {}

pub fn parse(output: &str, _template_flag: Option<&str>) -> Option<Result<TemplateFormat, String>> {
    let format = output.split_once('=').map_or(output, |(f, _)| f);
    matches!(format, "jsonpath" | "go-template" | "template" | "custom-columns").then(|| {
        Err(format!(
            "-o {format} is left out of the browser playground to keep its download small; the dsim command-line runner has it"
        ))
    })
}

pub fn print(format: &TemplateFormat, _data: &Json, _no_headers: bool) -> Result<String, String> {
    match *format {}
}
