//! The memo of findings (issue 19): what `kh check` found about each plan
//! by its checks (against the catalog and its parents) and about each
//! report, kept in the cache (`verdicts.bin`) so that a warm run judges
//! again only what changed, and shows what it kept without reading any
//! file again.
//!
//! A verdict is found by a key of what it is of: the run's context (kh's
//! build and school calendar, the bytes of kh.yaml and of the catalogs,
//! where the repository and its reports are, as shown), the file's path as
//! shown and its bytes (a plan's SHA-256; a report's blob id, and the day
//! it is judged on). It holds only while every plan it depends on (a
//! plan's parents and the plans its targets bind; the plans a report's
//! rows name) is the same file, with the same bytes, and with or without
//! an error as it was; or, for an id that names no plan (a missing parent
//! with its "did you mean" drawn from every id), while the ids of the
//! repository and the files that claim it unreadably are the same. The
//! findings made while reading a file and those across plans (ids,
//! cycles) are made at every run.
//!
//! A verdict is kept placed and worded in every language, with the
//! severity its check gave: kh.yaml's severities and `--strict` apply at
//! each run. The file is the cache's own kind (`crate::cache`): whole,
//! digested, of one build and one repository, else ignored.

use crate::cache::{Cache, Hash};
use crate::render::Placed;
use crate::repo::{Entry, Kept, Repo};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

const FILE: &str = "verdicts.bin";
/// Its number in its header, beside the shards' and the blob index's.
const NUMBER: u32 = u32::MAX - 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct Verdict {
    /// Each plan depended on, by id, and the digest of what it was.
    deps: Vec<(String, Hash)>,
    found: Vec<Placed>,
    /// A plan's findings of its own content (`repo::of_content`), which
    /// depend on nothing but the key: shown for a plan not decoded.
    own: Vec<Placed>,
}

pub struct Memo {
    context: Hash,
    today: String,
    old: HashMap<Hash, Verdict>,
    /// Each plan of the repository by id, as a verdict depends on it.
    now: HashMap<String, Hash>,
    /// What an id that names no plan stands for: every id there is (the
    /// "did you mean" is drawn from them) and the files that claim an id
    /// without being readable plans.
    absent: HashMap<String, Hash>,
    ids: Hash,
    /// What this run keeps: verdicts carried over (`None`) or made now.
    next: Vec<(Hash, Option<Verdict>)>,
}

