//! Finding and loading a plans repository: `kh.yaml` if present, else `plans/`
//! below the current directory, or the paths given on the command line.

use crate::domain::{Indicator, Plan};
use crate::finding::{At, FileId, Finding};
use crate::format::Settings;
use crate::load;
use crate::message::{Label, Message};
use crate::rules::Rule;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const CATALOG_FILE: &str = "indicators.yaml";

/// A plan and the file it came from.
#[derive(Debug)]
pub struct Entry {
    pub plan: Plan,
    pub file: FileId,
}

#[derive(Debug, Default)]
pub struct Repo {
    /// Files as the user sees them (relative to where kh was started when possible).
    pub files: Vec<PathBuf>,
    pub plans: Vec<Entry>,
    pub indicators: HashMap<String, Indicator>,
    pub catalog_file: Option<FileId>,
    /// Findings made while reading: syntax, schema, duplicate plan ids.
    pub findings: Vec<Finding>,
    /// Plan index by id (the first plan to claim an id).
    pub by_id: HashMap<String, usize>,
    pub settings: Settings,
    /// Where reports live, for `kh status`.
    pub reports_dir: Option<PathBuf>,
    /// Only some plans were read (`load_plans`): a reference to another plan is
    /// not a mistake.
    pub partial: bool,
}

impl Repo {
    pub fn plan(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|i| &self.plans[*i])
    }

    pub fn parent_of(&self, e: &Entry) -> Option<&Entry> {
        e.plan.parent.as_deref().and_then(|id| self.plan(id))
    }

    pub fn path(&self, file: FileId) -> &Path {
        &self.files[file]
    }
}

/// What to load: the roots to walk and the settings that apply.
pub struct Source {
    pub roots: Vec<PathBuf>,
    pub settings: Settings,
    pub reports_dir: Option<PathBuf>,
}

/// Where the repository is: explicit paths, else `kh.yaml` here or above, else `./plans`.
pub fn locate(paths: &[PathBuf]) -> Result<Source> {
    if !paths.is_empty() {
        let mut roots = Vec::new();
        let mut settings = None;
        let mut reports_dir = None;
        for p in paths {
            if !p.exists() {
                bail!("{}: no such file or directory", p.display());
            }
            // A directory that is itself a repository is read as one.
            if p.is_dir() && (p.join("kh.yaml").is_file() || p.join("plans").is_dir()) {
                let src = repository_at(p)?;
                roots.extend(src.roots);
                reports_dir = reports_dir.or(src.reports_dir);
                settings.get_or_insert(src.settings);
            } else {
                roots.push(p.clone());
            }
        }
        return Ok(Source {
            roots,
            settings: settings.unwrap_or_default(),
            reports_dir,
        });
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let mut dir = Some(cwd.as_path());
    while let Some(d) = dir {
        if d.join("kh.yaml").is_file() {
            let rel = pathdiff(d, &cwd);
            return repository_at(&rel);
        }
        dir = d.parent();
    }
    if cwd.join("plans").is_dir() {
        return repository_at(Path::new("."));
    }
    bail!(
        "no plans repository here: expected kh.yaml in this directory or above, or a plans/ directory, or paths on the command line"
    )
}

/// `lang:` of the kh.yaml found from here, if any; read before anything else
/// so that even argument errors speak the user's language.
pub fn settings_lang() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let dir = cwd.ancestors().find(|d| d.join("kh.yaml").is_file())?;
    let src = std::fs::read_to_string(dir.join("kh.yaml")).ok()?;
    crate::yaml::read::<Settings>(&src).ok()?.value.lang
}

fn pathdiff(dir: &Path, cwd: &Path) -> PathBuf {
    let mut up = PathBuf::new();
    let mut c = cwd;
    while c != dir {
        up.push("..");
        match c.parent() {
            Some(p) => c = p,
            None => return dir.to_path_buf(),
        }
    }
    if up.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        up
    }
}

fn clean_join(root: &Path, rel: &str) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

