//! The git command line, for `kh check --changed` and for the cache: which
//! files changed since a revision, what they held then, whether git tracks
//! a path, and the blob id of each tracked file that is as git staged it. Every call is `git -C <repository root> …` with fixed
//! arguments; a revision the user gives is passed after `--end-of-options`
//! or as `<rev>^{commit}`, never as an option.

use crate::message::Usage;
use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variables that name a pull request's base, in the order
/// they are asked: GitHub Actions (`pull_request` events), then GitLab merge
/// request pipelines.
const BASE_BRANCH_VARS: [&str; 2] = ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"];

fn git(root: &Path) -> Command {
    let mut c = Command::new("git");
    // No file system monitor hook: a folder's own .git/config must not make
    // `kh check` run a program.
    c.arg("-C").arg(root).args(["-c", "core.fsmonitor=false"]);
    // Never a pager, a prompt, or the user's external diff tools.
    c.env("GIT_PAGER", "cat")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_EXTERNAL_DIFF")
        .stdin(Stdio::null());
    c
}

/// Standard output of a git command that succeeded, `None` when it did not.
fn output(cmd: &mut Command) -> Result<Option<Vec<u8>>, Usage> {
    match cmd.stderr(Stdio::null()).output() {
        Ok(o) if o.status.success() => Ok(Some(o.stdout)),
        Ok(_) => Ok(None),
        Err(e) => Err(Usage::GitUnavailable {
            problem: crate::fs_guard::io_reason(&e),
        }),
    }
}

fn line(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim().to_string()
}

/// Whether git tracks any file at `rel` (a file or folder) in the work tree
/// of `root`; false when there is no git or no repository.
pub fn tracks_any(root: &Path, rel: &str) -> bool {
    let mut c = git(root);
    c.args(["ls-files", "-z", "--"]).arg(rel);
    matches!(output(&mut c), Ok(Some(out)) if !out.is_empty())
}

/// A git blob id (SHA-1).
pub type Oid = [u8; 20];

/// What git's index says of the files below a repository's root.
#[derive(Default)]
pub struct Listing {
    /// The blob id of each tracked file (by its path relative to the root)
    /// whose work-tree copy git takes to be what it staged: a regular file,
    /// in no merge conflict, not marked assume-unchanged or skip-worktree,
    /// and not changed by git's own comparison of the work tree with its
    /// index. Empty when git may convert files between the work tree and
    /// its objects (`conversions_possible`). A lookup key only: the cache
    /// keeps what kh parsed from bytes it read and hashed itself, under
    /// their own blob id.
    pub blobs: HashMap<OsString, Oid>,
    /// Git tracks a file under the cache's folder.
    pub tracks_cache: bool,
}

/// The `Listing` of the repository at `root` (`dirs`: the folders of its
/// plans), with one pass over the work tree's stat data (`git
/// diff-files`); `None` without git or a work tree.
pub fn clean_blobs(root: &Path, dirs: &[PathBuf]) -> Option<Listing> {
    let mut listing = staged(root, dirs)?;
    if listing.blobs.is_empty() {
        return Some(listing);
    }
    // Stat data compared strictly, whatever the repository's config says.
    let dirty = output(
        git(root)
            .args(["-c", "core.checkStat=default", "-c", "core.trustctime=true"])
            .args([
                "diff-files",
                "--name-only",
                "-z",
                "--relative",
                "--no-ext-diff",
            ]),
    )
    .ok()??;
    for p in split_z(&dirty) {
        listing.blobs.remove(p.as_os_str());
    }
    Some(listing)
}

/// `clean_blobs` for a run that has compared the work tree with `base`
/// already (`changes`), without a second pass over the work tree: a
/// tracked file that is in neither that comparison nor the index's (`git
/// diff --cached`) holds what `base` and the index hold.
pub fn blobs_unchanged(root: &Path, dirs: &[PathBuf], changes: &Changes) -> Option<Listing> {
    let mut listing = staged(root, dirs)?;
    if listing.blobs.is_empty() {
        return Some(listing);
    }
    let mut c = git(root);
    c.args([
        "diff",
        "--cached",
        "--name-only",
        "-z",
        "--no-renames",
        "--relative",
        "--no-ext-diff",
        &changes.base,
        "--",
    ]);
    let staged = output(&mut c).ok()??;
    for p in split_z(&staged).chain(changes.paths.iter().cloned()) {
        listing.blobs.remove(p.as_os_str());
    }
    Some(listing)
}

