//! `kh check --changed`: which plans a change touches. A plan whose file
//! changed (as it is now, and as it was at the base: a plan deleted or
//! renumbered still has children), every plan below it (its descendants,
//! whose cascade it sets), and every plan above it (the ancestors of a
//! changed child); and any other changed file kh read (a report). A change
//! to kh.yaml or to a catalog can change any finding: everything is then
//! affected.

use crate::finding::FileId;
use crate::git::Changes;
use crate::repo::{Repo, absolute, absolute_in, clean_join, is_catalog};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The files whose findings `--changed` reports; `None`: every file.
pub fn affected(repo: &Repo, root: &Path, changes: &Changes) -> Option<HashSet<FileId>> {
    let settings = absolute(&clean_join(root, "kh.yaml"));
    let changed: Vec<PathBuf> = changes
        .paths
        .iter()
        .map(|p| absolute(&clean_join(root, &p.to_string_lossy())))
        .collect();
    if changed.iter().any(|p| *p == settings || is_catalog(p)) {
        return None;
    }
    let cwd = absolute(Path::new("."));
    let by_path: HashMap<PathBuf, FileId> = repo
        .files
        .iter()
        .enumerate()
        .map(|(n, p)| (absolute_in(&cwd, p), n))
        .collect();
    let mut files: HashSet<FileId> = changed
        .iter()
        .filter_map(|p| by_path.get(p))
        .copied()
        .collect();
    // Plans by id, every plan that claims one (a duplicate included).
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, e) in repo.plans.iter().enumerate() {
        by_id.entry(e.plan.id.as_str()).or_default().push(n);
        for p in &e.plan.parents {
            children.entry(p.as_str()).or_default().push(n);
        }
    }
    let mut seeds: Vec<String> = repo
        .plans
        .iter()
        .filter(|e| files.contains(&e.file))
        .map(|e| e.plan.id.clone())
        .collect();
    seeds.extend(
        repo.unreadable
            .iter()
            .filter(|(_, f)| files.contains(f))
            .map(|(id, _)| id.clone()),
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
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(id) = queue.pop() {
        if !visited.insert(id) {
            continue;
        }
        for &c in children.get(id).into_iter().flatten() {
            if seen.insert(c) {
                queue.push(repo.plans[c].plan.id.as_str());
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
        for &n in by_id.get(id).into_iter().flatten() {
            seen.insert(n);
            queue.extend(repo.plans[n].plan.parents.iter().map(String::as_str));
        }
    }
    files.extend(seen.into_iter().map(|n| repo.plans[n].file));
    Some(files)
}
