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
    v.retain(|p| p.extension().is_some_and(|e| e == "bin"));
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
    let mut file = b"KHCACHE\x01".to_vec();
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
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 5] = [
        ("truncated by one byte", |b| {
            b.pop();
        }),
        ("cut in half", |b| b.truncate(b.len() / 2)),
        ("one byte changed", |b| {
            let n = b.len() - 3;
            b[n] ^= 0x55;
        }),
        ("emptied", |b| b.clear()),
        ("a byte added", |b| b.push(0)),
    ];
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
