//! One module per subcommand, each with its argument struct and a `run`.

pub mod check;
pub mod completions;
pub mod diff;
pub mod due;
pub mod init;
pub mod schema;
pub mod status;

use std::io::Write;

/// Exit status: 0 clean, 1 findings at error level, 2 could not run.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_CANNOT_RUN: i32 = 2;

/// Writes to stdout; a closed pipe (`kh due | head`) is not an error worth a message.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') && !text.is_empty() {
        out.write_all(b"\n")?;
    }
    out.flush()
}
