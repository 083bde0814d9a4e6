//! Writing files without ever losing one, even in a directory others can
//! write to. The new content goes to a temporary file created exclusively
//! (O_EXCL, a random name, so a planted link is never followed) in the
//! target's directory, then is moved into place in one step: without
//! `--force` that step cannot replace a file, even one that appeared
//! meanwhile (a no-replace rename). The temporary file is removed on error
//! and on Ctrl-C. Only a regular file (or a link to one) is ever replaced:
//! a directory, FIFO or device given as the target is refused.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files not yet moved into place, removed if kh is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the pending temporary files on Ctrl-C or SIGTERM, then exits
/// 130. Installed once, the first time a file is written.
fn install_cleanup() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            remove_pending(None);
            std::process::exit(130);
        });
    });
}

/// Removes every temporary file not yet moved into place (what Ctrl-C does),
/// or only those in `dir`.
fn remove_pending(dir: Option<&Path>) {
    if let Ok(list) = PENDING.lock() {
        for p in list.iter().filter(|p| dir.is_none_or(|d| p.starts_with(d))) {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn pending(path: &Path, add: bool) {
    if let Ok(mut list) = PENDING.lock() {
        if add {
            list.push(path.to_path_buf());
        } else {
            list.retain(|p| p != path);
        }
    }
}

/// What stands at `path` now, refused unless it is nothing, a regular file
/// or a link (the link itself is replaced, never what it points to; a link
/// to a device is refused).
fn refuse_special(path: &Path) -> Result<bool> {
    let Ok(lstat) = std::fs::symlink_metadata(path) else {
        return Ok(false);
    };
    let meta = if lstat.file_type().is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) => m,
            // A dangling link: replaced by a regular file.
            Err(_) => return Ok(true),
        }
    } else {
        lstat
    };
    let t = meta.file_type();
    let what = if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        return Ok(true);
    };
    bail!(
        "{} is {what}, not a regular file: not written (give the path of a file)",
        path.display()
    )
}

pub fn write(path: &Path, content: &[u8], force: bool) -> Result<()> {
    let tmp = stage(path, content, force)?;
    commit(tmp, path, force)
}

/// As [`write`], with the content written by `fill` as it is made: a result
/// too long to hold (a national `kh due`) goes to the temporary file a
/// block at a time, and replaces `path` only once whole.
pub fn write_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let tmp = stage_by(path, force, true, |f| {
        let mut w = std::io::BufWriter::new(f);
        fill(&mut w)?;
        Ok(w.flush()?)
    })?;
    commit(tmp, path, force)
}

/// Replaces `path` whole, as `write` with `--force` does, without waiting
/// for the disk: for kh's cache, where a file lost in a crash is only a
/// miss (each cache file carries its own digest).
pub fn replace_unsynced(path: &Path, content: &[u8]) -> Result<()> {
    let tmp = stage_with(path, content, true, false)?;
    commit(tmp, path, true)
}

/// The content written and synced to a temporary file beside `path`.
pub fn stage(path: &Path, content: &[u8], force: bool) -> Result<tempfile::TempPath> {
    stage_with(path, content, force, true)
}

fn stage_with(path: &Path, content: &[u8], force: bool, sync: bool) -> Result<tempfile::TempPath> {
    stage_by(path, force, sync, |f| Ok(f.write_all(content)?))
}

fn stage_by(
    path: &Path,
    force: bool,
    sync: bool,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<tempfile::TempPath> {
    let exists = refuse_special(path)?;
    if exists && !force {
        bail!(
            "{} already exists: not overwritten (use --force to replace it)",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    install_cleanup();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("kh");
    let mut f = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".kh-tmp")
        // As File::create would: the umask decides.
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    pending(f.path(), true);
    let result = fill(f.as_file_mut())
        .and_then(|()| {
            if sync {
                f.as_file().sync_all()?;
            }
            Ok(())
        })
        .with_context(|| format!("cannot write {}", f.path().display()));
    let tmp = f.into_temp_path();
    if let Err(e) = result {
        pending(&tmp, false);
        // Dropping the TempPath removes the file.
        drop(tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// Moves a staged file into place: without `force`, never over a file,
/// even one created since `stage` looked.
pub fn commit(tmp: tempfile::TempPath, path: &Path, force: bool) -> Result<()> {
    let tmp_path = tmp.to_path_buf();
    let result = if force {
        refuse_special(path)?;
        tmp.persist(path).map_err(|e| (e.error, e.path))
    } else {
        tmp.persist_noclobber(path).map_err(|e| (e.error, e.path))
    };
    pending(&tmp_path, false);
    match result {
        Ok(()) => Ok(()),
        Err((e, tmp)) => {
            drop(tmp);
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                bail!(
                    "{} already exists: not overwritten (use --force to replace it)",
                    path.display()
                );
            }
            Err(e).with_context(|| format!("cannot replace {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.txt");
        write(&p, b"one", false).unwrap();
        let e = write(&p, b"two", false).unwrap_err().to_string();
        assert!(e.contains("already exists"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("kh.yaml");
        write(&p, b"old", false).unwrap();
        // A directory where the file should go is refused.
        let target = dir.path().join("sub");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("x"), b"x").unwrap();
        assert!(write(&target, b"new", true).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
    }

    /// A file that appears between the check and the final step is kept.
    #[test]
    fn the_final_step_never_replaces_a_file_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        let staged = stage(&p, b"mine", false).unwrap();
        std::fs::write(&p, b"theirs").unwrap();
        let e = commit(staged, &p, false).unwrap_err().to_string();
        assert!(e.contains("already exists"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"theirs");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the temporary file is removed");
    }

    /// What the Ctrl-C handler runs: the staged file goes, the target stays.
    #[test]
    fn an_interrupted_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        std::fs::write(&p, b"old").unwrap();
        let staged = stage(&p, b"new", true).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        remove_pending(Some(dir.path()));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        drop(staged);
    }

    #[test]
    fn a_fifo_is_refused_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pipe");
        // mkfifo(1) rather than libc: the crate forbids unsafe code.
        let made = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(made.success());
        let e = write(&p, b"x", true).unwrap_err().to_string();
        assert!(e.contains("a FIFO"), "{e}");
    }
}
