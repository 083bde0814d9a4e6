//! Finding and loading a plans repository: the nearest folder, from here up to
//! the top of the git work tree, with its own `kh.yaml` or `plans/`; or the
//! paths given on the command line. Every read goes through `fs_guard`, so
//! nothing outside the repository root is opened.

use crate::domain::{Indicator, Plan};
use crate::finding::{At, FileId, Finding};
use crate::format::Settings;
use crate::fs_guard::{self, GuardError, Jail, Problem};
use crate::message::{Label, Message};
use crate::rules::Rule;
use crate::{ids, load};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

pub const CATALOG_FILE: &str = "indicators.yaml";

/// A plan and the file it came from.
#[derive(Debug)]
pub struct Entry {
    /// Boxed: a plan is moved from its reader to the repository without
    /// copying it (tens of thousands, some hundred bytes each).
    pub plan: Box<Plan>,
    pub file: FileId,
}

#[derive(Debug, Default)]
pub struct Repo {
    /// Files as the user sees them (relative to where kh was started when possible).
    pub files: Vec<PathBuf>,
    pub plans: Vec<Entry>,
    pub indicators: HashMap<String, Indicator>,
    pub catalog_file: Option<FileId>,
    /// Where each catalog key was defined: file and place in `indicators:`.
    pub indicator_at: HashMap<String, (FileId, usize)>,
    /// Findings made while reading: syntax, schema, duplicate plan ids.
    pub findings: Vec<Finding>,
    /// Plan index by id (the first plan to claim an id).
    pub by_id: HashMap<String, usize, crate::git::Fast>,
    /// Ids claimed by plan files that could not be read as plans.
    pub unreadable: HashMap<String, FileId>,
    /// Files with an error, so that a child hears its parent's file is broken.
    pub files_with_errors: HashSet<FileId>,
    /// "Did you mean" for plan ids, built when first asked for.
    hints: std::sync::OnceLock<IdHints>,
    pub settings: Settings,
    /// Where reports live, for `kh status`.
    pub reports_dir: Option<PathBuf>,
    /// The reports location was asked for (kh.yaml or --reports): its absence
    /// is a finding, not "no data".
    pub reports_required: bool,
    /// Only some plans were read (`load_plans`): a reference to another plan is
    /// not a mistake.
    pub partial: bool,
    /// The roots no read may leave.
    pub jails: Vec<Jail>,
    /// The repository root, as shown in the summary.
    pub root: Option<PathBuf>,
    /// YAML files read (plans and catalogs), for the summary.
    pub files_read: usize,
    /// Files read in no repository's context: their plans are checked alone.
    pub alone: HashSet<FileId>,
    /// What to report on (`Source::scope`); empty: everything.
    pub scope: Vec<PathBuf>,
    /// Plans whose level, issue date or period could not be read, read for
    /// their own checks only: in no cascade, agenda or status.
    pub header_broken: Vec<Entry>,
}

impl Repo {
    /// Whether a file is one the user asked about: named on the command
    /// line or below a folder named there, or any file when none was named.
    pub fn in_scope(&self, file: FileId) -> bool {
        if self.scope.is_empty() {
            return true;
        }
        let Some(path) = self.files.get(file) else {
            return false;
        };
        let abs = absolute(path);
        self.scope.iter().any(|s| abs.starts_with(s))
    }

    /// The ids of the plans the user asked about by path, in file order;
    /// `None` when no path was named.
    pub fn scoped_plans(&self) -> Option<Vec<String>> {
        (!self.scope.is_empty()).then(|| {
            self.plans
                .iter()
                .filter(|e| self.in_scope(e.file))
                .map(|e| e.plan.id.clone())
                .collect()
        })
    }

    pub fn plan(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|i| &self.plans[*i])
    }

    /// The parents of a plan that are plans of this repository, in the
    /// order the plan names them.
    pub fn parents_of<'a>(&'a self, e: &'a Entry) -> impl Iterator<Item = &'a Entry> + 'a {
        e.plan.parents.iter().filter_map(|id| self.plan(id))
    }

    /// The plan id nearest to an unknown one (a typo, other case or
    /// diacritics), among the ids of its province.
    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        self.hints
            .get_or_init(|| IdHints::new(self.by_id.keys()))
            .nearest(id)
    }

    pub fn path(&self, file: FileId) -> &Path {
        &self.files[file]
    }

    /// A file read a second time (to place findings), through the same guard
    /// as the first: inside a root, a regular file, bounded.
    pub fn read_again(&self, file: FileId) -> Option<Vec<u8>> {
        let path = self.path(file);
        let jail = self.jails.iter().find(|j| j.resolve(path).is_ok())?;
        fs_guard::read(
            jail,
            path,
            fs_guard::MAX_CSV_BYTES.max(fs_guard::MAX_PLAN_BYTES),
        )
        .ok()
    }

    /// The jail a path given by the user (`--reports`) falls under: a root's
    /// if it is inside one, else its own.
    pub fn jail_for(&self, path: &Path) -> Option<Jail> {
        let abs = absolute(path);
        self.jails
            .iter()
            .find(|j| abs.starts_with(absolute(&j.shown)))
            .cloned()
            .or_else(|| Jail::new(path).ok())
    }
}

/// "Did you mean" for unknown plan ids without comparing every id with every
/// plan: ids are grouped by their first segment (the province), folded, and a
/// typo is looked for among the ids of the same group (at most a few
/// thousand); with a single group, a typo in the province itself is found too.
#[derive(Debug, Default)]
struct IdHints {
    groups: HashMap<String, Vec<String>>,
}

/// Candidates compared per lookup, at most.
const MAX_HINT_CANDIDATES: usize = 2000;

impl IdHints {
    fn new<'a>(ids: impl Iterator<Item = &'a String>) -> IdHints {
        let mut groups: HashMap<String, Vec<String>> = HashMap::new();
        for id in ids {
            groups.entry(head(id)).or_default().push(id.clone());
        }
        for g in groups.values_mut() {
            g.sort_unstable();
            g.truncate(MAX_HINT_CANDIDATES);
        }
        IdHints { groups }
    }

    fn nearest(&self, id: &str) -> Option<&str> {
        let group = self.groups.get(&head(id)).or_else(|| {
            (self.groups.len() == 1)
                .then(|| self.groups.values().next())
                .flatten()
        })?;
        crate::text::nearest(id, group.iter().map(String::as_str))
    }
}

/// An id's first segment, folded: its province.
fn head(id: &str) -> String {
    crate::text::fold(id.split('/').next().unwrap_or(""))
}

/// What to load: the roots to walk and the settings that apply.
pub struct Source {
    pub roots: Vec<PathBuf>,
    /// The jail of each root.
    pub jails: Vec<Jail>,
    pub settings: Settings,
    pub reports_dir: Option<PathBuf>,
    pub reports_required: bool,
    /// The repository root, for the summary.
    pub root: Option<PathBuf>,
    /// Whether each root is in no repository, read alone.
    pub alone: Vec<bool>,
    /// The paths named on the command line, absolute: only what concerns
    /// them is reported. Empty: everything.
    pub scope: Vec<PathBuf>,
}

impl Source {
    /// Reports read from `dir`, as asked on the command line: its absence is
    /// then a finding.
    pub fn set_reports(&mut self, dir: PathBuf) {
        self.reports_dir = Some(dir);
        self.reports_required = true;
    }
}

/// `path` made absolute without touching the file system: `.` and `..` are
/// resolved by name, as the user wrote them.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return absolute_in(Path::new("/"), path);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    absolute_in(&cwd, path)
}

/// `absolute`, from `cwd` (for many paths, asked once).
pub fn absolute_in(cwd: &Path, path: &Path) -> PathBuf {
    let joined = cwd.join(path);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// A folder is a repository when it has a `kh.yaml` (of any kind: a bad
/// one is reported, not skipped) or a `plans/` directory.
fn is_repository(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join("kh.yaml")).is_ok() || dir.join("plans").is_dir()
}

/// The nearest repository from `cwd` up, as git and cargo find theirs: the
/// first folder that is one wins, and the search stops at the top of the git
/// work tree (a folder with `.git`), so a `kh.yaml` above a checkout never
/// takes over.
pub fn find_root(cwd: &Path) -> Option<PathBuf> {
    for d in cwd.ancestors() {
        if is_repository(d) {
            return Some(d.to_path_buf());
        }
        if std::fs::symlink_metadata(d.join(".git")).is_ok() {
            return None;
        }
    }
    None
}

