//! One module per subcommand, each with its argument struct and a `run`.

pub mod check;
pub mod completions;
pub mod dashboard;
pub mod diff;
pub mod due;
pub mod explain;
pub mod export;
pub mod import;
pub mod init;
pub mod new;
pub mod schema;
pub mod status;

use std::io::Write;

/// Exit status: 0 clean, 1 findings at error level, 2 could not run.
pub const EXIT_OK: i32 = 0;

/// Leaves a command's repository to the end of the process instead of
/// freeing it: the system takes the memory back at once, where freeing a
/// national repository's millions of strings one by one takes a second.
pub fn finished(repo: crate::repo::Repo) {
    std::mem::forget(repo);
}
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_CANNOT_RUN: i32 = 2;

/// Where `--output` sends results, and whether it may replace a file.
static OUTPUT: std::sync::OnceLock<(std::path::PathBuf, bool)> = std::sync::OnceLock::new();

/// Sends every command's results to a file instead of standard output.
pub fn output_to(path: std::path::PathBuf, force: bool) {
    let _ = OUTPUT.set((path, force));
}

/// The format asked for with `--format`, else the one the `-o` file's
/// extension names (`.csv`, `.json`, `.md`, `.xlsx`, `.ics`; `.txt` is the
/// table), else `default`: never chosen from the terminal.
pub fn format_or<F: clap::ValueEnum + Copy>(given: Option<F>, default: F) -> F {
    given
        .or_else(|| {
            let ext = output_extension()?;
            let name = match ext.as_str() {
                "md" => "markdown",
                "txt" => "table",
                e => e,
            };
            F::from_str(name, true).ok()
        })
        .unwrap_or(default)
}

/// Achieved values under the reports folder, for `kh status` and `kh due`.
/// Rows that cannot be read are reported on stderr, with their place, and
/// skipped; a folder asked for (`--reports`, `reports:`) that is not there
/// is `Err` with the exit status: never "no data" for every target.
pub fn read_reports(
    repo: &mut crate::repo::Repo,
    upto: chrono::NaiveDate,
    lang: crate::ui::Lang,
) -> Result<Vec<crate::reports::Measurement>, i32> {
    let before = repo.findings.len();
    let measurements = crate::reports::load(repo, upto);
    let skipped: Vec<_> = repo.findings[before..].to_vec();
    for f in crate::render::locate(repo, &skipped, lang) {
        eprintln!("{}", crate::render::line(&f));
    }
    if skipped
        .iter()
        .any(|f| f.rule == "unreadable" && f.at == crate::finding::At::File)
    {
        return Err(EXIT_CANNOT_RUN);
    }
    Ok(measurements)
}

/// The extension of the `-o` file, lower-case, if results go to one.
pub fn output_extension() -> Option<String> {
    let (path, _) = OUTPUT.get()?;
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
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

/// Writes a result too long to hold as it is made: `fill` writes it a part
/// at a time, to the `--output` file (replaced only once whole) or stdout.
/// What `fill` writes must end with a newline.
pub fn emit_with(fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    if let Some((path, force)) = OUTPUT.get() {
        return crate::write::write_with(path, *force, fill);
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    fill(&mut out)?;
    Ok(out.flush()?)
}

/// Writes a binary result (a workbook, a document) to the `--output` file,
/// through the same atomic writer; a terminal or pipe gets none.
pub fn emit_bytes(bytes: &[u8], lang: crate::ui::Lang) -> anyhow::Result<()> {
    match OUTPUT.get() {
        Some((path, force)) => crate::write::write(path, bytes, *force),
        None => anyhow::bail!(
            "{}",
            crate::messages::export_word(lang, crate::messages::ExportWord::NeedsOutput)
        ),
    }
}

/// The `--output` path, when one was given.
pub fn output_path() -> Option<&'static std::path::Path> {
    OUTPUT.get().map(|(p, _)| p.as_path())
}

/// Whether `--force` was given with `--output`.
pub fn output_force() -> bool {
    OUTPUT.get().is_some_and(|(_, f)| *f)
}

fn emit_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') && !text.is_empty() {
        out.write_all(b"\n")?;
    }
    out.flush()
}