fn digest(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

fn shown(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

impl Memo {
    /// The memo of the repository `repo` (loaded with the cache, `kept`),
    /// for findings of `today`.
    pub fn open(kept: &Kept, repo: &Repo, today: chrono::NaiveDate) -> Memo {
        let context = context(kept, repo);
        let old = kept
            .cache
            .read_named(FILE, NUMBER)
            .and_then(|b| postcard::from_bytes::<Vec<(Hash, Verdict)>>(&b).ok())
            .map(|v| v.into_iter().collect())
            .unwrap_or_default();
        Memo {
            context,
            today: today.to_string(),
            old,
            now: HashMap::new(),
            absent: HashMap::new(),
            ids: [0; 32],
            next: Vec::new(),
        }
    }

    /// Takes each plan of the repository as a verdict depends on it: once
    /// every plan's errors are known.
    pub fn settle(&mut self, kept: &Kept, repo: &Repo) {
        self.now = repo
            .by_id
            .iter()
            .filter_map(|(id, &n)| {
                let file = repo.plans[n].file;
                let hash = (*kept.hashes.get(file)?)?;
                let errors = [repo.files_with_errors.contains(&file) as u8];
                let d = digest(&[id.as_bytes(), &shown(repo.path(file)), &hash, &errors]);
                Some((id.clone(), d))
            })
            .collect();
        let mut ids: Vec<&str> = repo.by_id.keys().map(String::as_str).collect();
        ids.sort_unstable();
        let ids: Vec<&[u8]> = ids.iter().map(|id| id.as_bytes()).collect();
        self.ids = digest(&ids);
        self.absent = repo
            .unreadable
            .iter()
            .map(|(id, &file)| {
                (
                    id.clone(),
                    digest(&[id.as_bytes(), &shown(repo.path(file))]),
                )
            })
            .collect();
    }

    /// What a verdict depends on of the plan `id`: the plan, or what stands
    /// for its absence.
    fn state(&self, id: &str) -> Hash {
        match self.now.get(id) {
            Some(d) => *d,
            None => {
                let unreadable = self.absent.get(id).map_or(&[0u8; 32], |d| d);
                digest(&[b"absent", id.as_bytes(), &self.ids, unreadable])
            }
        }
    }

    /// Whether a verdict is kept under `key`, holding or not.
    pub fn has(&self, key: &Hash) -> bool {
        self.old.contains_key(key)
    }

    /// The plans the verdict under `key` depends on.
    pub fn deps(&self, key: &Hash) -> impl Iterator<Item = &str> {
        self.old
            .get(key)
            .into_iter()
            .flat_map(|v| v.deps.iter().map(|(id, _)| id.as_str()))
    }

    /// The findings of a plan's own content kept under `key`.
    pub fn own(&self, key: &Hash) -> &[Placed] {
        self.old.get(key).map_or(&[], |v| &v.own[..])
    }

    /// The key of a plan's verdict: `None` when its bytes were not hashed.
    pub fn plan_key(&self, kept: &Kept, repo: &Repo, e: &Entry) -> Option<Hash> {
        let hash = (*kept.hashes.get(e.file)?)?;
        Some(digest(&[
            b"plan",
            &self.context,
            &shown(repo.path(e.file)),
            &hash,
        ]))
    }

    /// The key of a report's verdict: `None` unless git knows its bytes.
    pub fn report_key(&self, kept: &Kept, path: &Path) -> Option<Hash> {
        let oid = kept.oid(path)?;
        Some(digest(&[
            b"report",
            &self.context,
            &shown(path),
            &oid,
            self.today.as_bytes(),
        ]))
    }

    /// The verdict under `key`, if every plan it depends on is as it was.
    pub fn holding(&self, key: &Hash) -> Option<&[Placed]> {
        let v = self.old.get(key)?;
        v.deps
            .iter()
            .all(|(id, d)| self.state(id) == *d)
            .then_some(&v.found[..])
    }

    /// Keeps the verdict under `key` for the next run as it is.
    pub fn carry(&mut self, key: Hash) {
        self.next.push((key, None));
    }

    /// Keeps what was found now under `key`, depending on the plans
    /// `deps` (or on their absence).
    pub fn keep(
        &mut self,
        key: Hash,
        deps: &BTreeSet<String>,
        found: Vec<Placed>,
        own: Vec<Placed>,
    ) {
        let deps = deps.iter().map(|id| (id.clone(), self.state(id))).collect();
        self.next.push((key, Some(Verdict { deps, found, own })));
    }

    /// Writes what this run keeps, when it differs from what was kept.
    pub fn save(mut self, cache: &Cache) {
        self.next.sort_unstable_by_key(|e| e.0);
        self.next.dedup_by(|a, b| a.0 == b.0);
        let same = self.next.len() == self.old.len()
            && self
                .next
                .iter()
                .all(|(k, v)| v.is_none() && self.old.contains_key(k));
        if same {
            return;
        }
        let mut old = self.old;
        let list: Vec<(Hash, Verdict)> = self
            .next
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.or_else(|| old.remove(&k))?)))
            .collect();
        if let Ok(body) = postcard::to_allocvec(&list) {
            cache.write_named(FILE, NUMBER, list.len(), &body);
        }
    }
}

/// The plans a plan's checks depend on: its parents and the plans its
/// targets bind.
pub fn plan_deps(e: &Entry) -> BTreeSet<String> {
    let mut deps: BTreeSet<String> = e.plan.parents.iter().cloned().collect();
    for t in &e.plan.targets {
        for b in t.applies_to.iter().flatten() {
            if let crate::domain::Binding::Plan(id) = b {
                deps.insert(id.clone());
            }
        }
    }
    deps
}

/// What every verdict depends on: kh's build, kh.yaml's and the catalogs'
/// bytes, and where the repository and its reports are, as shown.
fn context(kept: &Kept, repo: &Repo) -> Hash {
    let mut parts: Vec<Vec<u8>> = vec![
        kept.cache.build().as_bytes().to_vec(),
        shown(&kept.root),
        repo.reports_dir.as_deref().map(shown).unwrap_or_default(),
        vec![repo.reports_required as u8, repo.partial as u8],
    ];
    let settings = crate::repo::clean_join(&kept.root, "kh.yaml");
    parts.push(
        repo.jails
            .first()
            .and_then(|j| crate::fs_guard::read(j, &settings, crate::fs_guard::MAX_PLAN_BYTES).ok())
            .unwrap_or_default(),
    );
    let mut catalogs: Vec<(Vec<u8>, Vec<u8>)> = (0..repo.files.len())
        .filter(|&f| crate::repo::is_catalog(repo.path(f)))
        .map(|f| (shown(repo.path(f)), repo.read_again(f).unwrap_or_default()))
        .collect();
    catalogs.sort();
    for (p, b) in catalogs {
        parts.push(p);
        parts.push(b);
    }
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    digest(&parts)
}
