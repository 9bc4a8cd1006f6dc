//! kubectl's go-template printer (`kubectl get -o go-template=…`): the part of Go's
//! `text/template` that a template over a decoded object can use, kubectl's two extra
//! functions (`exists`, `base64decode`), and kubectl's error lines.
//!
//! The data is what kubectl hands the template engine: JSON decoded into
//! `map[string]interface{}`, integral numbers as `int64` and others as `float64`. A value
//! read out of a map or a slice keeps the static type `interface {}` until its pipeline
//! ends; Go's error messages (`can't evaluate field x in type interface {}`) and its
//! handling of `null` depend on that, so it is modelled too (`Val::Iface`).
//!
//! The lexer, parser and evaluator follow Go's `text/template` (Go 1.22+: `break`,
//! `continue`, newlines inside actions, `range` over integers) closely enough that error
//! messages and their positions match. Not supported: complex constants, hexadecimal
//! float literals, `%b`/`%x` of floats and `#` with float verbs, function values (`call`
//! always fails), and the sprig functions of the newest kubectl. Parse nesting, template
//! recursion, the work done and the output size are bounded.

mod ast;
mod escape;
mod exec;
mod float;
mod fmt;
mod funcs;
mod lex;
mod literal;
mod parse;
mod quote;
mod value;

#[cfg(test)]
mod tests;

use exec::execute;
use parse::parse;
use quote::quote;

/// Go's `strconv.Unquote`, which JSONPath's string literals use as well.
pub(super) use literal::unquote;

/// The name kubectl gives the template; every error mentions it.
const NAME: &str = "output";
/// Deepest nesting of blocks, or of parentheses, the parser accepts.
const MAX_PARSE_DEPTH: usize = 100;
/// Deepest `{{template}}` recursion (Go allows 100000, 1000 on wasm).
const MAX_TEMPLATE_DEPTH: usize = 100;
/// Deepest nesting of executing blocks, counted across template calls.
const MAX_EXEC_NESTING: usize = 200;
/// Most steps (actions, commands, range iterations) one execution may take.
const MAX_STEPS: u64 = 2_000_000;
/// Largest output, and largest string a function may return.
const MAX_OUTPUT: usize = 16 << 20;

/// Renders `template` over `data` as kubectl's go-template printer does (missing keys
/// print `<no value>`, kubectl's default --allow-missing-template-keys=true).
pub fn render(template: &str, data: &serde_json::Value) -> Result<String, String> {
    let set =
        parse(template).map_err(|e| format!("error: error parsing template {template}, {e}"))?;
    execute(&set, template, data).map_err(|e| {
        format!(
            "error: error executing template {}: {e}",
            quote(template, false)
        )
    })
}
