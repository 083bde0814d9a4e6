//! One module per subcommand, each with its argument struct and a `run`.

pub mod check;
pub mod completions;
pub mod diff;
pub mod due;
pub mod explain;
pub mod import;
pub mod init;
pub mod schema;
pub mod status;

use std::io::Write;

/// Exit status: 0 clean, 1 findings at error level, 2 could not run.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_CANNOT_RUN: i32 = 2;

/// Where `--output` sends results, and whether it may replace a file.
static OUTPUT: std::sync::OnceLock<(std::path::PathBuf, bool)> = std::sync::OnceLock::new();

/// Sends every command's results to a file instead of standard output.
pub fn output_to(path: std::path::PathBuf, force: bool) {
    let _ = OUTPUT.set((path, force));
}

/// The `--output` file, when there is one (`kh import` writes a second file beside it).
pub fn output_path() -> Option<&'static std::path::Path> {
    OUTPUT.get().map(|(p, _)| p.as_path())
}

/// Whether `--force` allows replacing the `--output` file (and the files beside it).
pub fn output_force() -> bool {
    OUTPUT.get().is_some_and(|(_, f)| *f)
}

/// Writes a command's results: to the `--output` file (whole, via a temporary
/// file, never replacing one without `--force`), else to stdout, where a closed
/// pipe (`kh due | head`) is not an error worth a message.
pub fn emit(text: &str) -> anyhow::Result<()> {
    if let Some((path, force)) = OUTPUT.get() {
        let mut text = text.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        return crate::write::write(path, text.as_bytes(), *force);
    }
    Ok(emit_stdout(text)?)
}

fn emit_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') && !text.is_empty() {
        out.write_all(b"\n")?;
    }
    out.flush()
}
