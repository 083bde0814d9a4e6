//! The git command line, for `kh check --changed` and for the cache: which
//! files changed since a revision, what they held then, whether git tracks
//! a path, and the blob id of each tracked file that is as git staged it. Every call is `git -C <repository root> …` with fixed
//! arguments; a revision the user gives is passed after `--end-of-options`
//! or as `<rev>^{commit}`, never as an option.

use crate::message::Usage;
use std::collections::{HashMap, HashSet};
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

/// Blob ids by path: tens of thousands of look-ups a run, with a hash
/// quicker than the default one (keys are git's paths, not an attacker's
/// to choose in bulk: a pull request's files are walked by kh first).
pub type Blobs = HashMap<OsString, Oid, Fast>;
/// The quick hash of kh's large maps of paths and ids.
pub type Fast = foldhash::fast::RandomState;

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
    pub blobs: Blobs,
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

/// The commit `kh check --changed` compares with: the one `rev` (a
/// branch, tag or commit) names, or, without one, the merge base with the
/// pull request's base branch in CI, else with the default branch. A folder
/// outside any git repository, or a revision that does not exist, is an
/// error: never an empty answer.
pub fn base(root: &Path, rev: Option<&str>) -> Result<String, Usage> {
    let shown = root.display().to_string();
    let inside = output(git(root).args(["rev-parse", "--is-inside-work-tree"]))?;
    if inside.map(line).as_deref() != Some("true") {
        return Err(Usage::NotAGitRepository { dir: shown });
    }
    match rev {
        Some(rev) => commit(root, rev)?.ok_or_else(|| Usage::NoSuchRevision {
            rev: crate::text::escape_controls(rev).into_owned(),
            dir: shown.clone(),
        }),
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
                })
        }
    }
}

/// What git says of the work tree of `root` against a commit, in three
/// commands run side by side: the paths that differ between the commit and
/// the index (`git diff --cached`, which reads no work tree), those whose
/// work-tree copy differs from the index (`git diff`, git's one pass over
/// the stat data of every tracked file, contents compared where the stat
/// data alone cannot tell), and the index (`git ls-files --stage`). Which
/// files git does not track is not asked of git (a second pass over the
/// work tree): kh walks its folders anyway, and `Compared::changes` takes
/// what it found.
pub struct Compared {
    base: String,
    staged: Vec<u8>,
    dirty: Vec<u8>,
    index: Vec<u8>,
    /// The entries of `index`, in the order of their paths' bytes.
    entries: Vec<Staged>,
    /// Git may convert files between the work tree and its objects
    /// (`conversions_possible`): no blob id stands for a file's bytes.
    convert: bool,
}

/// `Compared`, for the commit `base` (`base`), `dirs` being the folders of
/// the plans.
pub fn compare(root: &Path, base: &str, dirs: &[PathBuf]) -> Result<Compared, Usage> {
    // The paths a diff names, as they are, relative to `root`.
    const NAMES: [&str; 6] = [
        "--name-only",
        "-z",
        "--no-renames",
        "--relative",
        "--no-ext-diff",
        "--no-textconv",
    ];
    let mut staged = git(root);
    staged
        .args(["diff", "--cached"])
        .args(NAMES)
        .args([base, "--"]);
    // Never a write to the index (the refresh a plain `git diff` may save).
    let mut dirty = git(root);
    dirty
        .args(["--no-optional-locks", "diff"])
        .args(NAMES)
        .arg("--");
    let mut index = git(root);
    index.args(["ls-files", "--stage", "-v", "-z"]);
    let failed = |what: &str| Usage::GitUnavailable {
        problem: format!("git {what} did not finish"),
    };
    let (staged, dirty, index, convert) = std::thread::scope(|s| {
        let dirty = s.spawn(|| output(&mut dirty));
        let index = s.spawn(|| output(&mut index));
        let convert = s.spawn(|| conversions_possible(root, dirs));
        let staged = output(&mut staged);
        (staged, dirty.join(), index.join(), convert.join())
    });
    let staged = staged?.ok_or_else(|| Usage::NoSuchRevision {
        rev: base.to_string(),
        dir: root.display().to_string(),
    })?;
    let dirty = dirty
        .unwrap_or_else(|_| Err(failed("diff")))?
        .ok_or_else(|| failed("diff"))?;
    let index = index
        .unwrap_or_else(|_| Err(failed("ls-files")))?
        .ok_or_else(|| failed("ls-files"))?;
    let entries = entries(&index)?;
    Ok(Compared {
        base: base.to_string(),
        staged,
        dirty,
        index,
        entries,
        convert: convert.unwrap_or(true),
    })
}

