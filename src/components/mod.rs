//! The widgets; each takes plain props and reports user actions through callbacks.

pub mod board;
pub mod console;
pub mod editor;
pub mod inspector;
pub mod lesson;
pub mod node_tools;
pub mod output;
pub mod revisions;
pub mod share;
pub mod status;
pub mod timebar;

pub use board::{Board, Legend, Shared};
pub use console::Console;
pub use editor::Editor;
pub use inspector::Inspector;
pub use lesson::LessonPanel;
pub use node_tools::NodeTools;
pub use output::{ApplyOutput, OutputText};
pub use revisions::Revisions;
pub use share::SharePanel;
pub use status::DaemonSetStatus;
pub use timebar::Timebar;
