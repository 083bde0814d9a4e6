//! Golden output of every format of every command. The expected files live in
//! tests/golden/; after an intended change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

use assert_cmd::Command;
use std::path::Path;

fn golden(name: &str, args: &[&str]) {
    let out = Command::cargo_bin("kh")
        .unwrap()
        .env("COLUMNS", "120")
        .env_remove("LANG")
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8(out.stdout).unwrap();
    let path = Path::new("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing {}: run UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    assert_eq!(
        got,
        want,
        "output of kh {} differs from {}",
        args.join(" "),
        path.display()
    );
}

/// A parent and a child with an error, a warning and a note.
const CHECK: &[&str] = &["check", "tests/golden/repo"];

#[test]
fn check_formats() {
    for f in [
        "short", "human", "json", "csv", "markdown", "table", "github", "gitlab",
    ] {
        let mut args = CHECK.to_vec();
        args.extend_from_slice(&["--format", f]);
        golden(&format!("check.{f}"), &args);
    }
}

#[test]
fn github_lines_are_workflow_commands() {
    let out = Command::cargo_bin("kh")
        .unwrap()
        .args(CHECK)
        .args(["--format", "github"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    for l in &lines[..3] {
        let rest = l
            .strip_prefix("::error ")
            .or_else(|| l.strip_prefix("::warning "))
            .or_else(|| l.strip_prefix("::notice "))
            .unwrap_or_else(|| panic!("{l}"));
        let (props, message) = rest.split_once("::").unwrap();
        assert!(!message.is_empty() && !message.contains('\n'));
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').unwrap().0)
            .collect();
        assert_eq!(keys, vec!["file", "line", "col", "title"]);
        for p in props.split(',') {
            let v = p.split_once('=').unwrap().1;
            assert!(!v.contains(':') && !v.is_empty(), "unescaped property {p}");
        }
    }
}

#[test]
fn due_formats() {
    for f in ["table", "csv", "json", "markdown", "ics"] {
        golden(
            &format!("due.{f}"),
            &[
                "due",
                "--month",
                "12/2026",
                "--today",
                "2026-11-23",
                "--plan",
                "ninh-binh/tam-chuc-2026",
                "--plan",
                "hai-phong/thpt-an-lao-2026",
                "--kind",
                "task",
                "--kind",
                "report",
                "--format",
                f,
            ],
        );
    }
}

#[test]
fn diff_formats() {
    for f in ["table", "csv", "json", "markdown"] {
        golden(
            &format!("diff.{f}"),
            &[
                "diff",
                "ninh-binh/so-gddt-2026",
                "ninh-binh/tam-chuc-2026",
                "--format",
                f,
            ],
        );
    }
}

#[test]
fn status_formats() {
    for f in ["table", "csv", "json", "markdown"] {
        golden(
            &format!("status.{f}"),
            &[
                "status",
                "--as-of",
                "2026-11-23",
                "--plan",
                "ninh-binh/so-gddt-2026",
                "--format",
                f,
            ],
        );
        golden(
            &format!("rollup.{f}"),
            &[
                "status",
                "--as-of",
                "2026-11-23",
                "--rollup",
                "--plan",
                "ninh-binh/so-gddt-2026",
                "--format",
                f,
            ],
        );
    }
}
