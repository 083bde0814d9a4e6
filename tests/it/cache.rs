//! The cache (`.kh-cache/`, issue 19) never changes an answer: `kh check`
//! says the same, byte for byte, with and without it, cold and warm, after a
//! file changes, after kh's version changes, and with a cache that is
//! truncated, damaged, copied from another repository or committed to git.
//! A forged cache shows that these tests are not vacuous: one that passes
//! every check would be believed, which is why each check is there.

use kh_gen::{Options, TODAY, generate};
use sha2::Digest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `kh check --format json` in `dir`: its output and exit status; stderr
/// must be empty.
fn check(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> (String, i32) {
    let mut cmd = crate::util::kh();
    cmd.current_dir(dir)
        .args(["check", "--today", TODAY, "--format", "json"])
        .args(extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (out, err, code) = crate::util::run(&mut cmd);
    assert_eq!(err, "", "kh check wrote to stderr");
    (out, code)
}

fn shard_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join(".kh-cache"))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("plans-") && n.ends_with(".bin"))
    });
    v.sort();
    v
}

fn generated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &Options { scale: 1, seed: 1 }).unwrap();
    dir
}

/// Plan files of the generated repository with no planted finding, of a level.
fn clean_plans(dir: &Path, level: &str) -> Vec<PathBuf> {
    let planted = std::fs::read_to_string(dir.join("planted.csv")).unwrap();
    let mut out = Vec::new();
    let mut stack = vec![dir.join("plans")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            if !planted.contains(&rel) && text.contains(&format!("\nlevel: {level}\n")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

type Damage = fn(&mut Vec<u8>);

/// Ways a cache file is found damaged: each must make kh ignore it.
fn damages() -> Vec<(&'static str, Damage)> {
    vec![
        ("truncated by one byte", |b| {
            b.pop();
        }),
        ("cut in half", |b| b.truncate(b.len() / 2)),
        ("one byte changed", |b| {
            let n = b.len() - 3;
            b[n] ^= 0x55;
        }),
        ("a byte added", |b| b.push(0)),
    ]
}

#[test]
fn the_generated_repository_gives_the_same_findings_with_and_without_the_cache() {
    let dir = generated();
    let (plain, code) = check(dir.path(), &["--no-cache"], &[]);
    assert_eq!(code, 1, "the planted errors");
    assert!(
        !dir.path().join(".kh-cache").exists(),
        "--no-cache writes nothing"
    );
    let (cold, cold_code) = check(dir.path(), &[], &[]);
    assert!(
        shard_files(dir.path()).len() > 30,
        "the first run fills the cache"
    );
    let written: BTreeMap<PathBuf, Vec<u8>> = shard_files(dir.path())
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    let (warm, warm_code) = check(dir.path(), &[], &[]);
    assert_eq!((cold_code, warm_code), (code, code));
    assert_eq!(cold, plain);
    assert_eq!(warm, plain);
    // Nothing changed: nothing is written again.
    for (p, bytes) in &written {
        assert_eq!(
            &std::fs::read(p).unwrap(),
            bytes,
            "{} rewritten",
            p.display()
        );
    }
    // The cache's own .gitignore keeps it out of commits.
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".kh-cache/.gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
}

#[test]
fn a_changed_file_is_parsed_again() {
    let dir = generated();
    check(dir.path(), &[], &[]);
    let communes = clean_plans(dir.path(), "commune");
    let commune = &communes[0];
    let original = std::fs::read_to_string(commune).unwrap();
    let same = |why: &str| {
        let (warm, wc) = check(dir.path(), &[], &[]);
        let (plain, pc) = check(dir.path(), &["--no-cache"], &[]);
        assert_eq!((&warm, wc), (&plain, pc), "{why}");
        warm
    };
    let before = same("unchanged");
    // A clean plan renumbered: still clean itself, but its schools now
    // name a parent that is gone; a cache keyed by path would not see it.
    let id = original
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    std::fs::write(
        commune,
        original.replace(&format!("id: {id}\n"), &format!("id: {id}-moi\n")),
    )
    .unwrap();
    let renumbered = same("renumbered");
    assert!(renumbered.contains("\"missing-parent\""));
    assert_ne!(renumbered, before);
    // A field kh does not know: a finding of the file's own.
    std::fs::write(commune, format!("{original}bogus_field: 1\n")).unwrap();
    let bad = same("unknown field");
    assert!(bad.contains("\"unknown-field\""));
    // Back as it was: the first answer again, from the cache.
    std::fs::write(commune, &original).unwrap();
    assert_eq!(same("restored"), before);
}

#[test]
fn a_cache_from_another_version_of_kh_is_not_used() {
    let dir = generated();
    let v1 = [("KH_CACHE_VERSION", "kh-test-1")];
    let v2 = [("KH_CACHE_VERSION", "kh-test-2")];
    let (plain, _) = check(dir.path(), &["--no-cache"], &[]);
    assert_eq!(check(dir.path(), &[], &v1).0, plain);
    let has = |version: &str| {
        shard_files(dir.path()).iter().all(|p| {
            let bytes = std::fs::read(p).unwrap();
            bytes
                .windows(version.len())
                .any(|w| w == version.as_bytes())
        })
    };
    assert!(has("kh-test-1"));
    // Another version rebuilds every shard, and says the same.
    assert_eq!(check(dir.path(), &[], &v2).0, plain);
    assert!(has("kh-test-2") && !has("kh-test-1"));
    assert_eq!(check(dir.path(), &[], &v2).0, plain);
}

// ---- a forged cache -------------------------------------------------------

const VERSION: (&str, &str) = ("KH_CACHE_VERSION", "kh-forge-test");

/// Three plans: a province and two communes under it.
fn small() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans/p");
    std::fs::create_dir_all(&plans).unwrap();
    let plan = |id: &str, level: &str, parent: &str| {
        format!(
            "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: {level}\nissued: 2026-07\nperiod: 2026\n{parent}"
        )
    };
    std::fs::write(plans.join("so.yaml"), plan("p/so", "province", "")).unwrap();
    for x in ["xa-a", "xa-b"] {
        std::fs::write(
            plans.join(format!("{x}.yaml")),
            plan(&format!("p/{x}"), "commune", "parent: p/so\n"),
        )
        .unwrap();
    }
    dir
}

/// One shard file as kh writes it (src/cache.rs): magic, the SHA-256 of
/// the rest, a postcard header (version, repository identity, shard number,
/// entry count), then entries of hash, length and encoded plan.
struct Shard {
    version: String,
    identity: [u8; 32],
    shard: u32,
    entries: Vec<([u8; 32], Vec<u8>)>,
}

fn read_shard(path: &Path) -> Shard {
    let bytes = std::fs::read(path).unwrap();
    let body = &bytes[40..];
    let ((version, identity, shard, count), mut rest) =
        postcard::take_from_bytes::<(String, [u8; 32], u32, u64)>(body).unwrap();
    let mut entries = Vec::new();
    for _ in 0..count {
        let h: [u8; 32] = rest[..32].try_into().unwrap();
        let len = u32::from_le_bytes(rest[32..36].try_into().unwrap()) as usize;
        entries.push((h, rest[36..36 + len].to_vec()));
        rest = &rest[36 + len..];
    }
    Shard {
        version,
        identity,
        shard,
        entries,
    }
}

fn write_shard(path: &Path, s: &Shard) {
    let mut body =
        postcard::to_allocvec(&(&s.version, s.identity, s.shard, s.entries.len() as u64)).unwrap();
    for (h, blob) in &s.entries {
        body.extend_from_slice(h);
        body.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        body.extend_from_slice(blob);
    }
    let mut file = b"KHCACHE\x02".to_vec();
    file.extend_from_slice(&sha2::Sha256::digest(&body));
    file.extend_from_slice(&body);
    std::fs::write(path, file).unwrap();
}

/// Poisons the cache of `dir`: the entry of the first commune's bytes
/// holds the province's plan; the digests are made again, so only the
/// version, the identity or git can tell.
fn poison(dir: &Path, edit: impl Fn(&mut Shard)) {
    let hash = |f: &str| -> [u8; 32] {
        sha2::Sha256::digest(std::fs::read(dir.join("plans/p").join(f)).unwrap()).into()
    };
    let (commune, province) = (hash("xa-a.yaml"), hash("so.yaml"));
    let mut shards: Vec<(PathBuf, Shard)> = shard_files(dir)
        .into_iter()
        .map(|p| {
            let s = read_shard(&p);
            (p, s)
        })
        .collect();
    let province_plan = shards
        .iter()
        .flat_map(|(_, s)| &s.entries)
        .find(|(k, _)| *k == province)
        .map(|(_, b)| b.clone())
        .expect("the province is cached");
    let mut found = false;
    for (path, s) in &mut shards {
        for (h, blob) in &mut s.entries {
            if *h == commune {
                *blob = province_plan.clone();
                found = true;
            }
        }
        edit(s);
        write_shard(path, s);
    }
    assert!(found, "the commune is cached");
}

fn clean_answer(dir: &Path) -> String {
    let (plain, code) = check(dir, &["--no-cache"], &[]);
    assert_eq!(code, 0, "{plain}");
    plain
}

/// What the tests below guard against: a forged cache that passes every
/// check is believed. (So a cache must come only from kh itself, never
/// from a checkout: see `a_cache_committed_to_git_is_never_read`.)
#[test]
fn a_forged_cache_that_passes_every_check_would_change_the_answer() {
    let dir = small();
    let plain = clean_answer(dir.path());
    check(dir.path(), &[], &[VERSION]);
    poison(dir.path(), |_| {});
    let (forged, code) = check(dir.path(), &[], &[VERSION]);
    assert_ne!(forged, plain);
    assert_eq!(code, 1, "{forged}");
    assert!(forged.contains("\"duplicate-id\""), "{forged}");
}

#[test]
fn a_forged_cache_of_another_version_is_not_used() {
    let dir = small();
    let plain = clean_answer(dir.path());
    check(dir.path(), &[], &[VERSION]);
    poison(dir.path(), |s| s.version = "kh-forge-test-other".into());
    assert_eq!(check(dir.path(), &[], &[VERSION]), (plain.clone(), 0));
    // And it was written anew: a second run is clean as well.
    assert_eq!(check(dir.path(), &[], &[VERSION]), (plain, 0));
}

#[test]
fn a_cache_from_another_repository_is_not_used() {
    let dir = small();
    let plain = clean_answer(dir.path());
    check(dir.path(), &[], &[VERSION]);
    poison(dir.path(), |_| {});
    // The same files and the same (poisoned) cache, in another folder.
    let other = tempfile::tempdir().unwrap();
    let copy = std::process::Command::new("cp")
        .arg("-a")
        .arg(dir.path().join("plans"))
        .arg(dir.path().join(".kh-cache"))
        .arg(other.path())
        .status()
        .unwrap();
    assert!(copy.success());
    assert_eq!(check(other.path(), &[], &[VERSION]), (plain, 0));
}

#[test]
fn a_truncated_or_damaged_cache_is_not_used() {
    let dir = small();
    let plain = clean_answer(dir.path());
    check(dir.path(), &[], &[VERSION]);
    poison(dir.path(), |_| {});
    let poisoned: Vec<(PathBuf, Vec<u8>)> = shard_files(dir.path())
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    let mut damages = damages();
    damages.push(("emptied", |b| b.clear()));
    for (why, damage) in damages {
        for (p, bytes) in &poisoned {
            let mut b = bytes.clone();
            damage(&mut b);
            std::fs::write(p, b).unwrap();
        }
        assert_eq!(
            check(dir.path(), &[], &[VERSION]),
            (plain.clone(), 0),
            "{why}"
        );
    }
    // A shard that is a FIFO or a directory is passed by, never opened.
    for (p, _) in &poisoned {
        std::fs::remove_file(p).unwrap();
    }
    let fifo = &poisoned[0].0;
    assert!(
        std::process::Command::new("mkfifo")
            .arg(fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::create_dir(&poisoned[1].0).unwrap();
    assert_eq!(check(dir.path(), &[], &[VERSION]), (plain, 0));
}

#[test]
fn a_cache_committed_to_git_is_never_read() {
    let dir = small();
    let plain = clean_answer(dir.path());
    check(dir.path(), &[], &[VERSION]);
    poison(dir.path(), |_| {});
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    // As a hostile pull request would: forced past the cache's .gitignore.
    git(&["add", "-f", "."]);
    git(&["commit", "-q", "-m", "plans and a planted cache"]);
    let tracked: Vec<(PathBuf, Vec<u8>)> = shard_files(dir.path())
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    assert_eq!(check(dir.path(), &[], &[VERSION]), (plain, 0));
    // Nor written over: the checkout stays as the pull request left it.
    for (p, bytes) in tracked {
        assert_eq!(std::fs::read(p).unwrap(), bytes);
    }
}

#[test]
fn a_cache_folder_that_is_a_link_turns_the_cache_off() {
    let dir = small();
    let plain = clean_answer(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".kh-cache")).unwrap();
    assert_eq!(check(dir.path(), &[], &[VERSION]), (plain.clone(), 0));
    assert_eq!(check(dir.path(), &[], &[VERSION]), (plain, 0));
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "nothing is written through the link"
    );
}

/// Plans are parsed with the run's school calendar ("trước khai giảng năm
/// học 2026-2027" is the opening day): a cache made under the ministry's
/// days is not used once kh.yaml moves them.
#[test]
fn a_cache_made_under_another_school_calendar_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(
        dir.path().join("plans/truong.yaml"),
        "kh: 1\nid: truong\ntitle: T\nissuer: Trường THCS A\nlevel: school\nissued: 2026-09-03\nperiod: năm học 2026-2027\ntargets:\n  - {id: '1', text: Học bạ số, metric: m, target: 100%, due: trước khai giảng năm học 2026-2027}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("plans/indicators.yaml"),
        "kh: 1\nindicators:\n  - {key: m, name: Học bạ số, unit: percent, direction: higher}\n",
    )
    .unwrap();
    let rules = |out: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let (out, _) = check(dir.path(), &[], &[]);
    assert_eq!(rules(&out), Vec::<String>::new());
    assert!(
        !shard_files(dir.path()).is_empty(),
        "the first run fills the cache"
    );
    // Opening on 1 September: the task is due before the plan was issued.
    std::fs::write(dir.path().join("kh.yaml"), "school_year:\n  start: 1/9\n").unwrap();
    let (warm, _) = check(dir.path(), &[], &[]);
    let (cold, _) = check(dir.path(), &["--no-cache"], &[]);
    assert_eq!(rules(&cold), ["due-before-issued"]);
    assert_eq!(warm, cold);
}

// ---- in git: files known by their blob id --------------------------------

use crate::util::git;

/// A plan's text with its id changed: still clean itself, but the plans
/// below it now name a parent that is gone.
fn renumbered(text: &str) -> String {
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    text.replace(&format!("id: {id}\n"), &format!("id: {id}-moi\n"))
}

/// In a git repository, a file git says is as staged is taken from the
/// cache without being read; every way a file can differ from what git's
/// index holds is seen, and the answer is always that of `--no-cache`.
/// Each step changes the answer, so that a file taken on git's word when
/// it should not be makes the test fail.
#[test]
fn in_git_every_kind_of_change_is_seen() {
    let dir = generated();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "plans"]);
    let same = |why: &str| {
        let (warm, wc) = check(d, &[], &[]);
        let (plain, pc) = check(d, &["--no-cache"], &[]);
        assert_eq!((&warm, wc), (&plain, pc), "{why}");
        warm
    };
    let first = same("the first run");
    assert!(d.join(".kh-cache/blobs.bin").is_file(), "blob ids kept");
    assert_eq!(same("warm"), first);
    let communes = clean_plans(d, "commune");
    let text = |p: &Path| std::fs::read_to_string(p).unwrap();
    let rel = |p: &Path| p.strip_prefix(d).unwrap().to_str().unwrap().to_string();
    let (a, b, c, e) = (&communes[0], &communes[1], &communes[2], &communes[3]);
    let a_text = text(a);
    // Changed in the work tree only.
    std::fs::write(a, renumbered(&a_text)).unwrap();
    let unstaged = same("unstaged");
    assert_ne!(unstaged, first);
    assert!(unstaged.contains("\"missing-parent\""));
    // Staged: the index now holds the new bytes.
    git(d, &["add", &rel(a)]);
    assert_eq!(same("staged"), unstaged);
    // Staged, then put back in the work tree: git's index names bytes that
    // are no longer the file's.
    std::fs::write(a, &a_text).unwrap();
    assert_eq!(same("staged, then reverted"), first);
    git(d, &["add", &rel(a)]);
    // Edited behind git's back: a file marked assume-unchanged is read.
    git(d, &["update-index", "--assume-unchanged", &rel(b)]);
    std::fs::write(b, renumbered(&text(b))).unwrap();
    let hidden = same("assume-unchanged");
    assert_ne!(hidden, first);
    git(d, &["update-index", "--no-assume-unchanged", &rel(b)]);
    git(d, &["checkout", "--", &rel(b)]);
    assert_eq!(same("restored"), first);
    // Committed.
    std::fs::write(c, renumbered(&text(c))).unwrap();
    git(d, &["commit", "-q", "-am", "c renumbered"]);
    let committed = same("committed");
    assert_ne!(committed, first);
    // A new plan not yet tracked, claiming the id of another.
    let copy = c.with_file_name("copy-of-e.yaml");
    std::fs::write(&copy, text(e)).unwrap();
    let untracked = same("untracked duplicate");
    assert!(untracked.contains("\"duplicate-id\""), "{untracked}");
    std::fs::remove_file(&copy).unwrap();
    // Deleted: its children lose their parent.
    git(d, &["rm", "-q", &rel(e)]);
    let deleted = same("deleted");
    assert_ne!(deleted, committed);
    git(d, &["commit", "-q", "-m", "e deleted"]);
    assert_eq!(same("deletion committed"), deleted);
    // Renamed, content unchanged: found under its new name.
    let moved = b.with_file_name("moved.yaml");
    git(d, &["mv", &rel(b), &rel(&moved)]);
    let renamed = same("renamed");
    // Another version of kh: the same answer from a cache made anew.
    let (other, _) = check(d, &[], &[("KH_CACHE_VERSION", "kh-test-other")]);
    assert_eq!(other, renamed);
    assert_eq!(same("back to this version"), renamed);
}

