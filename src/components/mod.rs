//! The widgets; each takes plain props and reports user actions through callbacks.

pub mod console;
pub mod editor;
pub mod output;

pub use console::Console;
pub use editor::Editor;
pub use output::{ApplyOutput, OutputText};
