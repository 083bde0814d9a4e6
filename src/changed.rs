//! `kh check --changed`: which plans a change touches. A plan whose file
//! changed (as it is now, and as it was at the base: a plan deleted or
//! renumbered still has children), every plan below it (its descendants,
//! whose cascade it sets), and every plan above it (the ancestors of a
//! changed child); and any other changed file kh read (a report). A change
//! to kh.yaml or to a catalog can change any finding: everything is then
//! affected.

use crate::finding::FileId;
use crate::git::{Changes, Fast};
use crate::message::Usage;
use crate::repo::{Repo, Source, absolute, absolute_in, clean_join, is_catalog};
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The changes since `base` of the repository at `root` that `source`
/// reads: git's comparison (`crate::git::compare`) and kh's walks of its
/// folders, side by side.
pub fn changes(source: &Source, root: &Path, base: &str) -> Result<Changes, Usage> {
    let (compared, found) = std::thread::scope(|s| {
        let compared = s.spawn(|| crate::git::compare(root, base, &source.roots));
        let found = crate::repo::found(source, root);
        (compared.join(), found)
    });
    let compared = compared.unwrap_or_else(|e| std::panic::resume_unwind(e))?;
    let paths: Vec<&Path> = found.iter().map(PathBuf::as_path).collect();
    let real = crate::repo::real_in(source);
    Ok(compared.changes(root, &paths, &real)?.0)
}

/// Whether a change makes every finding of the repository at `root` (kh.yaml,
/// a catalog) or some report's (`reports`: its folder) one to report: the
/// whole repository is then loaded.
pub fn touches_everything(root: &Path, reports: Option<&Path>, changes: &Changes) -> bool {
    let settings = absolute(&clean_join(root, "kh.yaml"));
    let reports = reports.map(absolute);
    changes.paths.iter().any(|p| {
        let abs = absolute(&clean_join(root, &p.to_string_lossy()));
        abs == settings || is_catalog(&abs) || reports.as_ref().is_some_and(|r| abs.starts_with(r))
    })
}

/// Files by id, as `--changed` reports on them.
pub type Files = HashSet<FileId, Fast>;

/// The files whose findings `--changed` reports; `None`: every file.
pub fn affected(repo: &Repo, root: &Path, changes: &Changes) -> Option<Files> {
    let plans: Vec<(FileId, &str, &[String])> = repo
        .plans
        .iter()
        .map(|e| (e.file, e.plan.id.as_str(), e.plan.parents.as_slice()))
        .collect();
    let claimed = repo.unreadable.iter().map(|(id, f)| (id.as_str(), *f));
    let files: Vec<&Path> = repo.files.iter().map(PathBuf::as_path).collect();
    affected_among(&files, &plans, claimed, root, changes)
}

/// `affected`, of a repository seen by its plans' ids and parents alone
/// (`plans`: file, id, parents, in the repository's order) and by the ids
/// that files unreadable as plans claim (each id once, with the first file
/// to claim it), `files` being its files by id.
pub fn affected_among<'a>(
    files: &[&Path],
    plans: &[(FileId, &'a str, &'a [String])],
    claimed: impl Iterator<Item = (&'a str, FileId)>,
    root: &Path,
    changes: &Changes,
) -> Option<Files> {
    let settings = absolute(&clean_join(root, "kh.yaml"));
    let changed: HashSet<PathBuf> = changes
        .paths
        .iter()
        .map(|p| absolute(&clean_join(root, &p.to_string_lossy())))
        .collect();
    if changed.iter().any(|p| *p == settings || is_catalog(p)) {
        return None;
    }
    // A file is changed when its absolute path is; only the files of a
    // changed name are made absolute.
    let names: HashSet<&OsStr> = changed.iter().filter_map(|p| p.file_name()).collect();
    let cwd = absolute(Path::new("."));
    let mut files: Files = files
        .iter()
        .enumerate()
        .filter(|(_, p)| p.file_name().is_some_and(|n| names.contains(n)))
        .filter(|(_, p)| changed.contains(&absolute_in(&cwd, p)))
        .map(|(n, _)| n)
        .collect();
    // Plans by id, every plan that claims one (a duplicate included), and
    // by the ids they name as parents: the first of each in a map, the
    // others chained to it (tens of thousands of plans, no list for each).
    let mut by_id: HashMap<&str, u32, Fast> =
        HashMap::with_capacity_and_hasher(plans.len(), Fast::default());
    let mut same_id = vec![END; plans.len()];
    let mut children: HashMap<&str, u32, Fast> =
        HashMap::with_capacity_and_hasher(plans.len(), Fast::default());
    // (child, next edge to a child of the same parent)
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(plans.len());
    for (n, (_, id, parents)) in plans.iter().enumerate() {
        let n = n as u32;
        if let Some(next) = by_id.insert(id, n) {
            same_id[n as usize] = next;
        }
        for p in parents.iter() {
            let edge = edges.len() as u32;
            let next = children.insert(p.as_str(), edge).unwrap_or(END);
            edges.push((n, next));
        }
    }
    let mut seeds: Vec<String> = plans
        .iter()
        .filter(|(file, ..)| files.contains(file))
        .map(|(_, id, _)| id.to_string())
        .collect();
    seeds.extend(
        claimed
            .filter(|(_, f)| files.contains(f))
            .map(|(id, _)| id.to_string()),
    );
    let mut above: Vec<String> = Vec::new();
    for (_, bytes) in &changes.before {
        let Ok(src) = std::str::from_utf8(bytes) else {
            continue;
        };
        if let (Some(plan), _) = crate::load::plan(0, src) {
            seeds.push(plan.id);
            above.extend(plan.parents);
        }
    }
    // Descendants of each changed plan.
    let mut seen: HashSet<usize, Fast> = HashSet::default();
    let mut queue: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(id) = queue.pop() {
        if !visited.insert(id) {
            continue;
        }
        let first = children.get(id).copied().unwrap_or(END);
        for edge in chain(first, &|e| edges[e as usize].1) {
            let c = edges[edge as usize].0 as usize;
            if seen.insert(c) {
                queue.push(plans[c].1);
            }
        }
    }
    // Ancestors of each changed plan, as it is and as it was.
    let mut queue: Vec<&str> = seeds
        .iter()
        .chain(above.iter())
        .map(String::as_str)
        .collect();
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(id) = queue.pop() {
        if !visited.insert(id) {
            continue;
        }
        let first = by_id.get(id).copied().unwrap_or(END);
        for n in chain(first, &|n| same_id[n as usize]) {
            let n = n as usize;
            seen.insert(n);
            queue.extend(plans[n].2.iter().map(String::as_str));
        }
    }
    files.extend(seen.into_iter().map(|n| plans[n].0));
    Some(files)
}

/// The end of a chain of plans (`affected_among`).
const END: u32 = u32::MAX;

/// A chain from `at`, `next` giving the link after each, to `END`.
fn chain<'f>(mut at: u32, next: &'f dyn Fn(u32) -> u32) -> impl Iterator<Item = u32> + 'f {
    std::iter::from_fn(move || {
        (at != END).then(|| {
            let here = at;
            at = next(at);
            here
        })
    })
}
