//! The README's commands and its complete example must stay true.

#[test]
fn readme_example_plan_loads_without_findings() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("## The plan format").unwrap();
    let block = &readme[start..];
    let open = block.find("```yaml\n").unwrap() + "```yaml\n".len();
    let close = block[open..].find("```").unwrap();
    let (plan, findings) = kh::load::plan(0, &block[open..open + close]);
    assert!(findings.is_empty(), "{findings:?}");
    let plan = plan.unwrap();
    assert_eq!(plan.targets.len(), 2);
    assert_eq!(plan.tasks.len(), 1);
}

#[test]
fn ci_runs_exactly_the_readme_test_command() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    let first_screen: String = readme.lines().take(15).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo run --release -- check"));
    assert!(first_screen.contains("cargo test --all-targets"));
    // The command may be preceded only by environment assignments (the locale).
    assert!(ci.lines().any(|l| {
        let words: Vec<&str> = l.split_whitespace().filter(|w| !w.contains('=')).collect();
        words == ["cargo", "test", "--all-targets"]
    }));
    assert!(ci.contains("cargo fmt --all -- --check"));
    assert!(ci.contains("cargo clippy --all-targets -- -D warnings"));
}