/// What git's index says of the paths kh found (`Compared::changes`).
pub struct Staging {
    /// Of each path found, in the order given.
    pub seen: Vec<Seen>,
    /// Git tracks a file under the cache's folder.
    pub tracks_cache: bool,
}

/// What git's index says of one path kh found.
#[derive(Default, Clone, Copy)]
pub struct Seen {
    /// The blob id of a plan file whose work-tree copy git takes to be
    /// what it staged: a regular file, in no merge conflict, not marked
    /// assume-unchanged or skip-worktree, not changed by git's comparison
    /// of the work tree with its index, and no conversion possible. A
    /// lookup key only (`Listing::blobs`).
    pub oid: Option<Oid>,
    /// Changed since the base: new, or named by either diff.
    pub changed: bool,
}

/// One entry of `git ls-files --stage -v`, its path a range of the listing.
struct Staged {
    at: usize,
    len: usize,
    tag: u8,
    mode: [u8; 6],
    oid: Option<Oid>,
    stage: u8,
}

const SYMLINK: [u8; 6] = *b"120000";
const GITLINK: [u8; 6] = *b"160000";

/// The entries of a `git ls-files --stage -v -z` listing, sorted by path
/// (git lists them so: then only checked).
fn entries(listing: &[u8]) -> Result<Vec<Staged>, Usage> {
    // About 100 bytes an entry: `H 100644 <oid> 0\t<path>\0`.
    let mut entries = Vec::with_capacity(listing.len() / 64);
    for entry in split_bytes(listing) {
        let tab = memchr::memchr(b'\t', entry).ok_or_else(unreadable_index)?;
        let head = &entry[..tab];
        // `T MMMMMM <oid> S`: every field but the id has one width (a tag,
        // six octal digits, a stage), the id is what is left.
        let n = head.len();
        if n < 12 || head[1] != b' ' || head[8] != b' ' || head[n - 2] != b' ' {
            return Err(unreadable_index());
        }
        let mut mode = [0u8; 6];
        mode.copy_from_slice(&head[2..8]);
        // Where the path starts in the listing.
        let at = entry.as_ptr() as usize - listing.as_ptr() as usize + tab + 1;
        entries.push(Staged {
            at,
            len: entry.len() - tab - 1,
            tag: head[0],
            mode,
            oid: parse_oid(&head[9..n - 2]),
            stage: head[n - 1],
        });
    }
    let path = |e: &Staged| &listing[e.at..e.at + e.len];
    if !entries.is_sorted_by(|a, b| path(a) <= path(b)) {
        entries.sort_by(|a, b| path(a).cmp(path(b)));
    }
    Ok(entries)
}