/// Where the repository is: explicit paths, else the nearest repository from here.
///
/// Paths named on the command line are read in the context of their own
/// repository (the nearest one from each path up, as without paths): its
/// settings, catalog, reports and every other plan are loaded, so that a file
/// is judged against its parents exactly as in a full check, and only what
/// concerns the named paths is reported (`Source::scope`). A path in no
/// repository is read alone, and its plans say so.
pub fn locate(paths: &[PathBuf]) -> Result<Source> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    if paths.is_empty() {
        return match find_root(&cwd) {
            Some(d) => repository_at(&shown_from(&d, &cwd)),
            None => bail!(
                "no plans repository here: expected kh.yaml or a plans/ directory in this directory or above (up to the top of the git work tree), or paths on the command line"
            ),
        };
    }
    // The repository of the paths, as found (absolute) and as loaded.
    let mut home: Option<(PathBuf, Source)> = None;
    let mut alone: Vec<(PathBuf, Jail)> = Vec::new();
    let mut scope = Vec::new();
    let mut whole = false;
    let here = find_root(&cwd);
    for p in paths {
        let Ok(meta) = std::fs::symlink_metadata(p) else {
            bail!("{}: no such file or directory", p.display());
        };
        let abs = absolute(p);
        let dir = if meta.is_dir() {
            abs.clone()
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        // Inside the repository found from here (by name), a repository of
        // its own must be inside it once links are resolved: a link to a
        // folder elsewhere is never a repository kh walks into.
        let root = match (find_root(&dir), &here) {
            (Some(r), Some(h)) if abs.starts_with(h) => {
                let inside = match (std::fs::canonicalize(&r), std::fs::canonicalize(h)) {
                    (Ok(a), Ok(b)) => a.starts_with(b),
                    _ => false,
                };
                Some(if inside { r } else { h.clone() })
            }
            (r, _) => r,
        };
        let Some(root) = root else {
            let own = if meta.is_dir() {
                p.clone()
            } else {
                match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                }
            };
            let jail = Jail::new(&own).with_context(|| format!("cannot read {}", own.display()))?;
            scope.push(abs);
            alone.push((p.clone(), jail));
            continue;
        };
        match &home {
            Some((r, _)) if *r != root => bail!(
                "{} and {} are in two repositories: run kh once in each",
                shown_from(r, &cwd).display(),
                shown_from(&root, &cwd).display()
            ),
            Some(_) => {}
            None => {
                let src = repository_at(&shown_from(&root, &cwd))?;
                home = Some((root.clone(), src));
            }
        }
        let Some((_, src)) = home.as_mut() else {
            continue;
        };
        // A file or folder outside the repository's plans folder (a draft
        // next to it) is read too, under the same jail.
        let inside_plans = src.roots.iter().any(|r| abs.starts_with(absolute(r)));
        let holds_plans = src.roots.iter().any(|r| absolute(r).starts_with(&abs));
        if !inside_plans && !holds_plans {
            src.roots.push(p.clone());
            src.jails.push(src.jails[0].clone());
            src.alone.push(false);
        }
        // A folder that holds the plans folder (the repository, or plans/
        // itself) asks about everything, reports included.
        if holds_plans || src.roots.iter().any(|r| absolute(r) == abs) {
            whole = true;
        } else {
            scope.push(abs);
        }
    }
    let mut src = match home {
        Some((_, src)) => src,
        None => Source {
            roots: Vec::new(),
            jails: Vec::new(),
            alone: Vec::new(),
            settings: Settings::default(),
            reports_dir: None,
            reports_required: false,
            root: None,
            scope: Vec::new(),
        },
    };
    for (p, jail) in alone {
        src.root = src.root.or(Some(jail.shown.clone()));
        src.roots.push(p);
        src.jails.push(jail);
        src.alone.push(true);
    }
    if !whole {
        src.scope = scope;
    }
    Ok(src)
}

/// A folder as the user can find it from `cwd`: relative below or above it,
/// else absolute.
fn shown_from(dir: &Path, cwd: &Path) -> PathBuf {
    if let Ok(rest) = dir.strip_prefix(cwd) {
        return if rest.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            rest.to_path_buf()
        };
    }
    pathdiff(dir, cwd)
}

/// `lang:` of the repository found from here, if any; read before anything
/// else so that even argument errors speak the user's language. Read through
/// the guard: a huge, endless or outside `kh.yaml` costs nothing here.
pub fn settings_lang() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let dir = find_root(&cwd)?;
    let jail = Jail::new(&dir).ok()?;
    let bytes = fs_guard::read(&jail, &dir.join("kh.yaml"), fs_guard::MAX_SETTINGS_BYTES).ok()?;
    let src = std::str::from_utf8(&bytes).ok()?;
    crate::yaml::read::<Settings>(src).ok()?.value.lang
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

pub(crate) fn clean_join(root: &Path, rel: &str) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

/// kh.yaml is read like a plan: a key kh does not know (`stric: true`) or a
/// language it does not speak would otherwise be silently ignored in CI.
fn check_settings(file: &Path, src: &str, read: &crate::yaml::Read<Settings>) -> Result<()> {
    use crate::message::Usage;
    let positions = crate::yaml::Positions::of(src);
    let at = |p: &[crate::yaml::Seg], key: bool| {
        let pos = if key {
            positions.key(p)
        } else {
            positions.value(p)
        };
        match pos {
            Some(pos) => format!("{}:{}:{}", file.display(), pos.line, pos.col),
            None => file.display().to_string(),
        }
    };
    let lang = crate::ui::Lang::current();
    if let Some(p) = read.unknown.first() {
        let key = match p.last() {
            Some(crate::yaml::Seg::Key(k)) => k.clone(),
            _ => crate::yaml::display_path(p),
        };
        let fields = match p.first() {
            Some(crate::yaml::Seg::Key(k)) if p.len() == 2 && k == "school_year" => {
                Some(crate::format::SCHOOL_YEAR_FIELDS)
            }
            _ if p.len() == 1 => Some(crate::format::SETTINGS_FIELDS),
            _ => None,
        };
        let nearest = fields.and_then(|fields| crate::text::nearest(&key, fields.iter().copied()));
        bail!(crate::messages::usage(
            lang,
            &Usage::UnknownSettingsKey {
                at: at(p, true),
                key: crate::text::escape_controls(&key).into_owned(),
                nearest,
            }
        ));
    }
    if let Some(l) = &read.value.lang {
        let folded = l.trim().to_lowercase();
        if !(folded.starts_with("vi") || folded.starts_with("en")) {
            bail!(crate::messages::usage(
                lang,
                &Usage::BadLangInSettings {
                    at: at(&crate::yaml::path("lang"), false),
                    found: crate::text::escape_controls(l).into_owned(),
                }
            ));
        }
    }
    if let Some(sy) = &read.value.school_year {
        let mut bounds = [None; 3];
        for (n, (key, value)) in [
            ("start", &sy.start),
            ("semester_one_end", &sy.semester_one_end),
            ("end", &sy.end),
        ]
        .into_iter()
        .enumerate()
        {
            let Some(v) = value else { continue };
            match crate::domain::school_year::day_month(v.as_str()) {
                Some(md) => bounds[n] = Some(md),
                None => bail!(crate::messages::usage(
                    lang,
                    &Usage::BadSchoolDayInSettings {
                        at: at(&crate::yaml::path(&format!("school_year.{key}")), false),
                        key,
                        found: crate::text::escape_controls(v.as_str()).into_owned(),
                    }
                )),
            }
        }
        crate::domain::school_year::SchoolCalendar::with_overrides(bounds[0], bounds[1], bounds[2])
            .configure();
    }
    Ok(())
}

