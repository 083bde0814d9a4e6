//! Snapshots of every format of every command, with insta. After an intended
//! change: `cargo insta review` (or `INSTA_UPDATE=always cargo test`) and
//! read the diff.

fn golden(name: &str, args: &[&str]) {
    let out = crate::util::kh()
        .env("COLUMNS", "120")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8(out.stdout).unwrap();
    insta::with_settings!({
        description => format!("kh {}", args.join(" ")),
        omit_expression => true,
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name, got);
    });
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
    let out = crate::util::kh()
        .args(CHECK)
        .args(["--format", "github"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    for l in &lines[..4] {
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
