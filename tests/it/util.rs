//! The one way tests run kh: the built binary with a clean environment, so that
//! the suite gives the same answer whatever the machine's locale, terminal or
//! KH_ variables (a maintainer's LANG=vi_VN.UTF-8 included). A test that wants
//! one of them sets it explicitly.

use assert_cmd::Command;

/// The variables kh or its libraries read; none leaks in from the machine.
const CLEARED: &[&str] = &[
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LC_CTYPE",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "TERM",
    "CI",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "GITHUB_BASE_REF",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
];

/// `kh` as a user would type it, in a clean environment with a temporary HOME.
pub fn kh() -> Command {
    clean(Command::cargo_bin("kh").expect("the kh binary is built"))
}

/// Another program (a shell, a pseudo-terminal) that runs kh, in the same
/// clean environment.
pub fn kh_plain(program: &str) -> Command {
    clean(Command::new(program))
}

fn clean(mut cmd: Command) -> Command {
    for var in CLEARED {
        cmd.env_remove(var);
    }
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("KH_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOME", home());
    cmd
}

/// One empty HOME for the whole run: kh must never read or write there.
fn home() -> &'static std::path::Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temporary HOME"))
        .path()
}

/// Standard output, standard error and exit status of one run.
pub fn run(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().expect("kh runs");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

/// `git` in `dir`, with a fixed identity and no signing, as a test's own
/// repository needs; panics with git's message when it fails.
pub fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