/// Git's index, read: the blob id of each tracked regular file below
/// `root`, in no conflict and with no flag that makes git skip its
/// work-tree copy.
fn staged(root: &Path, dirs: &[PathBuf]) -> Option<Listing> {
    use std::os::unix::ffi::OsStrExt;
    let listed = output(git(root).args(["ls-files", "--stage", "-v", "-z"])).ok()??;
    let convert = conversions_possible(root, dirs);
    let mut listing = Listing::default();
    for entry in listed.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        // `H 100644 <oid> 0\t<path>`
        let tab = entry.iter().position(|b| *b == b'\t')?;
        let (head, path) = (&entry[..tab], &entry[tab + 1..]);
        if path.starts_with(crate::cache::DIR.as_bytes())
            && path.get(crate::cache::DIR.len()).is_none_or(|b| *b == b'/')
        {
            listing.tracks_cache = true;
        }
        if convert {
            continue;
        }
        let mut fields = head.split(|b| *b == b' ');
        let (Some(tag), Some(mode), Some(oid), Some(stage)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return None;
        };
        let regular = mode == b"100644" || mode == b"100755";
        if tag != b"H" || !regular || stage != b"0" {
            continue;
        }
        listing.blobs.insert(
            std::ffi::OsStr::from_bytes(path).to_owned(),
            parse_oid(oid)?,
        );
    }
    Some(listing)
}

fn parse_oid(hex: &[u8]) -> Option<Oid> {
    if hex.len() != 40 {
        return None;
    }
    let mut oid = [0u8; 20];
    for (n, pair) in hex.chunks(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        oid[n] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
    }
    Some(oid)
}

/// Whether git could make the bytes on disk of a file below `dirs` differ
/// from its staged blob: end-of-line or filter settings, an attributes
/// file of the repository (`info/attributes`), the user's or the system's,
/// or a `.gitattributes` in any of `dirs` or the folders above them up to
/// the top of the work tree. (Below them, the walk looks: its dot files
/// are never read, but a `.gitattributes` is noted.) Asked broadly: a
/// false yes costs only speed.
fn conversions_possible(root: &Path, dirs: &[PathBuf]) -> bool {
    let mut c = git(root);
    c.args([
        "config",
        "-z",
        "--get-regexp",
        r"^(core\.(autocrlf|eol|attributesfile)|filter\..*)$",
    ]);
    match output(&mut c) {
        // Exit 1: no such key.
        Ok(None) => {}
        Ok(Some(out)) => {
            let only_off = out
                .split(|b| *b == 0)
                .filter(|e| !e.is_empty())
                .all(|e| e.eq_ignore_ascii_case(b"core.autocrlf\nfalse"));
            if !only_off {
                return true;
            }
        }
        Err(_) => return true,
    }
    let mut c = git(root);
    c.args([
        "rev-parse",
        "--show-toplevel",
        "--git-path",
        "info/attributes",
    ]);
    let Ok(Some(out)) = output(&mut c) else {
        return true;
    };
    let out = String::from_utf8_lossy(&out);
    let mut lines = out.lines();
    let (Some(top), Some(info)) = (lines.next(), lines.next()) else {
        return true;
    };
    let top = crate::repo::absolute(Path::new(top));
    let home = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    let mut files = vec![
        crate::repo::clean_join(root, info),
        PathBuf::from("/etc/gitattributes"),
    ];
    files.extend(home.map(|h| h.join("git/attributes")));
    for d in dirs {
        let d = crate::repo::absolute(d);
        if !d.starts_with(&top) {
            return true;
        }
        files.extend(
            d.ancestors()
                .take_while(|a| a.starts_with(&top))
                .map(|a| a.join(".gitattributes")),
        );
    }
    files.iter().any(|p| std::fs::symlink_metadata(p).is_ok())
}

/// What changed in the repository at `root` since a revision.
#[derive(Debug, Default)]
pub struct Changes {
    /// The commit compared with.
    pub base: String,
    /// Files changed, added, deleted or not yet tracked, relative to `root`.
    pub paths: Vec<PathBuf>,
    /// What each changed file that existed at `base` held then (plan files
    /// and catalogs only, each bounded): a deleted plan's id, a plan's former
    /// parents.
    pub before: Vec<(PathBuf, Vec<u8>)>,
}

