//! kh: Vietnamese education digital-transformation plans, checkable like code.
//!
//! The library holds everything; the `kh` binary only parses arguments and
//! calls `cmd::*::run`. Layers, from the inside out: `text` and `domain` (no
//! I/O), `format` and `yaml` and `load` (reading files), `repo` (a repository
//! of plans), `check` (the rules), `render` (output), `cmd` (subcommands).

pub mod agenda;
pub mod cache;
pub mod changed;
pub mod check;
pub mod cmd;
pub mod dashboard;
pub mod diff;
pub mod docx;
pub mod domain;
pub mod encoding;
pub mod finding;
pub mod format;
pub mod fs_guard;
pub mod git;
pub mod ics;
pub mod ids;
pub mod import;
pub mod intern;
pub mod load;
pub mod message;
pub mod messages;
pub mod progress;
pub mod render;
pub mod repo;
pub mod reports;
pub mod rules;
pub mod status;
pub mod table;
pub mod text;
pub mod ui;
pub mod verdicts;
pub mod write;
pub mod xlsx;
pub mod yaml;