/// The blob index as kh writes it (src/cache.rs): what a blob id stands for.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
enum Outline {
    Plan {
        id: String,
        parents: Vec<String>,
        clean: bool,
    },
    Broken {
        claimed: Option<String>,
    },
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
struct Known {
    hash: [u8; 32],
    outline: Outline,
}

type Blobs = ((String, [u8; 32], u32, u64), Vec<([u8; 20], Known)>);

fn read_blobs(dir: &Path) -> Blobs {
    let bytes = std::fs::read(dir.join(".kh-cache/blobs.bin")).unwrap();
    let (header, rest) =
        postcard::take_from_bytes::<(String, [u8; 32], u32, u64)>(&bytes[40..]).unwrap();
    (header, postcard::from_bytes(rest).unwrap())
}

fn write_blobs(dir: &Path, (header, list): &Blobs) {
    let mut body = postcard::to_allocvec(header).unwrap();
    body.extend(postcard::to_allocvec(list).unwrap());
    let mut file = b"KHCACHE\x02".to_vec();
    file.extend_from_slice(&sha2::Sha256::digest(&body));
    file.extend_from_slice(&body);
    std::fs::write(dir.join(".kh-cache/blobs.bin"), file).unwrap();
}

/// The blob id git's index gives a file.
fn oid_of(dir: &Path, rel: &str) -> [u8; 20] {
    let line = git(dir, &["ls-files", "-s", "--", rel]);
    let hex = line.split_whitespace().nth(1).unwrap();
    let mut oid = [0u8; 20];
    for (n, b) in oid.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * n..2 * n + 2], 16).unwrap();
    }
    oid
}