/// The files changed since `rev` (a branch, tag or commit), or, without one,
/// since the merge base with the pull request's base branch in CI, else with
/// the default branch. The work tree is compared, uncommitted changes and
/// new files included. A folder outside any git repository, or a revision
/// that does not exist, is an error: never an empty answer.
pub fn changes(root: &Path, rev: Option<&str>) -> Result<Changes, Usage> {
    let shown = root.display().to_string();
    let inside = output(git(root).args(["rev-parse", "--is-inside-work-tree"]))?;
    if inside.map(line).as_deref() != Some("true") {
        return Err(Usage::NotAGitRepository { dir: shown });
    }
    let base = match rev {
        Some(rev) => commit(root, rev)?.ok_or_else(|| Usage::NoSuchRevision {
            rev: crate::text::escape_controls(rev).into_owned(),
            dir: shown.clone(),
        })?,
        None => {
            let branch =
                default_base(root)?.ok_or(Usage::NoDefaultBranch { dir: shown.clone() })?;
            let mut c = git(root);
            c.args(["merge-base", "HEAD", &branch]);
            output(&mut c)?
                .map(line)
                .filter(|s| !s.is_empty())
                .ok_or(Usage::NoMergeBase {
                    branch,
                    dir: shown.clone(),
                })?
        }
    };
    let mut paths = Vec::new();
    let mut c = git(root);
    c.args([
        "-c",
        "core.quotePath=false",
        "diff",
        "--name-only",
        "-z",
        "--no-renames",
        "--relative",
        "--no-ext-diff",
        "--no-textconv",
        &base,
        "--",
    ]);
    let mut u = git(root);
    u.args(["ls-files", "--others", "--exclude-standard", "-z"]);
    // Each a pass over the whole work tree: side by side.
    let (diffed, untracked) = std::thread::scope(|s| {
        let untracked = s.spawn(|| output(&mut u));
        let diffed = output(&mut c);
        (diffed, untracked.join())
    });
    let untracked = untracked.unwrap_or_else(|_| {
        Err(Usage::GitUnavailable {
            problem: "git ls-files did not finish".into(),
        })
    })?;
    let diffed = diffed?.ok_or_else(|| Usage::NoSuchRevision {
        rev: base.clone(),
        dir: shown.clone(),
    })?;
    paths.extend(split_z(&diffed));
    if let Some(untracked) = untracked {
        paths.extend(split_z(&untracked));
    }
    paths.sort();
    paths.dedup();
    let wanted: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    let before = contents_at(root, &base, &wanted)?;
    Ok(Changes {
        base,
        paths,
        before,
    })
}

/// The commit a revision names, if it names one.
fn commit(root: &Path, rev: &str) -> Result<Option<String>, Usage> {
    if rev.is_empty() || rev.starts_with('-') {
        return Ok(None);
    }
    let mut c = git(root);
    c.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"));
    Ok(output(&mut c)?.map(line).filter(|s| !s.is_empty()))
}

/// The branch to compare with when none is named: the pull request's base
/// in CI, else the remote's default branch, else main or master.
fn default_base(root: &Path) -> Result<Option<String>, Usage> {
    let mut candidates = Vec::new();
    for var in BASE_BRANCH_VARS {
        if let Ok(b) = std::env::var(var)
            && !b.trim().is_empty()
        {
            candidates.push(format!("origin/{}", b.trim()));
            candidates.push(b.trim().to_string());
        }
    }
    let mut c = git(root);
    c.args(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]);
    if let Some(head) = output(&mut c)?.map(line)
        && let Some(b) = head.strip_prefix("refs/remotes/")
    {
        candidates.push(b.to_string());
    }
    for b in ["main", "master", "origin/main", "origin/master"] {
        candidates.push(b.to_string());
    }
    for b in candidates {
        if commit(root, &b)?.is_some() {
            return Ok(Some(b));
        }
    }
    Ok(None)
}

fn split_z(bytes: &[u8]) -> impl Iterator<Item = PathBuf> + '_ {
    use std::os::unix::ffi::OsStrExt;
    bytes
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| PathBuf::from(std::ffi::OsStr::from_bytes(p)))
}

/// What each path held at `base`, through one `git cat-file --batch`; a
/// path absent then, or larger than a plan may be, is left out.
fn contents_at(
    root: &Path,
    base: &str,
    paths: &[&PathBuf],
) -> Result<Vec<(PathBuf, Vec<u8>)>, Usage> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut input = Vec::new();
    for p in paths {
        // `<rev>:./<path>` is relative to the folder git runs in.
        input.extend_from_slice(format!("{base}:./").as_bytes());
        input.extend_from_slice(p.as_os_str().as_encoded_bytes());
        input.push(b'\n');
    }
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Usage::GitUnavailable {
            problem: crate::fs_guard::io_reason(&e),
        })?;
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
    });
    // Read as it comes, each blob bounded: a huge file at `base` is
    // skipped, never held.
    let mut found = Vec::new();
    if let Some(out) = child.stdout.take() {
        let mut out = std::io::BufReader::new(out);
        for p in paths {
            let mut header = Vec::new();
            if std::io::BufRead::read_until(&mut out, b'\n', &mut header).unwrap_or(0) == 0 {
                break;
            }
            let header = String::from_utf8_lossy(&header).trim_end().to_string();
            let mut parts = header.split(' ');
            let (Some(_oid), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next())
            else {
                // `<object> missing`: not there at base.
                continue;
            };
            let Ok(size) = size.parse::<u64>() else {
                break;
            };
            let mut blob = Vec::new();
            if kind == "blob" && size <= crate::fs_guard::MAX_PLAN_BYTES {
                if (&mut out).take(size).read_to_end(&mut blob).is_err() {
                    break;
                }
                found.push(((*p).clone(), blob));
            } else if std::io::copy(&mut (&mut out).take(size), &mut std::io::sink()).is_err() {
                break;
            }
            // The newline after each object.
            let mut nl = [0u8; 1];
            if out.read_exact(&mut nl).is_err() {
                break;
            }
        }
    }
    let _ = writer.join();
    let _ = child.kill();
    let _ = child.wait();
    Ok(found)
}
