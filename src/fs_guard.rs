//! Reading a repository that may be hostile: every file kh reads comes through
//! here. A symbolic link is followed only when it resolves inside the
//! repository root, only regular files are opened (never a FIFO, device or
//! socket, so nothing can block or stream forever), and every read stops at a
//! limit. Errors are typed so each becomes its own located finding; none of
//! them carries the target of a link or a byte of what it points to.

use crate::message::Message;
use crate::rules::Rule;
use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Plans and catalogs: a few hundred lines each.
pub const MAX_PLAN_BYTES: u64 = 10 * 1024 * 1024;
/// Report CSVs: one file per plan or per quarter.
pub const MAX_CSV_BYTES: u64 = 32 * 1024 * 1024;
/// `kh.yaml`: a handful of settings.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;
/// Directories below a root: far more than any real layout.
pub const MAX_DEPTH: usize = 32;

/// What kind of thing stands where a file was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Directory,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

impl Kind {
    fn of(m: &Metadata) -> Kind {
        let t = m.file_type();
        if t.is_dir() {
            Kind::Directory
        } else if t.is_fifo() {
            Kind::Fifo
        } else if t.is_char_device() {
            Kind::CharDevice
        } else if t.is_block_device() {
            Kind::BlockDevice
        } else if t.is_socket() {
            Kind::Socket
        } else {
            Kind::Other
        }
    }
}

#[derive(Debug)]
pub enum GuardError {
    /// A symbolic link (this one or one on the way) resolves outside the root.
    LinkOutside,
    /// A symbolic link whose target does not exist.
    BrokenLink,
    /// Symbolic links that point at each other (ELOOP).
    LinkLoop,
    /// Not a regular file.
    NotAFile(Kind),
    /// Larger than `limit` bytes; `size` is what was seen (at least limit + 1).
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

/// What a file was read as, for the message that says it could not be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A file met by a walk, before it is known to be a plan or a report.
    TextFile,
    Plan,
    Catalog,
    Report,
    Settings,
    Directory,
}

impl GuardError {
    /// The rule of the finding this error becomes.
    pub fn rule(&self) -> Rule {
        match self {
            GuardError::LinkOutside => Rule::LinkOutside,
            GuardError::LinkLoop => Rule::LinkLoop,
            GuardError::NotAFile(_) => Rule::NotAFile,
            GuardError::TooLarge { .. } => Rule::TooLarge,
            GuardError::BrokenLink | GuardError::Io(_) => Rule::Unreadable,
        }
    }

    /// What the finding says, as data; `role` is what the file was read as.
    /// Never names a link's target.
    pub fn message(&self, role: Role) -> Message {
        match self {
            GuardError::LinkOutside => Message::LinkOutside,
            GuardError::BrokenLink => Message::BrokenLink,
            GuardError::LinkLoop => Message::LinkLoop,
            GuardError::NotAFile(kind) => Message::NotAFile {
                file_kind: *kind,
                role,
            },
            GuardError::TooLarge { size, limit } => Message::TooLarge {
                bytes: *size,
                limit: *limit,
                role,
            },
            GuardError::Io(e) => Message::CannotRead { problem: e.into() },
        }
    }
}

/// An I/O error's reason without the path std may add.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(_) => std::io::Error::from_raw_os_error(e.raw_os_error().unwrap_or(0))
            .to_string()
            .split(" (os error")
            .next()
            .unwrap_or("")
            .to_string(),
        None => e.to_string(),
    }
}

impl From<std::io::Error> for GuardError {
    fn from(e: std::io::Error) -> GuardError {
        match e.raw_os_error() {
            Some(libc::ELOOP) => GuardError::LinkLoop,
            _ => GuardError::Io(e),
        }
    }
}

/// The repository root that no read may leave.
#[derive(Debug, Clone)]
pub struct Jail {
    /// The root as the user sees it (relative to where kh was started).
    pub shown: PathBuf,
    /// The root with every link resolved.
    pub real: PathBuf,
}

impl Jail {
    pub fn new(shown: &Path) -> std::io::Result<Jail> {
        Ok(Jail {
            shown: shown.to_path_buf(),
            real: std::fs::canonicalize(shown)?,
        })
    }

    /// Whether a fully resolved path lies inside the root.
    pub fn holds(&self, real: &Path) -> bool {
        real.starts_with(&self.real)
    }