/// The small repository in git, its cache warm, and its blob index
/// poisoned: commune A's blob id stands for the province's plan.
fn poisoned_blobs() -> (tempfile::TempDir, String) {
    let dir = small();
    let d = dir.path();
    let plain = clean_answer(d);
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "plans"]);
    check(d, &[], &[VERSION]);
    let (header, mut list) = read_blobs(d);
    let (commune, province) = (oid_of(d, "plans/p/xa-a.yaml"), oid_of(d, "plans/p/so.yaml"));
    let province = list.iter().find(|(o, _)| *o == province).unwrap().1.clone();
    let entry = list.iter_mut().find(|(o, _)| *o == commune).unwrap();
    entry.1 = province;
    write_blobs(d, &(header, list));
    (dir, plain)
}

/// What the blob index's checks guard against: one that passes them all
/// is believed (so it must come from kh alone, as the shards do).
#[test]
fn a_forged_blob_index_that_passes_every_check_would_change_the_answer() {
    let (dir, plain) = poisoned_blobs();
    let (forged, code) = check(dir.path(), &[], &[VERSION]);
    assert_ne!(forged, plain);
    assert_eq!(code, 1, "{forged}");
    assert!(forged.contains("\"duplicate-id\""), "{forged}");
}

#[test]
fn a_blob_index_truncated_damaged_or_of_another_version_is_not_used() {
    let (dir, plain) = poisoned_blobs();
    let d = dir.path();
    let path = d.join(".kh-cache/blobs.bin");
    let poisoned = std::fs::read(&path).unwrap();
    let damages = damages();
    for (why, damage) in damages {
        let mut b = poisoned.clone();
        damage(&mut b);
        std::fs::write(&path, b).unwrap();
        assert_eq!(check(d, &[], &[VERSION]), (plain.clone(), 0), "{why}");
    }
    std::fs::write(&path, &poisoned).unwrap();
    let (mut header, list) = read_blobs(d);
    header.0 = "kh-forge-test-other".into();
    write_blobs(d, &(header, list));
    assert_eq!(
        check(d, &[], &[VERSION]),
        (plain.clone(), 0),
        "another version"
    );
    // Copied to another repository: its identity is not that one's.
    std::fs::write(&path, &poisoned).unwrap();
    let other = tempfile::tempdir().unwrap();
    let copy = std::process::Command::new("cp")
        .arg("-a")
        .arg(d.join("."))
        .arg(other.path())
        .status()
        .unwrap();
    assert!(copy.success());
    assert_eq!(check(other.path(), &[], &[VERSION]), (plain, 0), "copied");
}