/// A folder named in kh.yaml, if it stays inside the repository by name: not
/// absolute, no `..`.
fn inside_by_name(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.trim().is_empty()
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The settings of the repository at `root`, from its kh.yaml (defaults when
/// there is none), validated; and the folders of its plans and reports,
/// relative to `root` and inside it by name.
pub struct Layout {
    pub settings: Settings,
    pub plans: String,
    pub reports: String,
}

pub fn layout(root: &Path, jail: &Jail) -> Result<Layout> {
    let settings_file = clean_join(root, "kh.yaml");
    let settings = if std::fs::symlink_metadata(&settings_file).is_ok() {
        let bytes =
            fs_guard::read(jail, &settings_file, fs_guard::MAX_SETTINGS_BYTES).map_err(|e| {
                let m = e.message(fs_guard::Role::Settings);
                anyhow::anyhow!(
                    "{}: {}",
                    settings_file.display(),
                    crate::messages::message(crate::ui::Lang::current(), &m)
                )
            })?;
        let src = std::str::from_utf8(&bytes).map_err(|_| {
            anyhow::anyhow!(
                "{}: file is not UTF-8: save it as UTF-8",
                settings_file.display()
            )
        })?;
        if src.trim().is_empty() {
            Settings::default()
        } else {
            let read = crate::yaml::read::<Settings>(src).map_err(|e| {
                let at = e
                    .pos
                    .map(|p| format!(":{}:{}", p.line, p.col))
                    .unwrap_or_default();
                anyhow::anyhow!("{}{at}: {}", settings_file.display(), e.message)
            })?;
            check_settings(&settings_file, src, &read)?;
            read.value
        }
    } else {
        Settings::default()
    };
    // Paths in kh.yaml stay inside the repository by name; `repository_at`
    // checks them again once every link is resolved.
    let folder = |key: &str, value: Option<&str>, default: &str| -> Result<String> {
        let rel = value.unwrap_or(default);
        if !inside_by_name(rel) {
            bail!(
                "{}: `{key}: {}` is outside the repository: expected a folder inside it, such as {default}",
                settings_file.display(),
                crate::text::escape_controls(rel)
            );
        }
        Ok(rel.to_string())
    };
    Ok(Layout {
        plans: folder("plans", settings.plans.as_deref(), "plans")?,
        reports: folder("reports", settings.reports.as_deref(), "reports")?,
        settings,
    })
}

fn repository_at(root: &Path) -> Result<Source> {
    let jail = Jail::new(root).with_context(|| format!("cannot read {}", root.display()))?;
    let Layout {
        settings,
        plans,
        reports,
    } = layout(root, &jail)?;
    let plans = clean_join(root, &plans);
    match jail.resolve(&plans) {
        Err(GuardError::LinkOutside) => bail!(
            "{}: a symbolic link that points outside the repository; not followed",
            plans.display()
        ),
        Ok(real) if real.is_dir() => {}
        _ => bail!("{}: plans directory not found", plans.display()),
    }
    let reports = clean_join(root, &reports);
    let reports_required = settings.reports.is_some();
    Ok(Source {
        roots: vec![plans],
        jails: vec![jail.clone()],
        alone: vec![false],
        scope: Vec::new(),
        reports_dir: Some(reports),
        reports_required,
        settings,
        root: Some(root.to_path_buf()),
    })
}

/// Every YAML file below the roots, sorted, each once, with the jail (index
/// into `jails`) it was found under; and the problems met on the way.
pub fn discover(roots: &[PathBuf], jails: &[Jail]) -> (Vec<(PathBuf, usize)>, Vec<Problem>) {
    let (files, problems, _) = discover_noting(roots, jails);
    (files, problems)
}

/// `discover`, and whether a `.gitattributes` lies below the roots.
fn discover_noting(
    roots: &[PathBuf],
    jails: &[Jail],
) -> (Vec<(PathBuf, usize)>, Vec<Problem>, bool) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut visited = fs_guard::Visited::default();
    let mut seen_roots = HashSet::new();
    let yaml = |name: &str| name.ends_with(".yaml") || name.ends_with(".yml");
    for (root, jail) in roots.iter().zip(0..) {
        // The same root named twice is read once.
        if let Ok(real) = std::fs::canonicalize(root)
            && !seen_roots.insert(real)
        {
            continue;
        }
        let mut found = Vec::new();
        fs_guard::walk(
            &jails[jail],
            root,
            &yaml,
            &mut found,
            &mut problems,
            &mut visited,
        );
        files.extend(found.into_iter().map(|f| (f, jail)));
    }
    // A walk meets each path once: only several roots can meet one twice.
    if roots.len() > 1 {
        let mut seen: HashSet<PathBuf, crate::git::Fast> = HashSet::default();
        files.retain(|(f, _)| seen.insert(f.clone()));
    }
    if files.is_empty() && problems.is_empty() {
        for root in roots.iter().filter(|r| r.is_dir()) {
            problems.push(Problem::new(root, Rule::Unreadable, Message::NoPlanFiles));
        }
    }
    (files, problems, visited.attributes)
}

enum Loaded {
    Plan(Option<Box<Plan>>, Vec<Finding>),
    /// A plan file that could not be read as a plan, and the id its `id:`
    /// line claims, so that its children hear that it is broken rather than
    /// absent; and, when only its header could not be read, the rest of it
    /// for its own checks.
    Broken(Option<String>, Vec<Finding>, Option<Box<Plan>>),
    Catalog(Vec<(usize, Indicator)>, Vec<Finding>),
}

/// The files below the roots (`discover`) and git's listing of them,
/// found side by side (each is a pass over the work tree); the listing's
/// blob ids are dropped when a `.gitattributes` lies below the roots.
fn discover_listed(
    source: &Source,
    list: impl FnOnce() -> Option<crate::git::Listing> + Send,
) -> (
    Vec<(PathBuf, usize)>,
    Vec<Problem>,
    Option<crate::git::Listing>,
) {
    let ((files, problems, attributes), listing) =
        rayon::join(|| discover_noting(&source.roots, &source.jails), list);
    let listing = listing.map(|mut l| {
        if attributes {
            l.blobs.clear();
        }
        l
    });
    (files, problems, listing)
}

/// Reads and parses every file in parallel, then indexes plans by id.
pub fn load(source: Source) -> Result<Repo> {
    let (files, problems) = discover(&source.roots, &source.jails);
    Ok(load_files(source, files, problems, None))
}

/// `load`, with the repository's cache (`crate::cache`): the plans of
/// files unchanged since they were cached are taken from it (a file git
/// says is as staged is not even read, when the cache knows its blob id),
/// every other file is parsed, and the cache is brought up to date. The
/// same repository as `load` gives, to the last finding.
pub fn load_cached(source: Source) -> Result<Repo> {
    Ok(load_keeping(source, false)?.0)
}

/// What a cached load leaves for the memo of findings (`crate::verdicts`):
/// the cache itself, git's blob id of each file that is as staged, and the
/// SHA-256 of each plan file's bytes, where the load knows it.
pub struct Kept {
    pub cache: crate::cache::Cache,
    pub blobs: crate::git::Blobs,
    /// By file: `None` for a file whose bytes were not hashed (a catalog,
    /// a file read alone, one that could not be read).
    pub hashes: Vec<Option<crate::cache::Hash>>,
    /// Where the paths of `blobs` start from.
    pub root: PathBuf,
    /// The plan files that stand by their outline alone (id and parents),
    /// not decoded yet (`load_keeping` with `defer`; `decode`).
    pub deferred: HashSet<FileId>,
    /// What each file gives the cache, kept until `save` when plans are
    /// deferred: a deferred plan the cache fails to give is kept again.
    live: Vec<Option<crate::cache::Live>>,
}

impl Kept {
    /// Git's blob id of a file that is as staged, by its path as kh shows it.
    pub fn oid(&self, path: &Path) -> Option<crate::git::Oid> {
        let rel = if self.root == Path::new(".") {
            path
        } else {
            path.strip_prefix(&self.root).ok()?
        };
        self.blobs.get(rel.as_os_str()).copied()
    }

    /// Brings the cache up to date with this load (`load_keeping` with
    /// `defer`: after the plans needed were decoded).
    pub fn save(&mut self) {
        let live = std::mem::take(&mut self.live);
        self.cache.save(live.into_iter().flatten().collect());
    }
}

/// `load_cached`, keeping what the memo of findings needs (`None` without
/// a cache). With `defer`, a plan file that git says is as staged and that
/// the cache knows parsed cleanly is not decoded: it stands by its outline
/// (id and parents) until `decode` is asked for it.
pub fn load_keeping(source: Source, defer: bool) -> Result<(Repo, Option<Kept>)> {
    let root = source.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let (files, problems, listing) =
        discover_listed(&source, || crate::git::clean_blobs(&root, &source.roots));
    let Some(cache) = crate::cache::Cache::open(&source, listing.as_ref().map(|l| l.tracks_cache))
    else {
        return Ok((load_files(source, files, problems, None), None));
    };
    let lookup = Lookup {
        cache: &cache,
        blobs: listing.as_ref().map(|l| &l.blobs),
        root: &root,
    };
    let mut live = Vec::new();
    let mut hashes = Vec::new();
    let mut deferred = HashSet::new();
    let repo = load_files(
        source,
        files,
        problems,
        Some((
            &lookup,
            &mut live,
            &mut hashes,
            defer.then_some(&mut deferred),
        )),
    );
    if !defer {
        cache.save(std::mem::take(&mut live).into_iter().flatten().collect());
    }
    let blobs = listing.map(|l| l.blobs).unwrap_or_default();
    Ok((
        repo,
        Some(Kept {
            cache,
            blobs,
            hashes,
            root,
            deferred,
            live,
        }),
    ))
}

/// Decodes the deferred plans of `files` (`load_keeping`), each from the
/// cache or else its file, and makes the findings of their content
/// (`look_alikes`). False when one cannot be decoded as its outline says:
/// the repository is then not the one a whole load gives.
#[must_use]
pub fn decode(repo: &mut Repo, kept: &mut Kept, files: &HashSet<FileId>) -> bool {
    let wanted: Vec<usize> = (0..repo.plans.len())
        .filter(|&n| {
            let f = repo.plans[n].file;
            files.contains(&f) && kept.deferred.contains(&f)
        })
        .collect();
    if wanted.is_empty() {
        return true;
    }
    let shared: &Repo = repo;
    // Each plan, and its encoding when it was parsed again, to keep.
    let plans: Vec<Option<(Plan, Option<Vec<u8>>)>> = wanted
        .par_iter()
        .map(|&n| {
            let file = shared.plans[n].file;
            let hash = (*kept.hashes.get(file)?)?;
            if let Some(plan) = kept.cache.get(&hash) {
                return Some((plan, None));
            }
            let bytes = shared.read_again(file)?;
            if crate::cache::hash(&bytes) != hash {
                return None;
            }
            match load_bytes(file, false, &bytes) {
                Loaded::Plan(Some(plan), f) if f.is_empty() => {
                    let encoded = crate::cache::encode(&plan);
                    Some((*plan, encoded))
                }
                _ => None,
            }
        })
        .collect();
    for (&n, decoded) in wanted.iter().zip(plans) {
        let Some((plan, encoded)) = decoded else {
            return false;
        };
        let e = &mut repo.plans[n];
        if let (Some(bytes), Some(Some(hash)), Some(Some(live))) = (
            encoded,
            kept.hashes.get(e.file).copied(),
            kept.live.get_mut(e.file),
        ) {
            live.plan = Some((hash, Some(bytes)));
        }
        if plan.id != e.plan.id || plan.parents != e.plan.parents {
            return false;
        }
        *e.plan = plan;
        kept.deferred.remove(&e.file);
    }
    let (skeletons, _) = key_skeletons(repo);
    let mut found = Vec::new();
    for &n in &wanted {
        found.extend(look_alikes(repo, &skeletons, &repo.plans[n]));
    }
    for f in &found {
        if f.severity == crate::finding::Severity::Error {
            repo.files_with_errors.insert(f.file);
        }
    }
    repo.findings.extend(found);
    true
}

/// What `load_changed` gives: the repository and the files whose findings
/// `kh check --changed` reports, or the source back for the whole load to
/// read; with the changes either way.
pub enum Changed {
    Loaded(Box<Repo>, crate::changed::Files, crate::git::Changes),
    Whole(Box<Source>, crate::git::Changes),
}

/// `load_cached` for `kh check --changed` (the repository at `root`, the
/// work tree compared with the commit `base`), and the files whose
/// findings it reports (`changed::affected`): only the plans a change
/// touches and their parents are read; every other plan file that git
/// says is as staged, and whose blob id the cache knows, stands in the
/// repository by its outline alone (id and parents), which is all that the
/// checks across plans ask of a plan they do not report on. One pass over
/// the work tree: kh's walk of its folders, git's comparison of its index
/// with the work tree's stat data, and the cache's index are read side by
/// side. The source is given back when this cannot be done exactly, for the
/// whole load to do: no cache, a changed kh.yaml, catalog or report, or a
/// plan that disagrees with its outline.
pub fn load_changed(
    source: Source,
    root: &Path,
    base: &str,
) -> Result<Changed, crate::message::Usage> {
    use crate::cache::{Known, Live, Outline};
    if source.root.as_deref() != Some(root) || source.alone.first() != Some(&false) {
        let changes = crate::changed::changes(&source, root, base)?;
        return Ok(Changed::Whole(Box::new(source), changes));
    }
    // Whether git tracks the cache is known once git's index is read: the
    // cache read meanwhile is dropped if it does.
    let (compared, (files, problems, attributes), reports, cache) = std::thread::scope(|s| {
        let compared = s.spawn(|| crate::git::compare(root, base, &source.roots));
        let reports = s.spawn(|| reports_found(&source));
        let cache = s.spawn(|| crate::cache::Cache::open(&source, Some(false)));
        let found = discover_noting(&source.roots, &source.jails);
        (
            compared
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            found,
            reports
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            cache
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    let settings = clean_join(root, "kh.yaml");
    let settings = std::fs::symlink_metadata(&settings)
        .is_ok()
        .then_some(settings);
    let found: Vec<&Path> = files
        .iter()
        .map(|(f, _)| f.as_path())
        .chain(problems.iter().map(|p| p.path.as_path()))
        .chain(reports.iter().map(PathBuf::as_path))
        .chain(settings.as_deref())
        .collect();
    let (changes, staging) = compared?.changes(root, &found, &real_in(&source))?;
    drop(found);
    let cache = cache.filter(|_| !staging.tracks_cache);
    let everything =
        crate::changed::touches_everything(root, source.reports_dir.as_deref(), &changes);
    let Some(cache) = cache.filter(|_| !everything) else {
        return Ok(Changed::Whole(Box::new(source), changes));
    };
    // Blob ids are dropped when a `.gitattributes` lies below the roots.
    let seen = |file: usize| {
        staging.seen[file]
            .oid
            .filter(|_| !attributes)
            .map(|oid| (oid, staging.seen[file].changed))
    };
    // Each file: read now, or known by its blob id.
    enum Item<'c> {
        Read(Box<(Loaded, Option<Live>, Option<Outline>)>),
        Known(crate::git::Oid, &'c Known),
    }
    let items: Vec<Item> = files
        .par_iter()
        .enumerate()
        .map(|(id, (path, jail))| {
            let staged = (!is_catalog(path)).then(|| seen(id)).flatten();
            let known = staged
                .filter(|(_, changed)| !changed)
                .and_then(|(oid, _)| cache.known(&oid).map(|k| (oid, k)));
            match known {
                Some((oid, k)) => Item::Known(oid, k),
                None => {
                    // Its blob id, for the cache to know the file by.
                    let blobs: crate::git::Blobs = staged
                        .zip(Lookup::relative_in(root, path))
                        .map(|((oid, _), rel)| (rel.as_os_str().to_owned(), oid))
                        .into_iter()
                        .collect();
                    let lookup = Lookup {
                        cache: &cache,
                        blobs: Some(&blobs),
                        root,
                    };
                    let (l, live) = read_file(id, path, &source.jails[*jail], Some(&lookup));
                    let outline = outline_of(&l);
                    Item::Read(Box::new((l, live, outline)))
                }
            }
        })
        .collect();
    // The repository as outlines, for `affected` to walk: its plans (and
    // where each file's is), and the ids broken files claim (the first
    // file to claim one).
    let mut plans: Vec<(FileId, &str, &[String])> = Vec::with_capacity(items.len());
    let mut plan_of: Vec<Option<usize>> = vec![None; items.len()];
    let mut claimed: HashMap<&str, FileId> = HashMap::new();
    for (file, item) in items.iter().enumerate() {
        let outline = match item {
            Item::Read(read) => read.2.as_ref(),
            Item::Known(_, k) => Some(&k.outline),
        };
        match outline {
            Some(Outline::Plan { id, parents, .. }) => {
                plan_of[file] = Some(plans.len());
                plans.push((file, id, parents));
            }
            Some(Outline::Broken { claimed: Some(id) }) => {
                claimed.entry(id).or_insert(file);
            }
            _ => {}
        }
    }
    let paths: Vec<&Path> = files
        .iter()
        .map(|(f, _)| f.as_path())
        .chain(problems.iter().map(|p| p.path.as_path()))
        .collect();
    let Some(affected) = crate::changed::affected_among(
        &paths,
        &plans,
        claimed.iter().map(|(id, f)| (*id, *f)),
        root,
        &changes,
    ) else {
        return Ok(Changed::Whole(Box::new(source), changes));
    };
    drop(paths);
    // Read: the plans reported on, and every plan that claims the id of
    // one of their parents.
    let parents: HashSet<&str, crate::git::Fast> = affected
        .iter()
        .filter_map(|file| plan_of.get(*file).copied().flatten())
        .flat_map(|n| plans[n].2.iter().map(String::as_str))
        .collect();
    let mut decoded: crate::changed::Files = affected.clone();
    decoded.extend(
        plans
            .iter()
            .filter(|(_, id, _)| parents.contains(id))
            .map(|(file, ..)| *file),
    );
    drop((plans, plan_of, claimed, parents));
    // A plan read from its file (a few: cheaper than the cache's shard it
    // is in), which must be what its outline said.
    let decode = |file: FileId, oid: crate::git::Oid, known: &Known| {
        let (path, jail) = &files[file];
        let l = read_plainly(file, path, &source.jails[*jail], false);
        let clean = matches!(known.outline, Outline::Plan { clean: true, .. });
        (outline_of(&l).as_ref() == Some(&known.outline)).then_some((
            l,
            Some(Live {
                plan: clean.then_some((known.hash, None)),
                blob: Some((oid, None)),
            }),
        ))
    };
    let done: Vec<Option<(Loaded, Option<Live>)>> = items
        .into_par_iter()
        .enumerate()
        .map(|(file, item)| match item {
            Item::Read(read) => {
                let (l, kept, _) = *read;
                Some((l, kept))
            }
            Item::Known(oid, known) if decoded.contains(&file) => decode(file, oid, known),
            Item::Known(oid, known) => {
                let clean = matches!(known.outline, Outline::Plan { clean: true, .. });
                Some((
                    outline_loaded(&known.outline),
                    Some(Live {
                        plan: clean.then_some((known.hash, None)),
                        blob: Some((oid, None)),
                    }),
                ))
            }
        })
        .collect();
    let mut live = Vec::with_capacity(done.len());
    let mut loaded = Vec::with_capacity(done.len());
    for d in done {
        let Some((l, kept)) = d else {
            return Ok(Changed::Whole(Box::new(source), changes));
        };
        loaded.push(l);
        live.extend(kept);
    }
    // The cache is written when this run parsed what it did not hold;
    // else it holds every entry of this run already.
    if live.iter().any(|l| {
        l.plan.as_ref().is_some_and(|p| p.1.is_some())
            || l.blob.as_ref().is_some_and(|b| b.1.is_some())
    }) {
        cache.save(live);
    } else {
        // Tens of thousands of outlines, freed beside the checks rather
        // than before them.
        std::thread::spawn(move || drop(cache));
    }
    let alone = alone_files(&source, &files);
    let files = files.into_iter().map(|(f, _)| f).collect();
    let mut repo = assemble(source, files, loaded, problems);
    repo.alone = alone;
    Ok(Changed::Loaded(Box::new(repo), affected, changes))
}

/// The report files below the reports folder of `source`, and the places
/// its walk met a problem, as `kh check` finds them; nothing when there is
/// no such folder.
fn reports_found(source: &Source) -> Vec<PathBuf> {
    let Some(dir) = source.reports_dir.as_deref() else {
        return Vec::new();
    };
    if std::fs::symlink_metadata(dir).is_err() {
        return Vec::new();
    }
    let abs = absolute(dir);
    let Some(jail) = source
        .jails
        .iter()
        .find(|j| abs.starts_with(absolute(&j.shown)))
        .cloned()
        .or_else(|| Jail::new(dir).ok())
    else {
        return Vec::new();
    };
    let (files, problems) = crate::reports::files(&jail, dir);
    files
        .into_iter()
        .chain(problems.into_iter().map(|p| p.path))
        .collect()
}

/// Every path `kh check` reads or reports on in the repository at `root`
/// that `source` reads: its plan files, its report files, its kh.yaml,
/// and the places its walks met a problem.
pub fn found(source: &Source, root: &Path) -> Vec<PathBuf> {
    let ((files, problems, _), reports) = rayon::join(
        || discover_noting(&source.roots, &source.jails),
        || reports_found(source),
    );
    let settings = clean_join(root, "kh.yaml");
    files
        .into_iter()
        .map(|(f, _)| f)
        .chain(problems.into_iter().map(|p| p.path))
        .chain(reports)
        .chain(
            std::fs::symlink_metadata(&settings)
                .is_ok()
                .then_some(settings),
        )
        .collect()
}

/// Where a path inside the root of `source` leads, every link resolved,
/// relative to that root; `None` when it leads nowhere inside it.
pub fn real_in(source: &Source) -> impl Fn(&Path) -> Option<PathBuf> + Sync + '_ {
    move |path| {
        let jail = source.jails.first()?;
        let real = jail.resolve(path).ok()?;
        real.strip_prefix(&jail.real).ok().map(Path::to_path_buf)
    }
}

/// What git and the cache know of the files of a load.
struct Lookup<'a> {
    cache: &'a crate::cache::Cache,
    /// The blob id of each tracked file that is as staged, by its path
    /// relative to `root` (`crate::git::clean_blobs`).
    blobs: Option<&'a crate::git::Blobs>,
    root: &'a Path,
}

impl Lookup<'_> {
    fn relative<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        Lookup::relative_in(self.root, path)
    }

    /// `path` relative to `root`, as the keys of `blobs` are.
    fn relative_in<'p>(root: &Path, path: &'p Path) -> Option<&'p Path> {
        if root == Path::new(".") {
            Some(path)
        } else {
            path.strip_prefix(root).ok()
        }
    }

    /// The blob id git gives the file at `path`, if it is as staged.
    fn oid(&self, path: &Path) -> Option<crate::git::Oid> {
        self.blobs?.get(self.relative(path)?.as_os_str()).copied()
    }

    /// A plan file that git says is as staged and that the cache knows
    /// parsed cleanly: its plan is asked of the cache without reading it.
    fn known_clean(&self, path: &Path) -> Option<(crate::git::Oid, &crate::cache::Known)> {
        if is_catalog(path) {
            return None;
        }
        let oid = self.oid(path)?;
        let known = self.cache.known(&oid)?;
        let clean = matches!(
            known.outline,
            crate::cache::Outline::Plan { clean: true, .. }
        );
        clean.then_some((oid, known))
    }

    /// `known_clean`, and its plan's shard is there: it may stand by its
    /// outline.
    fn outline_only(&self, path: &Path) -> Option<(crate::git::Oid, &crate::cache::Known)> {
        self.known_clean(path)
            .filter(|(_, known)| self.cache.may_hold(&known.hash))
    }
}