fn repository_at(root: &Path) -> Result<Source> {
    let settings_file = root.join("kh.yaml");
    let settings = if settings_file.is_file() {
        let src = std::fs::read_to_string(&settings_file)
            .with_context(|| format!("cannot read {}", settings_file.display()))?;
        if src.trim().is_empty() {
            Settings::default()
        } else {
            crate::yaml::read::<Settings>(&src)
                .map_err(|e| {
                    let at = e
                        .pos
                        .map(|p| format!(":{}:{}", p.line, p.col))
                        .unwrap_or_default();
                    anyhow::anyhow!("{}{at}: {}", settings_file.display(), e.message)
                })?
                .value
        }
    } else {
        Settings::default()
    };
    let plans = clean_join(root, settings.plans.as_deref().unwrap_or("plans"));
    if !plans.is_dir() {
        bail!("{}: plans directory not found", plans.display());
    }
    let reports = clean_join(root, settings.reports.as_deref().unwrap_or("reports"));
    Ok(Source {
        roots: vec![plans],
        reports_dir: Some(reports),
        settings,
    })
}

/// A file or directory that could not be read, and why.
pub type Problem = (PathBuf, Message);

/// Every YAML file below the roots, sorted, each once; symlink loops are not followed twice.
pub fn discover(roots: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Problem>)> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen_dirs = HashSet::new();
    for root in roots {
        if root.is_file() {
            files.push(root.clone());
            continue;
        }
        walk(root, &mut files, &mut problems, &mut seen_dirs);
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    if files.is_empty() && problems.is_empty() {
        for root in roots.iter().filter(|r| r.is_dir()) {
            problems.push((root.clone(), Message::NoPlanFiles));
        }
    }
    Ok((files, problems))
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    seen_dirs: &mut HashSet<PathBuf>,
) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen_dirs.insert(canonical) {
        problems.push((dir.to_path_buf(), Message::DirLoop));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push((
                dir.to_path_buf(),
                Message::CannotReadDir {
                    problem: (&e).into(),
                },
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, problems, seen_dirs);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            files.push(p);
        } else if !p.exists() {
            problems.push((p.clone(), Message::BrokenLink));
        }
    }
}

enum Loaded {
    Plan(Option<Box<Plan>>, Vec<Finding>),
    Catalog(Vec<Indicator>, Vec<Finding>),
}

/// Reads and parses every file in parallel, then indexes plans by id.
pub fn load(source: Source) -> Result<Repo> {
    let (files, problems) = discover(&source.roots)?;
    Ok(load_files(source, files, problems))
}

fn read_file(id: FileId, path: &Path) -> Loaded {
    let is_catalog = path.file_name().and_then(|n| n.to_str()) == Some(CATALOG_FILE);
    let unreadable =
        |m: Message| Loaded::Plan(None, vec![Finding::new(Rule::Unreadable, id, At::File, m)]);
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > load::MAX_FILE_BYTES {
        return unreadable(Message::TooLarge {
            bytes: size,
            limit: load::MAX_FILE_BYTES,
        });
    }
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(id, is_catalog, &bytes),
        Err(e) => unreadable(Message::CannotRead {
            problem: (&e).into(),
        }),
    }
}

fn load_files(source: Source, files: Vec<PathBuf>, problems: Vec<Problem>) -> Repo {
    let bar = crate::progress::files(files.len());
    let loaded: Vec<Loaded> = files
        .par_iter()
        .enumerate()
        .map(|(id, path)| {
            let l = read_file(id, path);
            bar.inc(1);
            l
        })
        .collect();
    bar.finish_and_clear();
    assemble(source, files, loaded, problems)
}

/// A repository of files already read; `loaded[n]` is the content of `files[n]`.
fn assemble(
    source: Source,
    files: Vec<PathBuf>,
    loaded: Vec<Loaded>,
    problems: Vec<Problem>,
) -> Repo {
    let mut repo = Repo {
        settings: source.settings,
        reports_dir: source.reports_dir,
        ..Repo::default()
    };
    repo.files = files;
    for (path, m) in problems {
        let id = repo.files.len();
        repo.files.push(path);
        repo.findings
            .push(Finding::new(Rule::Unreadable, id, At::File, m));
    }
    for (file, l) in loaded.into_iter().enumerate() {
        absorb(&mut repo, file, l);
    }
    index(&mut repo);
    repo
}