/// `kh check --changed` with the cache decodes only the plans a change
/// touches: for a pull request that changes one commune plan, with the
/// cache's plans gone, it reads and writes back a few of its files, where
/// a whole check writes them all; and it says what `--no-cache` says.
#[test]
fn changed_decodes_only_the_cascade_of_a_change() {
    let dir = generated();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "plans"]);
    git(d, &["checkout", "-q", "-b", "pr"]);
    let commune = &clean_plans(d, "commune")[0];
    let text = std::fs::read_to_string(commune).unwrap();
    std::fs::write(commune, text.replacen("title: ", "title: (PR) ", 1)).unwrap();
    git(d, &["commit", "-q", "-am", "one commune"]);
    check(d, &[], &[]);
    let all = shard_files(d).len();
    assert!(all > 100, "{all} shards");
    for p in shard_files(d) {
        std::fs::remove_file(p).unwrap();
    }
    let (fast, code) = check(d, &["--changed", "main"], &[]);
    let (plain, plain_code) = check(d, &["--changed", "main", "--no-cache"], &[]);
    assert_eq!((&fast, code), (&plain, plain_code));
    let v: serde_json::Value = serde_json::from_str(&fast).unwrap();
    let plans = v["plans"].as_u64().unwrap();
    assert!((3..30).contains(&plans), "{plans} plans affected");
    let written = shard_files(d).len();
    assert!(
        (1..=2 * plans as usize).contains(&written),
        "{written} shards written for {plans} plans"
    );
    // The whole check reads every plan, and keeps them all again.
    let (whole, _) = check(d, &[], &[]);
    assert_eq!(whole, check(d, &["--no-cache"], &[]).0);
    assert_eq!(shard_files(d).len(), all);
}

