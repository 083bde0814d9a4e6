//! A progress bar on standard error for long runs: only when kh reads more
//! than a few thousand files and standard error is a terminal; never in a
//! pipe, a file or CI, where it would be noise in a log.

use std::io::IsTerminal;

/// How many files make a run long enough to show progress.
pub const MIN_FILES: usize = 3000;

/// Whether a bar may be drawn here: stderr is a terminal, not CI, not a dumb terminal.
pub fn wanted(len: usize) -> bool {
    len > MIN_FILES
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// A bar over `len` files, or a hidden one that costs nothing.
pub fn files(len: usize) -> indicatif::ProgressBar {
    if !wanted(len) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr_with_hz(8),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    #[test]
    fn few_files_never_show_a_bar() {
        assert!(!super::wanted(10));
        assert!(super::files(10).is_hidden());
    }
}