/// The outline of a file as the cache keeps it; `None` for a catalog.
fn outline_of(l: &Loaded) -> Option<crate::cache::Outline> {
    use crate::cache::Outline;
    match l {
        Loaded::Plan(Some(plan), f) => Some(Outline::Plan {
            id: plan.id.clone(),
            parents: plan.parents.clone(),
            clean: f.is_empty(),
        }),
        Loaded::Plan(None, _) | Loaded::Catalog(..) => None,
        Loaded::Broken(claimed, ..) => Some(Outline::Broken {
            claimed: claimed.clone(),
        }),
    }
}

/// A file that stands by its outline alone: a plan with its id and parents
/// and nothing else, or the id a broken file claims. Never checked nor
/// shown: only the files `kh check --changed` reports on are decoded, with
/// the parents of their plans.
fn outline_loaded(o: &crate::cache::Outline) -> Loaded {
    use crate::cache::Outline;
    match o {
        Outline::Plan { id, parents, .. } => Loaded::Plan(
            Some(Box::new(Plan {
                id: id.clone(),
                number: None,
                title: String::new(),
                issuer: String::new(),
                level: crate::domain::Level::National,
                issued: crate::domain::Issued::Month { year: 0, month: 1 },
                period: crate::domain::Period {
                    from: 0,
                    to: 0,
                    horizons: Vec::new(),
                    school_year: false,
                },
                parents: parents.clone(),
                cites: Vec::new(),
                kind: None,
                schools: Vec::new(),
                segment: Vec::new(),
                segments: Default::default(),
                units: Default::default(),
                reporting: Vec::new(),
                targets: Vec::new(),
                waivers: Vec::new(),
                tasks: Vec::new(),
                provenance: Default::default(),
            })),
            Vec::new(),
        ),
        Outline::Broken { claimed } => Loaded::Broken(claimed.clone(), Vec::new(), None),
    }
}