/// Only the named plans and their ancestors, found where their ids say
/// (`plans/<id>.yaml`), plus the catalog: asking about one plan of a national
/// repository costs reading a handful of files, not tens of thousands. When a
/// plan or an ancestor is not where its id says, the whole repository is read.
pub fn load_plans(source: Source, ids: &[String]) -> Result<Repo> {
    let [root] = source.roots.as_slice() else {
        return load(source);
    };
    if !root.is_dir() || ids.is_empty() {
        return load(source);
    }
    let mut files = Vec::new();
    let catalog = root.join(CATALOG_FILE);
    if catalog.is_file() {
        files.push(catalog);
    }
    // The chain of parents is followed through each file's `parent:` line, so
    // that the files can then be parsed together on all cores; the parsed
    // plans must agree with what the lines said, or the whole repository is read.
    let catalogs = files.len();
    // (id, the parent its line names, the file's bytes), in file order.
    let mut expected: Vec<(String, Option<String>, Vec<u8>)> = Vec::new();
    let mut want: Vec<String> = ids.to_vec();
    let mut seen = HashSet::new();
    while let Some(id) = want.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let path = root.join(format!("{id}.yaml"));
        // Unreadable or oversized: the full load reports it as it always does.
        let Ok(bytes) = std::fs::read(&path) else {
            return load(source);
        };
        if bytes.len() as u64 > load::MAX_FILE_BYTES {
            return load(source);
        }
        let parent = parent_line(&bytes);
        if let Some(p) = &parent {
            want.push(p.clone());
        }
        expected.push((id, parent, bytes));
        files.push(path);
    }
    // Each file is read once: plans are parsed from the bytes read above.
    let loaded: Vec<Loaded> = files
        .par_iter()
        .enumerate()
        .map(|(n, path)| match n.checked_sub(catalogs) {
            None => read_file(n, path),
            Some(k) => load_bytes(n, false, &expected[k].2),
        })
        .collect();
    let plans = loaded.iter().filter_map(|l| match l {
        Loaded::Plan(p, _) => Some(p.as_deref()),
        Loaded::Catalog(..) => None,
    });
    let agree = plans.clone().count() == expected.len()
        && plans
            .zip(&expected)
            .all(|(p, (id, parent, _))| p.is_some_and(|p| &p.id == id && &p.parent == parent));
    if !agree {
        return load(source);
    }
    let mut repo = assemble(source, files, loaded, Vec::new());
    repo.partial = true;
    Ok(repo)
}

/// The value of a top-level `parent:` line, as a plan file usually writes it
/// (plain or quoted, maybe with a comment); None when there is none.
fn parent_line(bytes: &[u8]) -> Option<String> {
    let src = std::str::from_utf8(bytes).ok()?;
    let line = src.lines().find_map(|l| l.strip_prefix("parent:"))?;
    let value = match line.find(" #") {
        Some(n) => &line[..n],
        None => line,
    };
    // A list of parents, `[a, b]`: the first is the one followed.
    let value = value.trim();
    let value = match value.strip_prefix('[') {
        Some(list) => list.trim_end().strip_suffix(']')?.split(',').next()?,
        None => value,
    };
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    (!value.is_empty()).then(|| value.to_string())
}

fn load_bytes(id: FileId, is_catalog: bool, bytes: &[u8]) -> Loaded {
    let src = match load::decode(id, bytes) {
        Ok(s) => s,
        Err(f) if is_catalog => return Loaded::Catalog(Vec::new(), vec![*f]),
        Err(f) => return Loaded::Plan(None, vec![*f]),
    };
    if is_catalog {
        let (list, f) = load::catalog(id, src);
        Loaded::Catalog(list, f)
    } else {
        let (plan, f) = load::plan(id, src);
        Loaded::Plan(plan.map(Box::new), f)
    }
}