impl Compared {
    /// The changes since the base, and the `Listing` of the index, given
    /// every path kh found in the folders it reads (`found`: plan and
    /// report files, kh.yaml, and the places its walks met a problem), as
    /// walked below `root`. A path found that git does not track is new;
    /// one that git tracks is changed when either diff names it. A path
    /// reached through a link that git tracks is changed when any link git
    /// tracks changed, or where it leads is new or changed; one below a
    /// submodule, when the submodule changed.
    pub fn changes(
        self,
        root: &Path,
        found: &[&Path],
        real: &(dyn Fn(&Path) -> Option<PathBuf> + Sync),
    ) -> Result<(Changes, Staging), Usage> {
        use std::os::unix::ffi::OsStrExt;
        let index = &self.index;
        let entries = &self.entries;
        let path_of = |e: &Staged| &index[e.at..e.at + e.len];
        let search = |rel: &[u8]| entries.binary_search_by(|e| path_of(e).cmp(rel)).ok();
        let lookup = |rel: &[u8]| search(rel).map(|n| &entries[n]);
        let dirty: HashSet<&[u8], Fast> = split_bytes(&self.dirty).collect();
        let changed: HashSet<&[u8], Fast> = dirty
            .iter()
            .copied()
            .chain(split_bytes(&self.staged))
            .collect();
        let links_changed = changed
            .iter()
            .any(|p| lookup(p).is_some_and(|e| e.mode == SYMLINK));
        let new = |rel: &[u8], path: &Path| -> bool {
            let of_link = || {
                links_changed
                    || real(path).is_none_or(|r| {
                        let r = r.as_os_str().as_bytes();
                        lookup(r).is_none() || changed.contains(r)
                    })
            };
            if let Some(e) = lookup(rel) {
                // Tracked as a file: either diff names it if it changed.
                return e.mode == SYMLINK && of_link();
            }
            // The nearest folder above it that git tracks as other than a
            // folder: a link, a submodule, or a file the work tree has
            // replaced by a folder.
            let mut above = rel;
            while let Some(slash) = above.iter().rposition(|b| *b == b'/') {
                above = &above[..slash];
                if let Some(e) = lookup(above) {
                    return match e.mode {
                        SYMLINK => of_link(),
                        GITLINK => changed.contains(above),
                        _ => true,
                    };
                }
            }
            // A folder (where a walk met a problem) with tracked files
            // below it is not new.
            let at = entries.partition_point(|e| path_of(e) < rel);
            !entries[at..]
                .first()
                .map(path_of)
                .is_some_and(|p| p.starts_with(rel) && p.get(rel.len()) == Some(&b'/'))
        };
        let mut paths: Vec<PathBuf> = changed
            .iter()
            .map(|p| PathBuf::from(std::ffi::OsStr::from_bytes(p)))
            .collect();
        paths.sort();
        // What the changed plan files held at the base, asked of git while
        // the paths found are looked up: a path git does not track was at
        // the base only if the index no longer has it, and then the diff
        // of the index with the base names it.
        let wanted: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        let base = &self.base;
        std::thread::scope(|s| {
            let before = s.spawn(|| contents_at(root, base, &wanted));
            let clean = |e: &Staged| {
                !self.convert
                    && e.tag == b'H'
                    && (e.mode == *b"100644" || e.mode == *b"100755")
                    && e.stage == b'0'
            };
            let mut seen = Vec::with_capacity(found.len());
            let mut new_paths: Vec<PathBuf> = Vec::new();
            // Where the last path found was in the index: the next one is
            // usually just after it.
            let mut cursor = 0;
            for path in found {
                let Some(rel) = relative(root, path) else {
                    seen.push(Seen::default());
                    continue;
                };
                let bytes = rel.as_os_str().as_bytes();
                let entry = match entries.get(cursor) {
                    Some(e) if path_of(e) == bytes => {
                        cursor += 1;
                        Some(e)
                    }
                    _ => search(bytes).map(|n| {
                        cursor = n + 1;
                        &entries[n]
                    }),
                };
                // The usual case, a file as git staged it, in one look-up.
                let new = match entry {
                    Some(e) if e.mode != SYMLINK => false,
                    _ => new(bytes, path),
                };
                let yaml = bytes.ends_with(b".yaml") || bytes.ends_with(b".yml");
                let oid = entry
                    .filter(|e| yaml && clean(e) && !dirty.contains(bytes))
                    .and_then(|e| e.oid);
                seen.push(Seen {
                    oid,
                    changed: new || changed.contains(bytes),
                });
                if new {
                    new_paths.push(rel.into_owned());
                }
            }
            let tracks_cache = entries.iter().map(path_of).any(|path| {
                path.starts_with(crate::cache::DIR.as_bytes())
                    && path.get(crate::cache::DIR.len()).is_none_or(|b| *b == b'/')
            });
            let before = before
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
            Ok((before, seen, new_paths, tracks_cache))
        })
        .map(|(before, seen, new_paths, tracks_cache)| {
            paths.extend(new_paths);
            paths.sort();
            paths.dedup();
            (
                Changes {
                    base: self.base.clone(),
                    paths,
                    before,
                },
                Staging { seen, tracks_cache },
            )
        })
    }
}

fn unreadable_index() -> Usage {
    Usage::GitUnavailable {
        problem: "git ls-files gave an index it could not be read from".into(),
    }
}

/// A path as walked below `root`, relative to it as git names it: no `.`
/// component; `None` outside it.
fn relative<'p>(root: &Path, path: &'p Path) -> Option<std::borrow::Cow<'p, Path>> {
    use std::path::Component;
    let rel = if root == Path::new(".") {
        path
    } else {
        path.strip_prefix(root).ok()?
    };
    // Asked of the bytes, for speed: a walk joins plain names.
    let b = rel.as_os_str().as_encoded_bytes();
    let odd = |seg: &[u8]| seg.is_empty() || seg == b"." || seg == b"..";
    let plain = !b.split(|c| *c == b'/').any(odd);
    if plain {
        return Some(std::borrow::Cow::Borrowed(rel));
    }
    let mut out = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(std::borrow::Cow::Owned(out))
}

/// The NUL-separated fields of a `-z` listing, none empty.
fn split_bytes(bytes: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let end = memchr::memchr(0, &bytes[at..]).map_or(bytes.len(), |n| at + n);
            let field = &bytes[at..end];
            at = end + 1;
            if !field.is_empty() {
                return Some(field);
            }
        }
        None
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