pub(crate) fn is_catalog(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()) == Some(CATALOG_FILE)
}

fn guard_finding(id: FileId, e: &GuardError, catalog: bool) -> Finding {
    let role = if catalog {
        fs_guard::Role::Catalog
    } else {
        fs_guard::Role::Plan
    };
    Finding::new(e.rule(), id, At::File, e.message(role))
}

/// A file's content, and what it gives the cache.
type FileRead = (Loaded, Option<crate::cache::Live>);

fn read_file(id: FileId, path: &Path, jail: &Jail, lookup: Option<&Lookup>) -> FileRead {
    use crate::cache::{Known, Live};
    let catalog = is_catalog(path);
    let Some(lookup) = lookup.filter(|_| !catalog) else {
        return (read_plainly(id, path, jail, catalog), None);
    };
    let cache = lookup.cache;
    // Known by its blob id: not read at all (announced to the cache by
    // `load_files`).
    if let Some((oid, k)) = lookup.known_clean(path)
        && let Some(plan) = cache.take(&k.hash)
    {
        return (
            Loaded::Plan(Some(Box::new(plan)), Vec::new()),
            Some(Live {
                plan: Some((k.hash, None)),
                blob: Some((oid, None)),
            }),
        );
    }
    let oid = lookup.oid(path);
    let known = oid.and_then(|o| cache.known(&o));
    let bytes = match fs_guard::read_walked(jail, path, load::MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => return (unreadable(id, &e, catalog), None),
    };
    let h = crate::cache::hash(&bytes);
    let (loaded, plan) = match cache.get(&h) {
        Some(plan) => (
            Loaded::Plan(Some(Box::new(plan)), Vec::new()),
            Some((h, None)),
        ),
        None => {
            let loaded = load_bytes(id, catalog, &bytes);
            // Only a plan read without a finding is kept.
            let plan = match &loaded {
                Loaded::Plan(Some(plan), f) if f.is_empty() => {
                    crate::cache::encode(plan).map(|b| (h, Some(b)))
                }
                _ => None,
            };
            (loaded, plan)
        }
    };
    // Known by its blob id from now on, if git's id is that of these bytes.
    let outline = outline_of(&loaded);
    let blob = match (oid, known, outline) {
        (Some(o), Some(k), Some(outline)) if k.hash == h && k.outline == outline => Some((o, None)),
        (Some(o), _, Some(outline)) if crate::cache::blob_id(&bytes) == Some(o) => {
            Some((o, Some(Known { hash: h, outline })))
        }
        _ => None,
    };
    (loaded, Some(Live { plan, blob }))
}