fn absorb(repo: &mut Repo, file: FileId, loaded: Loaded) {
    match loaded {
        Loaded::Plan(plan, findings) => {
            repo.findings.extend(findings);
            if let Some(plan) = plan {
                repo.plans.push(Entry { plan: *plan, file });
            }
        }
        Loaded::Catalog(list, findings) => {
            repo.findings.extend(findings);
            repo.catalog_file.get_or_insert(file);
            for ind in list {
                repo.indicators.entry(ind.key.clone()).or_insert(ind);
            }
        }
    }
}

fn index(repo: &mut Repo) {
    for (n, e) in repo.plans.iter().enumerate() {
        match repo.by_id.get(&e.plan.id) {
            Some(first) => {
                let first = &repo.plans[*first];
                repo.findings.push(
                    Finding::new(
                        Rule::DuplicateId,
                        e.file,
                        At::Value(crate::yaml::path("id")),
                        Message::DuplicatePlanId {
                            id: e.plan.id.clone(),
                        },
                    )
                    .with_related(
                        first.file,
                        At::Value(crate::yaml::path("id")),
                        Label::FirstWithId,
                    ),
                );
            }
            None => {
                repo.by_id.insert(e.plan.id.clone(), n);
            }
        }
    }
}

/// A repository from in-memory files, for tests and benchmarks; files named
/// `indicators.yaml` are catalogs.
pub fn from_sources(sources: &[(&str, &str)]) -> Repo {
    let mut repo = Repo::default();
    for (id, (name, src)) in sources.iter().enumerate() {
        repo.files.push(PathBuf::from(name));
        let loaded = load_bytes(id, name.ends_with(CATALOG_FILE), src.as_bytes());
        absorb(&mut repo, id, loaded);
    }
    index(&mut repo);
    repo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_line_reads_the_top_level_parent_as_plans_write_it() {
        let cases: [(&str, Option<&str>); 7] = [
            (
                "id: a\nparent: ninh-binh/so-gddt-2026\n",
                Some("ninh-binh/so-gddt-2026"),
            ),
            ("parent: \"x/y\"  # Sở GDĐT\n", Some("x/y")),
            ("parent: 'x/y'\n", Some("x/y")),
            ("id: a\ntargets:\n  - parent: x\n", None),
            ("parent:\n", None),
            ("parent: [a/b, \"c/d\"]  # two\n", Some("a/b")),
            ("id: a\n", None),
        ];
        for (src, want) in cases {
            assert_eq!(parent_line(src.as_bytes()).as_deref(), want, "{src}");
        }
    }

    /// A `parent:` line that the line reader gets wrong must cost time, never
    /// a wrong answer: the whole repository is read instead.
    #[test]
    fn one_plan_load_falls_back_when_a_parent_line_misleads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plans = dir.path().join("plans");
        std::fs::create_dir_all(plans.join("t")).expect("plans dir");
        let plan = |id: &str, level: &str, parent: &str| {
            format!(
                "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: {level}\nissued: 2026-06\nperiod: 2026\n{parent}"
            )
        };
        std::fs::write(plans.join("t/so.yaml"), plan("t/so", "province", "")).expect("write");
        // A block scalar: the line says ">-", the YAML says t/so.
        let child = plan("t/xa", "commune", "parent: >-\n  t/so\n");
        std::fs::write(plans.join("t/xa.yaml"), child).expect("write");
        let source = locate(std::slice::from_ref(&plans)).expect("source");
        let repo = load_plans(source, &["t/xa".to_string()]).expect("repo");
        assert!(!repo.partial, "expected the whole repository to be read");
        assert_eq!(
            repo.plan("t/xa")
                .and_then(|e| e.plan.parent.clone())
                .as_deref(),
            Some("t/so")
        );
        assert!(repo.plan("t/so").is_some());
        // Written plainly, the same plan is read alone with its parent.
        let child = plan("t/xa", "commune", "parent: t/so\n");
        std::fs::write(plans.join("t/xa.yaml"), child).expect("write");
        let repo =
            load_plans(locate(&[plans]).expect("source"), &["t/xa".to_string()]).expect("repo");
        assert!(repo.partial);
        assert_eq!(repo.plans.len(), 2);
    }
}