    /// Where `path` really is, every link on the way resolved, if that is
    /// inside the root.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, GuardError> {
        match std::fs::canonicalize(path) {
            Ok(real) if self.holds(&real) => Ok(real),
            Ok(_) => Err(GuardError::LinkOutside),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling link, or a link on the way to nowhere.
                match std::fs::symlink_metadata(path) {
                    Ok(m) if m.file_type().is_symlink() => Err(GuardError::BrokenLink),
                    _ => Err(GuardError::Io(e)),
                }
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// What a walk finds at a path, decided from `lstat` and, for a link, from
/// where it resolves; nothing is opened.
pub enum Entry {
    File(Metadata),
    Dir(Metadata),
}

/// Classifies `path` (found inside the jail: its parent directories were
/// checked already). A link resolving outside is an error; so is anything
/// but a directory or a regular file.
pub fn classify(jail: &Jail, path: &Path, lstat: Metadata) -> Result<Entry, GuardError> {
    let meta = if lstat.file_type().is_symlink() {
        let real = jail.resolve(path)?;
        std::fs::metadata(real)?
    } else {
        lstat
    };
    if meta.is_dir() {
        Ok(Entry::Dir(meta))
    } else if meta.is_file() {
        Ok(Entry::File(meta))
    } else {
        Err(GuardError::NotAFile(Kind::of(&meta)))
    }
}

/// Opens a path already known to be a regular file inside the jail, without
/// following a link at the last step, without blocking on a FIFO swapped in
/// meanwhile, and checks what was opened.
fn open_regular(path: &Path) -> Result<(File, Metadata), GuardError> {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let m = f.metadata()?;
    if !m.is_file() {
        return Err(GuardError::NotAFile(Kind::of(&m)));
    }
    Ok((f, m))
}

/// At most `limit` bytes of an open file; more is an error.
pub fn read_limited(r: impl Read, limit: u64) -> Result<Vec<u8>, GuardError> {
    let mut buf = Vec::new();
    r.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(GuardError::TooLarge {
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}

/// Reads a file inside the jail: links resolved and confined, the type
/// checked before opening, the size bounded.
pub fn read(jail: &Jail, path: &Path, limit: u64) -> Result<Vec<u8>, GuardError> {
    let real = jail.resolve(path)?;
    let meta = std::fs::symlink_metadata(&real)?;
    if !meta.is_file() {
        return Err(GuardError::NotAFile(Kind::of(&meta)));
    }
    read_checked(&real, meta.len(), limit)
}

/// Reads a file found by a walk whose directories were all checked: only the
/// last step may be a link, and `classify` said where it goes.
pub fn read_walked(jail: &Jail, path: &Path, limit: u64) -> Result<Vec<u8>, GuardError> {
    let lstat = std::fs::symlink_metadata(path)?;
    if lstat.file_type().is_symlink() {
        return read(jail, path, limit);
    }
    if !lstat.is_file() {
        return Err(GuardError::NotAFile(Kind::of(&lstat)));
    }
    read_checked(path, lstat.len(), limit)
}

fn read_checked(path: &Path, size: u64, limit: u64) -> Result<Vec<u8>, GuardError> {
    if size > limit {
        return Err(GuardError::TooLarge { size, limit });
    }
    let (f, m) = open_regular(path)?;
    if m.len() > limit {
        return Err(GuardError::TooLarge {
            size: m.len(),
            limit,
        });
    }
    read_limited(f, limit)
}

/// A directory's identity, to find loops however they are reached.
pub fn dir_id(m: &Metadata) -> (u64, u64) {
    (m.dev(), m.ino())
}

/// A walk's place: the directories visited, so that a loop is found the
/// first time it closes, and the depth below the root.
#[derive(Default)]
pub struct Visited {
    seen: std::collections::HashSet<(u64, u64)>,
    /// A `.gitattributes` was passed by (dot files are never walked): git
    /// may keep the files below it converted (`crate::git::clean_blobs`).
    pub attributes: bool,
}

impl Visited {
    /// False when the directory was visited already.
    pub fn first_time(&mut self, m: &Metadata) -> bool {
        self.seen.insert(dir_id(m))
    }
}

/// The problems a walk meets, each to become a finding of its own rule.
#[derive(Debug)]
pub struct Problem {
    pub path: PathBuf,
    pub rule: Rule,
    pub message: Message,
}

impl Problem {
    pub fn new(path: &Path, rule: Rule, message: Message) -> Problem {
        Problem {
            path: path.to_path_buf(),
            rule,
            message,
        }
    }

    pub fn from_error(path: &Path, e: &GuardError, role: Role) -> Problem {
        Problem::new(path, e.rule(), e.message(role))
    }

    pub fn loop_at(path: &Path) -> Problem {
        Problem::new(path, Rule::LinkLoop, Message::DirLoop)
    }

    pub fn too_deep(path: &Path) -> Problem {
        Problem::new(path, Rule::TooDeep, Message::TooDeep { max: MAX_DEPTH })
    }
}

/// Walks `dir` (inside `jail`), calling `keep` on each regular file name to
/// decide whether it is wanted; dot-files are skipped. Links are followed
/// only inside the jail, loops and excessive depth are reported once each.
pub fn walk(
    jail: &Jail,
    dir: &Path,
    keep: &dyn Fn(&str) -> bool,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    visited: &mut Visited,
) {
    // The root of a walk is resolved whole: a link anywhere on its path
    // (`sub/plans` with `sub` a link) must land inside the jail too.
    let meta = match jail.resolve(dir).and_then(|real| {
        let m = std::fs::metadata(real)?;
        if m.is_dir() {
            Ok(Entry::Dir(m))
        } else if m.is_file() {
            Ok(Entry::File(m))
        } else {
            Err(GuardError::NotAFile(Kind::of(&m)))
        }
    }) {
        Ok(Entry::Dir(m)) => m,
        // A file named on the command line is read whatever its name.
        Ok(Entry::File(_)) => {
            files.push(dir.to_path_buf());
            return;
        }
        Err(e) => {
            problems.push(Problem::from_error(dir, &e, Role::Directory));
            return;
        }
    };
    walk_dir(jail, dir, meta, 0, keep, files, problems, visited);
}

#[allow(clippy::too_many_arguments)]
fn walk_dir(
    jail: &Jail,
    dir: &Path,
    meta: Metadata,
    depth: usize,
    keep: &dyn Fn(&str) -> bool,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    visited: &mut Visited,
) {
    if !visited.first_time(&meta) {
        problems.push(Problem::loop_at(dir));
        return;
    }
    if depth > MAX_DEPTH {
        problems.push(Problem::too_deep(dir));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::new(
                dir,
                Rule::Unreadable,
                Message::CannotReadDir {
                    problem: (&e).into(),
                },
            ));
            return;
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    // Each name read once (a key per comparison would copy it each time).
    entries.sort_by_cached_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        // A name that is not UTF-8 is still walked or matched, shown lossily.
        let name = name.to_string_lossy();
        let name = name.as_ref();
        if name.starts_with('.') {
            visited.attributes |= name == ".gitattributes";
            continue;
        }
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        // Regular files not wanted are never even classified.
        if ft.is_file() {
            if keep(name) {
                files.push(path);
            }
            continue;
        }
        let lstat = match e.metadata() {
            Ok(m) => m,
            Err(_) => continue,
        };
        match classify(jail, &path, lstat) {
            Ok(Entry::Dir(m)) => {
                walk_dir(jail, &path, m, depth + 1, keep, files, problems, visited)
            }
            Ok(Entry::File(_)) => {
                if keep(name) {
                    files.push(path);
                }
            }
            // Special files and bad links matter only where a wanted file
            // could be: a FIFO named notes.txt is nobody's business.
            Err(err @ (GuardError::NotAFile(_) | GuardError::TooLarge { .. })) => {
                if keep(name) {
                    problems.push(Problem::from_error(&path, &err, Role::Plan));
                }
            }
            Err(err) => problems.push(Problem::from_error(&path, &err, Role::Plan)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_limit() {
        assert!(read_limited(&b"12345"[..], 5).is_ok());
        assert!(matches!(
            read_limited(&b"123456"[..], 5),
            Err(GuardError::TooLarge { size: 6, limit: 5 })
        ));
        // An endless reader costs limit + 1 bytes.
        assert!(matches!(
            read_limited(std::io::repeat(b'a'), 1000),
            Err(GuardError::TooLarge { .. })
        ));
    }

    #[test]
    fn links_outside_the_root_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("secret"), b"x").unwrap();
        std::fs::write(root.join("in.yaml"), b"y").unwrap();
        std::os::unix::fs::symlink("../secret", root.join("out.yaml")).unwrap();
        std::os::unix::fs::symlink("in.yaml", root.join("alias.yaml")).unwrap();
        std::os::unix::fs::symlink("nowhere", root.join("dangling.yaml")).unwrap();
        let jail = Jail::new(&root).unwrap();
        assert!(matches!(
            read(&jail, &root.join("out.yaml"), 10),
            Err(GuardError::LinkOutside)
        ));
        assert_eq!(read(&jail, &root.join("alias.yaml"), 10).unwrap(), b"y");
        assert!(matches!(
            read(&jail, &root.join("dangling.yaml"), 10),
            Err(GuardError::BrokenLink)
        ));
        assert!(matches!(
            read(&jail, &root.join("../secret"), 10),
            Err(GuardError::LinkOutside)
        ));
    }
}