fn read_plainly(id: FileId, path: &Path, jail: &Jail, catalog: bool) -> Loaded {
    match fs_guard::read_walked(jail, path, load::MAX_FILE_BYTES) {
        Ok(bytes) => load_bytes(id, catalog, &bytes),
        Err(e) => unreadable(id, &e, catalog),
    }
}

fn unreadable(id: FileId, e: &GuardError, catalog: bool) -> Loaded {
    let f = vec![guard_finding(id, e, catalog)];
    if catalog {
        Loaded::Catalog(Vec::new(), f)
    } else {
        Loaded::Broken(None, f, None)
    }
}

/// The cache and git's listing, what the load gives the cache, each file's
/// hash, and (when plans may be deferred) the files deferred.
type CacheUse<'a> = (
    &'a Lookup<'a>,
    &'a mut Vec<Option<crate::cache::Live>>,
    &'a mut Vec<Option<crate::cache::Hash>>,
    Option<&'a mut HashSet<FileId>>,
);

fn load_files(
    source: Source,
    files: Vec<(PathBuf, usize)>,
    problems: Vec<Problem>,
    cache: Option<CacheUse<'_>>,
) -> Repo {
    let bar = crate::progress::files(files.len());
    let (cache, live, hashes, mut deferred) = match cache {
        Some((c, l, h, d)) => (Some(c), Some(l), Some(h), d),
        None => (None, None, None, None),
    };
    let defer = deferred.is_some();
    // The plans the cache gives by blob id are taken in the order of its
    // shards, each shard's bytes let go after its last plan: the load holds
    // a few shards at a time, not the whole cache. Other files come after,
    // in their order.
    let shards: Vec<Option<usize>> = files
        .iter()
        .map(|(path, _)| {
            let c = cache.filter(|_| !defer)?;
            let (_, known) = c.known_clean(path)?;
            c.cache.expect(&known.hash);
            Some(c.cache.shard_of(&known.hash))
        })
        .collect();
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&n| shards[n].unwrap_or(usize::MAX));
    // Each file's content and what it gives the cache, and whether it
    // stands by its outline alone.
    let mut by_order: Vec<(usize, (FileRead, bool))> = order
        .par_iter()
        .map(|&id| {
            let (path, jail) = &files[id];
            let l = match cache.filter(|_| defer).and_then(|c| c.outline_only(path)) {
                Some((oid, known)) => (
                    (
                        outline_loaded(&known.outline),
                        Some(crate::cache::Live {
                            plan: Some((known.hash, None)),
                            blob: Some((oid, None)),
                        }),
                    ),
                    true,
                ),
                None => (read_file(id, path, &source.jails[*jail], cache), false),
            };
            bar.inc(1);
            (id, l)
        })
        .collect();
    bar.finish_and_clear();
    by_order.sort_unstable_by_key(|(id, _)| *id);
    let (read, outlined): (Vec<FileRead>, Vec<bool>) = by_order.into_iter().map(|(_, l)| l).unzip();
    let (loaded, kept): (Vec<Loaded>, Vec<Option<crate::cache::Live>>) = read.into_iter().unzip();
    if let Some(deferred) = deferred.as_mut() {
        deferred.extend((0..outlined.len()).filter(|&n| outlined[n]));
    }
    if let (Some(live), Some(hashes), Some(cache)) = (live, hashes, cache) {
        // The bytes' hash of each file, as its cache entry or blob says.
        hashes.extend(kept.iter().map(|k| {
            let k = k.as_ref()?;
            k.plan.as_ref().map(|(h, _)| *h).or_else(|| match &k.blob {
                Some((_, Some(known))) => Some(known.hash),
                Some((oid, None)) => cache.cache.known(oid).map(|k| k.hash),
                None => None,
            })
        }));
        live.extend(kept);
    }
    let alone = alone_files(&source, &files);
    let files = files.into_iter().map(|(f, _)| f).collect();
    let mut repo = assemble(source, files, loaded, problems);
    repo.alone = alone;
    repo
}

/// The files found under a root read in no repository's context.
fn alone_files(source: &Source, files: &[(PathBuf, usize)]) -> HashSet<FileId> {
    files
        .iter()
        .enumerate()
        .filter(|(_, (_, jail))| source.alone.get(*jail).copied().unwrap_or(false))
        .map(|(n, _)| n)
        .collect()
}

/// A repository of files already read; `loaded[n]` is the content of `files[n]`.
fn assemble(
    source: Source,
    files: Vec<PathBuf>,
    loaded: Vec<Loaded>,
    problems: Vec<Problem>,
) -> Repo {
    // The files are read: their text is held by the plans alone from now on.
    crate::intern::forget();
    let mut repo = Repo {
        settings: source.settings,
        reports_dir: source.reports_dir,
        reports_required: source.reports_required,
        jails: source.jails,
        root: source.root,
        scope: source.scope,
        files_read: files.len(),
        ..Repo::default()
    };
    repo.files = files;
    repo.plans.reserve(loaded.len());
    for p in problems {
        let id = repo.files.len();
        repo.files.push(p.path);
        repo.findings
            .push(Finding::new(p.rule, id, At::File, p.message));
    }
    for (file, l) in loaded.into_iter().enumerate() {
        absorb(&mut repo, file, l);
    }
    index(&mut repo);
    repo
}

/// The whole repository, through its cache or not (`--no-cache`): the
/// same repository either way, to the last finding.
pub fn load_whole(source: Source, cache: bool) -> Result<Repo> {
    if cache {
        load_cached(source)
    } else {
        load(source)
    }
}