/// `kh due`, `kh status --rollup` and `kh diff` read the whole repository
/// through the cache as `kh check` does: the same answer, byte for byte,
/// without it, filling it, and from it; and `--no-cache` writes nothing.
#[test]
fn due_status_and_diff_answer_the_same_through_the_cache() {
    let dir = generated();
    let run = |args: &[&str]| {
        let mut cmd = crate::util::kh();
        cmd.current_dir(dir.path()).args(args);
        let (out, err, code) = crate::util::run(&mut cmd);
        assert_eq!(err, "", "{args:?} wrote to stderr");
        (out, code)
    };
    let province = clean_plans(dir.path(), "province");
    let province = province[0]
        .strip_prefix(dir.path())
        .unwrap()
        .to_str()
        .unwrap();
    let commands: [&[&str]; 4] = [
        // More rows than one piece of a table: written in blocks.
        &["due", "--month", "12/2026", "--today", TODAY],
        &[
            "due", "--month", "12/2026", "--today", TODAY, "--format", "csv",
        ],
        &["status", "--rollup", "--as-of", TODAY, "--format", "csv"],
        &["diff", province, "plans/national/bo-gddt-2026-2030.yaml"],
    ];
    for args in commands {
        let _ = std::fs::remove_dir_all(dir.path().join(".kh-cache"));
        let plain = run(&[args, &["--no-cache"]].concat());
        assert!(!plain.0.is_empty(), "{args:?}");
        assert!(
            !dir.path().join(".kh-cache").exists(),
            "{args:?} --no-cache writes nothing"
        );
        let first = run(args);
        assert!(
            shard_files(dir.path()).len() > 30,
            "{args:?} fills the cache"
        );
        let warm = run(args);
        assert_eq!(first, plain, "{args:?} filling the cache");
        assert_eq!(warm, plain, "{args:?} from the cache");
    }
}
