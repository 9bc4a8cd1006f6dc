//! The template output formats of `kubectl get`: `-o jsonpath=…`, `-o go-template=…`
//! (or the template in `--template`) and `-o custom-columns=HEADER:PATH,…`.

use super::jsonpath::{self, JsonPath};
use super::{gotemplate, tabwriter, util};
use serde_json::Value as Json;

pub enum TemplateFormat {
    JsonPath { template: String, parsed: JsonPath },
    GoTemplate(String),
    CustomColumns(Vec<(String, JsonPath)>),
}

/// The template format `-o` names, if it names one; the error is kubectl's line (without
/// `error: `).
pub fn parse(output: &str, template_flag: Option<&str>) -> Option<Result<TemplateFormat, String>> {
    let (format, inline) = match output.split_once('=') {
        Some((f, t)) => (f, Some(t)),
        None => (output, None),
    };
    if !matches!(
        format,
        "jsonpath" | "go-template" | "template" | "custom-columns"
    ) {
        return None;
    }
    let template = inline.or(template_flag).unwrap_or("");
    Some(match format {
        "custom-columns" => custom_columns(template),
        _ if template.is_empty() => Err("template format specified but no template given".into()),
        "jsonpath" => jsonpath::parse(template)
            .map(|parsed| TemplateFormat::JsonPath {
                template: template.to_string(),
                parsed,
            })
            .map_err(|e| format!("error parsing jsonpath {template}, {e}")),
        _ => Ok(TemplateFormat::GoTemplate(template.to_string())),
    })
}

/// `NewCustomColumnsPrinterFromSpec`: each column's path is relaxed to `{.path}`.
fn custom_columns(spec: &str) -> Result<TemplateFormat, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".into());
    }
    let mut columns = Vec::new();
    for part in spec.split(',') {
        let Some((header, path)) = part.split_once(':') else {
            return Err(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            ));
        };
        let path = relaxed(path)?;
        let parsed =
            jsonpath::parse(&path).map_err(|e| format!("error parsing jsonpath {path}, {e}"))?;
        columns.push((header.to_string(), parsed));
    }
    Ok(TemplateFormat::CustomColumns(columns))
}

/// `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`.
fn relaxed(path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Ok(String::new());
    }
    let inner = path
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .unwrap_or(path);
    let inner = inner.strip_prefix('.').unwrap_or(inner);
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into());
    }
    Ok(format!("{{.{inner}}}"))
}

/// Prints `data` (one object, or a List of them) in the template format; the error is
/// kubectl's line (without `error: `).
pub fn print(format: &TemplateFormat, data: &Json, no_headers: bool) -> Result<String, String> {
    match format {
        TemplateFormat::JsonPath { template, parsed } => jsonpath::execute(parsed, data)
            .map_err(|e| {
                format!(
                    "error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n",
                    crate::validation::render::quote(template),
                    util::go_syntax(data)
                )
            }),
        TemplateFormat::GoTemplate(t) => gotemplate::render(t, data)
            .map_err(|e| e.strip_prefix("error: ").unwrap_or(&e).to_string()),
        TemplateFormat::CustomColumns(columns) => {
            let objects: Vec<&Json> = match data.get("items").and_then(Json::as_array) {
                Some(items) if data.get("kind").and_then(Json::as_str) == Some("List") => {
                    items.iter().collect()
                }
                _ => vec![data],
            };
            let mut text = String::new();
            if !no_headers {
                let headers: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
                text.push_str(&headers.join("\t"));
                text.push('\n');
            }
            for o in objects {
                let mut cells = Vec::new();
                for (_, path) in columns {
                    cells.push(column_value(path, o)?);
                }
                text.push_str(&cells.join("\t"));
                text.push('\n');
            }
            Ok(tabwriter::tabwrite(&text, 6, 3))
        }
    }
}

/// One cell: every value the path finds, joined by commas, or `<none>`.
fn column_value(path: &JsonPath, object: &Json) -> Result<String, String> {
    let values = jsonpath::values(path, object)?;
    if values.is_empty() {
        return Ok("<none>".into());
    }
    let shown: Vec<String> = values
        .iter()
        .map(|v| util::escape_terminal(&util::go_value(v)))
        .collect();
    Ok(shown.join(","))
}