/// Only the named plans and their ancestors, found where their ids say
/// (`plans/<id>.yaml`), plus the catalog: asking about one plan of a national
/// repository costs reading a handful of files, not tens of thousands. When a
/// plan or an ancestor is not where its id says, the whole repository is read.
/// An id outside the grammar (`../x`, `/etc/passwd`) is refused: it can never
/// name a path outside `plans/`. The whole repository is read through its
/// cache unless `cache` is false.
pub fn load_plans(source: Source, ids: &[String], cache: bool) -> Result<Repo> {
    for id in ids {
        if let Some(problem) = ids::problem(id) {
            bail!(crate::messages::usage(
                crate::ui::Lang::current(),
                &crate::message::Usage::NotAPlanId {
                    id: crate::text::escape_controls(id).into_owned(),
                    problem,
                },
            ));
        }
    }
    // Paths named on the command line are read with their whole repository.
    let ([root], [jail]) = (source.roots.as_slice(), source.jails.as_slice()) else {
        return load_whole(source, cache);
    };
    if !source.scope.is_empty() {
        return load_whole(source, cache);
    }
    // A root that is not a directory inside the jail is for the full load
    // to report.
    if ids.is_empty() || !jail.resolve(root).is_ok_and(|r| r.is_dir()) {
        return load_whole(source, cache);
    }
    let jail = jail.clone();
    let mut files = Vec::new();
    let catalog = root.join(CATALOG_FILE);
    if std::fs::symlink_metadata(&catalog).is_ok() {
        files.push(catalog);
    }
    // The chain of parents is followed through each file's `parent:` line, so
    // that the files can then be parsed together on all cores; the parsed
    // plans must agree with what the lines said, or the whole repository is read.
    let catalogs = files.len();
    // (id, the parents its line names, the file's bytes), in file order.
    let mut expected: Vec<(String, Vec<String>, Vec<u8>)> = Vec::new();
    let mut want: Vec<String> = ids.to_vec();
    let mut seen = HashSet::new();
    while let Some(id) = want.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        // A parent line outside the grammar is for the full load to report.
        if !ids::is_valid(&id) {
            return load_whole(source, cache);
        }
        let path = root.join(format!("{id}.yaml"));
        // Unreadable, oversized, a link out, not a file: the full load
        // reports it as it always does. Every link on the way is resolved.
        let Ok(bytes) = fs_guard::read(&jail, &path, load::MAX_FILE_BYTES) else {
            return load_whole(source, cache);
        };
        let parents = parent_line(&bytes);
        want.extend(parents.iter().rev().cloned());
        expected.push((id, parents, bytes));
        files.push(path);
    }
    // Each file is read once: plans are parsed from the bytes read above.
    let loaded: Vec<Loaded> = files
        .par_iter()
        .enumerate()
        .map(|(n, path)| match n.checked_sub(catalogs) {
            None => match fs_guard::read(&jail, path, load::MAX_FILE_BYTES) {
                Ok(bytes) => load_bytes(n, true, &bytes),
                Err(e) => Loaded::Catalog(Vec::new(), vec![guard_finding(n, &e, true)]),
            },
            Some(k) => load_bytes(n, false, &expected[k].2),
        })
        .collect();
    let plans = loaded.iter().filter_map(|l| match l {
        Loaded::Plan(p, _) => Some(p.as_deref()),
        Loaded::Broken(..) => Some(None),
        Loaded::Catalog(..) => None,
    });
    let agree = plans.clone().count() == expected.len()
        && plans
            .zip(&expected)
            .all(|(p, (id, parent, _))| p.is_some_and(|p| &p.id == id && &p.parents == parent));
    if !agree {
        return load_whole(source, cache);
    }
    let mut repo = assemble(source, files, loaded, Vec::new());
    repo.partial = true;
    Ok(repo)
}

/// The values of a top-level `parent:` line, as a plan file usually writes it
/// (plain or quoted, one id or a flow list `[a, b]`, maybe with a comment);
/// empty when there is none. A block list below the line reads as empty,
/// and the parsed plan then disagrees, which sends the load the long way.
fn parent_line(bytes: &[u8]) -> Vec<String> {
    top_line(bytes, "parent")
        .map(list_items)
        .unwrap_or_default()
}

/// The rest of the first top-level line `key: …`, its comment cut off.
fn top_line<'a>(bytes: &'a [u8], key: &str) -> Option<&'a str> {
    let src = std::str::from_utf8(bytes).ok()?;
    let line = src
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))?;
    Some(match line.find(" #") {
        Some(n) => &line[..n],
        None => line,
    })
}

/// A plain or quoted scalar, or a flow list of them; empty when unclosed.
fn list_items(value: &str) -> Vec<String> {
    let value = value.trim();
    let items: Vec<&str> = match value.strip_prefix('[') {
        Some(list) => match list.trim_end().strip_suffix(']') {
            Some(inner) => inner.split(',').collect(),
            None => return Vec::new(),
        },
        None => vec![value],
    };
    items
        .into_iter()
        .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\''))
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn load_bytes(id: FileId, is_catalog: bool, bytes: &[u8]) -> Loaded {
    let src = match load::decode(id, bytes) {
        Ok(s) => s,
        Err(f) if is_catalog => return Loaded::Catalog(Vec::new(), vec![*f]),
        Err(f) => return Loaded::Broken(None, vec![*f], None),
    };
    if is_catalog {
        let (list, f) = load::catalog(id, src);
        Loaded::Catalog(list, f)
    } else {
        let (plan, f) = load::read_plan(id, src);
        let claimed =
            || top_line(src.as_bytes(), "id").and_then(|v| list_items(v).into_iter().next());
        match plan {
            load::PlanRead::Complete(plan) => Loaded::Plan(Some(Box::new(plan)), f),
            load::PlanRead::HeaderBroken(plan) => {
                Loaded::Broken(claimed(), f, Some(Box::new(plan)))
            }
            load::PlanRead::Unreadable => Loaded::Broken(claimed(), f, None),
        }
    }
}

fn absorb(repo: &mut Repo, file: FileId, loaded: Loaded) {
    match loaded {
        Loaded::Plan(plan, findings) => {
            repo.findings.extend(findings);
            if let Some(plan) = plan {
                repo.plans.push(Entry { plan, file });
            }
        }
        Loaded::Broken(id, findings, rest) => {
            repo.findings.extend(findings);
            if let Some(plan) = rest {
                repo.header_broken.push(Entry { plan, file });
            }
            if let Some(id) = id {
                repo.unreadable.entry(id).or_insert(file);
            }
        }
        Loaded::Catalog(list, findings) => {
            repo.findings.extend(findings);
            repo.catalog_file.get_or_insert(file);
            // Several catalogs are merged; a key defined in two files is an
            // error naming both, whatever the order the files are read in.
            for (n, ind) in list {
                let key_at =
                    |n: usize| At::Value(crate::yaml::path(&format!("indicators.{n}.key")));
                match repo.indicator_at.get(&ind.key) {
                    Some(&(first, m)) if first != file => {
                        repo.findings.push(
                            Finding::new(
                                Rule::DuplicateCatalogKey,
                                file,
                                key_at(n),
                                Message::DuplicateCatalogKey {
                                    key: ind.key.clone(),
                                },
                            )
                            .with_related(
                                first,
                                key_at(m),
                                Label::FirstDefinition,
                            ),
                        );
                    }
                    Some(_) => {}
                    None => {
                        repo.indicator_at.insert(ind.key.clone(), (file, n));
                        repo.indicators.insert(ind.key.clone(), ind);
                    }
                }
            }
        }
    }
}

fn id_at() -> At {
    At::Value(crate::yaml::path("id"))
}

