//! Exit status, as documented in the README: 0 clean, 1 error-level findings,
//! 2 could not run; a closed pipe is quiet; `--output` never replaces a file
//! without `--force`.

fn status(args: &[&str]) -> (i32, String) {
    let out = crate::util::kh().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn zero_one_two() {
    assert_eq!(status(&["check", "examples/clean"]).0, 0);
    assert_eq!(
        status(&["check", "examples/missing-parent"]).0,
        0,
        "warnings alone do not fail"
    );
    assert_eq!(
        status(&["check", "--strict", "examples/missing-parent"]).0,
        1
    );
    assert_eq!(status(&["check", "examples/looser-threshold"]).0, 1);
    let (code, err) = status(&["check", "no/such/dir"]);
    assert_eq!(code, 2);
    assert_eq!(err, "kh: error: no/such/dir: no such file or directory\n");
    assert_eq!(status(&["check", "--no-such-flag"]).0, 2);
    assert_eq!(status(&["frobnicate"]).0, 2);
}

#[test]
fn broken_pipe_is_quiet_for_every_command() {
    let kh = assert_cmd::cargo::cargo_bin("kh");
    for cmd in [
        "check --format short",
        "due --month 12/2026 --format csv",
        "diff ninh-binh/so-gddt-2026 ninh-binh/tam-chuc-2026 --format csv",
        "status --format csv",
        "schema",
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{} {cmd} | head -c 10 > /dev/null; echo ${{PIPESTATUS:-x}}",
                kh.display()
            ))
            .output()
            .unwrap();
        assert!(
            out.stderr.is_empty(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn output_file_is_never_overwritten_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("due.csv");
    let f = file.to_str().unwrap();
    assert_eq!(
        status(&["due", "--month", "12/2026", "--format", "csv", "-o", f]).0,
        0
    );
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.starts_with("\u{feff}date,days left,status,plan"));
    let (code, err) = status(&["due", "--month", "11/2026", "--format", "csv", "-o", f]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists: not overwritten (use --force to replace it)"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    assert_eq!(
        status(&[
            "due", "--month", "11/2026", "--format", "csv", "-o", f, "--force"
        ])
        .0,
        0
    );
    assert_ne!(std::fs::read_to_string(&file).unwrap(), first);
    let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

/// `-o FILE` takes its format from the file's extension (or --format), never
/// from the terminal kh runs in: no colour, no human layout, no width limit.
/// The terminal is a real pseudo-terminal from util-linux `script`.
#[test]
fn output_file_format_never_follows_the_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("SKIPPED: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let kh = assert_cmd::cargo::cargo_bin("kh");
    let in_tty = |args: &str| {
        let out = crate::util::kh_plain("script")
            .args(["-qec", &format!("{} {args}", kh.display()), "/dev/null"])
            .env("COLUMNS", "40")
            .output()
            .unwrap();
        assert!(out.status.code().is_some());
    };
    let looser = std::fs::canonicalize("examples/looser-threshold").unwrap();
    let txt = dir.path().join("out.txt");
    in_tty(&format!("check {} -o {}", looser.display(), txt.display()));
    let got = std::fs::read_to_string(&txt).unwrap();
    assert!(!got.contains('\u{1b}'), "colour codes in a file: {got:?}");
    assert!(
        got.contains(": error[looser-threshold]: "),
        "not the one-line format: {got}"
    );
    let json = dir.path().join("out.json");
    in_tty(&format!("check {} -o {}", looser.display(), json.display()));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["findings"][0]["rule"], "looser-threshold");
    let due = dir.path().join("due.txt");
    let plans = std::fs::canonicalize(".").unwrap();
    in_tty(&format!(
        "due {} --month 12/2026 --today 2026-12-01 -o {}",
        plans.join("plans").display(),
        due.display()
    ));
    let got = std::fs::read_to_string(&due).unwrap();
    assert!(
        !got.contains('…'),
        "texts cut to the terminal's width in a file:\n{got}"
    );
}

/// kh.yaml is validated like a plan (issue 16): a mistyped key would leave
/// strict mode silently off in CI, and an unknown language silently English.
#[test]
fn a_mistyped_kh_yaml_is_an_error_naming_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("plans")).unwrap();
    let run = |settings: &str| {
        std::fs::write(tmp.path().join("kh.yaml"), settings).unwrap();
        let out = crate::util::kh()
            .current_dir(tmp.path())
            .args(["check", "--lang", "en"])
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    assert_eq!(
        run("plans: plans\nstric: true\n"),
        (
            2,
            "kh: error: kh.yaml:2:1: unknown key `stric` in kh.yaml: expected one of plans, reports, lang, strict, rules, external; did you mean `strict`?\n".to_string()
        )
    );
    assert_eq!(
        run("lang: xx\n"),
        (
            2,
            "kh: error: kh.yaml:1:7: `lang: xx` in kh.yaml: expected vi or en\n".to_string()
        )
    );
    // Known keys are read (the empty plans/ is then the finding, not kh.yaml).
    let (code, err) = run("strict: true\nexternal: [a/b]\nlang: vi\n");
    assert_eq!((code, err.as_str()), (1, ""));
}