/// Plans by id; ids outside the grammar are errors and never indexed, so
/// that no such plan can stand as anyone's parent. Ids, catalog keys and
/// unit abbreviations that look alike (the same Unicode skeleton) are errors
/// naming both places. One pass each, with a hash of skeletons: linear.
fn index(repo: &mut Repo) {
    let mut skeletons: HashMap<String, usize, crate::git::Fast> =
        HashMap::with_capacity_and_hasher(repo.plans.len(), Default::default());
    repo.by_id.reserve(repo.plans.len());
    // What each plan's id and parents are alone, on all cores; what they are
    // beside the others' (the same, alike), in file order.
    let alone: Vec<(String, Vec<Finding>)> = repo
        .plans
        .par_iter()
        .map(|e| (ids::skeleton(&e.plan.id), id_problems(e)))
        .collect();
    let mut found = Vec::new();
    for (n, (e, (sk, problems))) in repo.plans.iter().zip(alone).enumerate() {
        let id = &e.plan.id;
        found.extend(problems);
        match skeletons.get(&sk) {
            Some(&m) if repo.plans[m].plan.id != *id => {
                let other = &repo.plans[m];
                found.push(
                    Finding::new(
                        Rule::ConfusableId,
                        e.file,
                        id_at(),
                        Message::ConfusablePlanId {
                            id: id.clone(),
                            other: other.plan.id.clone(),
                        },
                    )
                    .with_related(other.file, id_at(), Label::LookAlikePlan),
                );
            }
            Some(_) => {}
            None => {
                skeletons.insert(sk, n);
            }
        }
        if ids::is_valid(id) {
            match repo.by_id.get(id) {
                Some(first) => {
                    let first = &repo.plans[*first];
                    found.push(
                        Finding::new(
                            Rule::DuplicateId,
                            e.file,
                            id_at(),
                            Message::DuplicatePlanId { id: id.clone() },
                        )
                        .with_related(
                            first.file,
                            id_at(),
                            Label::FirstWithId,
                        ),
                    );
                }
                None => {
                    repo.by_id.insert(id.clone(), n);
                }
            }
        }
    }
    // A parent that is not a plan of the repository but looks like one.
    for e in &repo.plans {
        for (n, p) in e.plan.parents.iter().enumerate() {
            if repo.by_id.contains_key(p) {
                continue;
            }
            if let Some(&m) = skeletons.get(&ids::skeleton(p)) {
                let other = &repo.plans[m];
                found.push(
                    Finding::new(
                        Rule::ConfusableId,
                        e.file,
                        At::parent(n),
                        Message::ConfusableParent {
                            parent: p.clone(),
                            other: other.plan.id.clone(),
                        },
                    )
                    .with_related(other.file, id_at(), Label::LookAlikePlan),
                );
            }
        }
    }
    // Catalog keys that look alike; then, of each plan, metrics that look
    // like a key without being one, and unit abbreviations that look alike.
    let (skeletons, mut alike) = key_skeletons(repo);
    found.append(&mut alike);
    let alike: Vec<Vec<Finding>> = repo
        .plans
        .par_iter()
        .map(|e| look_alikes(repo, &skeletons, e))
        .collect();
    found.extend(alike.into_iter().flatten());
    repo.findings.extend(found);
    repo.files_with_errors = repo
        .findings
        .iter()
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .map(|f| f.file)
        .collect();
}

/// The catalog's keys by their skeleton (the first of each), and the
/// findings of keys that look alike.
type KeySkeletons<'a> = HashMap<String, (&'a String, FileId, usize)>;

/// A plan's id and parents that break the id grammar.
fn id_problems(e: &Entry) -> Vec<Finding> {
    let mut found = Vec::new();
    let id = &e.plan.id;
    if !id.is_empty()
        && let Some(problem) = ids::problem(id)
    {
        found.push(Finding::new(
            Rule::BadId,
            e.file,
            id_at(),
            Message::BadPlanId {
                id: id.clone(),
                problem,
            },
        ));
    }
    for (n, p) in e.plan.parents.iter().enumerate() {
        if let Some(problem) = ids::problem(p) {
            found.push(Finding::new(
                Rule::BadId,
                e.file,
                At::parent(n),
                Message::BadParentId {
                    parent: p.clone(),
                    problem,
                },
            ));
        }
    }
    found
}

fn key_at(n: usize) -> At {
    At::Value(crate::yaml::path(&format!("indicators.{n}.key")))
}

fn key_skeletons(repo: &Repo) -> (KeySkeletons<'_>, Vec<Finding>) {
    let mut keys: Vec<(&String, &(FileId, usize))> = repo.indicator_at.iter().collect();
    keys.sort_by_key(|(_, at)| **at);
    let mut found = Vec::new();
    let mut key_skeletons: KeySkeletons = HashMap::new();
    for (key, &(file, n)) in keys {
        match key_skeletons.get(&ids::skeleton(key)) {
            Some(&(other, of, on)) => found.push(
                Finding::new(
                    Rule::ConfusableId,
                    file,
                    key_at(n),
                    Message::ConfusableKey {
                        key: key.clone(),
                        other: other.clone(),
                    },
                )
                .with_related(of, key_at(on), Label::LookAlikeKey),
            ),
            None => {
                key_skeletons.insert(ids::skeleton(key), (key, file, n));
            }
        }
    }
    (key_skeletons, found)
}

/// What a plan's own content holds that looks like something else: a
/// metric like a catalog key without being one, unit abbreviations like
/// each other. A function of the plan and the catalog alone (the memo of
/// findings keeps these with the plan: `of_content`).
fn look_alikes(repo: &Repo, key_skeletons: &KeySkeletons, e: &Entry) -> Vec<Finding> {
    let mut found = Vec::new();
    for (t, target) in e.plan.targets.iter().enumerate() {
        if repo.indicators.contains_key(target.metric.as_str()) {
            continue;
        }
        if let Some(&(other, of, on)) = key_skeletons.get(&ids::skeleton(&target.metric)) {
            found.push(
                Finding::new(
                    Rule::ConfusableId,
                    e.file,
                    At::Value(crate::yaml::path(&format!("targets.{t}.metric"))),
                    Message::ConfusableMetric {
                        metric: target.metric.to_string(),
                        other: other.clone(),
                    },
                )
                .with_related(of, key_at(on), Label::LookAlikeKey),
            );
        }
    }
    let mut units: HashMap<String, &String> = HashMap::new();
    let mut abbrevs: Vec<&String> = e.plan.units.keys().collect();
    abbrevs.sort();
    for a in abbrevs {
        match units.get(&ids::skeleton(a)) {
            Some(other) => found.push(Finding::new(
                Rule::ConfusableId,
                e.file,
                At::Key(vec![
                    crate::yaml::Seg::Key("units".into()),
                    crate::yaml::Seg::Key(a.clone()),
                ]),
                Message::ConfusableUnit {
                    unit: a.clone(),
                    other: (*other).clone(),
                },
            )),
            None => {
                units.insert(ids::skeleton(a), a);
            }
        }
    }
    found
}

/// Whether a finding is one `look_alikes` makes of a plan's content.
pub fn of_content(f: &Finding) -> bool {
    matches!(
        f.message,
        Message::ConfusableMetric { .. } | Message::ConfusableUnit { .. }
    )
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
        let cases: [(&str, &[&str]); 8] = [
            (
                "id: a\nparent: ninh-binh/so-gddt-2026\n",
                &["ninh-binh/so-gddt-2026"],
            ),
            ("parent: \"x/y\"  # Sở GDĐT\n", &["x/y"]),
            ("parent: 'x/y'\n", &["x/y"]),
            ("id: a\ntargets:\n  - parent: x\n", &[]),
            ("parent:\n", &[]),
            ("parent: [a/b, \"c/d\"]  # two\n", &["a/b", "c/d"]),
            ("parent: [a/b, c/d\n", &[]),
            ("id: a\n", &[]),
        ];
        for (src, want) in cases {
            assert_eq!(parent_line(src.as_bytes()), want, "{src}");
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
        let repo = load_plans(source, &["t/xa".to_string()], false).expect("repo");
        assert!(!repo.partial, "expected the whole repository to be read");
        assert_eq!(
            repo.plan("t/xa").map(|e| e.plan.parents.clone()),
            Some(vec!["t/so".to_string()])
        );
        assert!(repo.plan("t/so").is_some());
        // Written plainly, the same plan is read alone with its parent.
        let child = plan("t/xa", "commune", "parent: t/so\n");
        std::fs::write(plans.join("t/xa.yaml"), child).expect("write");
        let repo = load_plans(
            locate(std::slice::from_ref(&plans)).expect("source"),
            &["t/xa".to_string()],
            false,
        )
        .expect("repo");
        assert!(repo.partial);
        assert_eq!(repo.plans.len(), 2);
        // A school under its ward and the Sở: both ancestors are read, and
        // the one plan not on the way (another ward) is not.
        std::fs::write(
            plans.join("t/xb.yaml"),
            plan("t/xb", "commune", "parent: t/so\n"),
        )
        .expect("write");
        let school = plan("t/th", "school", "parent: [t/xa, t/so]\n");
        std::fs::write(plans.join("t/th.yaml"), school).expect("write");
        let repo = load_plans(
            locate(&[plans]).expect("source"),
            &["t/th".to_string()],
            false,
        )
        .expect("repo");
        assert!(repo.partial);
        let mut ids: Vec<&str> = repo.plans.iter().map(|e| e.plan.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["t/so", "t/th", "t/xa"]);
    }
}
