//! The rule registry is the one list of rules: every rule has an example
//! repository that shows it, a README row and text in both languages, and
//! `kh explain` speaks each language.

use kh::rules::Rule;

#[test]
fn every_rule_has_an_example_repository_that_reports_it() {
    // Git cannot store a FIFO or an 11 MB file, nor a file outside every
    // repository: these examples are made in a temporary copy by
    // tests/it/examples.rs, which must then test them.
    let made = [Rule::NotAFile, Rule::TooLarge, Rule::CheckedAlone];
    let examples_rs = std::fs::read_to_string("tests/it/examples.rs").unwrap();
    for rule in Rule::ALL {
        let dir = rule.example();
        assert!(
            std::path::Path::new(&dir).join("README.md").is_file(),
            "{rule}: {dir}/README.md is missing"
        );
        if made.contains(rule) {
            let test = format!("fn {}()", rule.name().replace('-', "_"));
            assert!(
                examples_rs.contains(&test),
                "{rule}: no {test} in examples.rs"
            );
            assert!(
                examples_rs.contains(&format!("[{}]: ", rule.name())),
                "{rule}: examples.rs asserts no finding of it"
            );
            continue;
        }
        let (out, err, _) =
            crate::util::run(crate::util::kh().args(["check", &dir, "--today", "2026-12-01"]));
        assert!(err.is_empty(), "{rule}: {err}");
        assert!(
            out.contains(&format!("[{}]", rule.name())),
            "kh check {dir} does not report {rule}:\n{out}"
        );
    }
}

#[test]
fn the_readme_rule_table_is_the_registry() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("<!-- rules: generated").expect("rules marker");
    let start = start + readme[start..].find('\n').unwrap() + 1;
    let end = readme.find("<!-- end of rules -->").expect("end marker");
    let (table, _, code) = crate::util::run(
        crate::util::kh().args(["check", "--rules", "--format", "markdown", "--lang", "en"]),
    );
    assert_eq!(code, 0);
    assert_eq!(
        readme[start..end].trim_end(),
        table.trim_end(),
        "README's rule table is stale: paste `kh check --rules --format markdown --lang en`"
    );
    for rule in Rule::ALL {
        assert!(
            readme[start..end].contains(&format!("| {} |", rule.name())),
            "{rule}"
        );
    }
}

#[test]
fn rules_list_as_json_with_both_texts() {
    let (out, _, code) =
        crate::util::run(crate::util::kh().args(["check", "--rules", "--format", "json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), Rule::ALL.len());
    let looser = list
        .iter()
        .find(|r| r["rule"] == "looser-threshold")
        .unwrap();
    assert_eq!(looser["severity"], "error");
    assert_eq!(looser["group"], "cascade");
    assert_eq!(looser["example"], "examples/looser-threshold");
}

#[test]
fn explain_looser_threshold_in_both_languages() {
    let (en, _, code) =
        crate::util::run(crate::util::kh().args(["explain", "looser-threshold", "--lang", "en"]));
    assert_eq!(code, 0);
    assert!(
        en.starts_with("looser-threshold (error, cascade)\n\n"),
        "{en}"
    );
    assert!(en.contains("at least as strictly"), "{en}");
    assert!(
        en.trim_end()
            .ends_with("example: examples/looser-threshold/")
    );
    let (vi, _, code) =
        crate::util::run(crate::util::kh().args(["explain", "looser-threshold", "--lang", "vi"]));
    assert_eq!(code, 0);
    assert!(
        vi.starts_with("looser-threshold (lỗi, cấp trên - cấp dưới)\n\n"),
        "{vi}"
    );
    assert!(vi.contains("ít nhất chặt như cấp trên"), "{vi}");
    assert!(vi.trim_end().ends_with("ví dụ: examples/looser-threshold/"));
}

#[test]
fn a_mistyped_rule_names_the_nearest() {
    let (_, err, code) = crate::util::run(crate::util::kh().args(["explain", "looser-treshold"]));
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "kh: error: unknown rule `looser-treshold`; did you mean `looser-threshold`? (`kh check --rules` lists them)"
    );
}

#[test]
fn kh_yaml_sets_a_rules_severity_and_refuses_unknown_names() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str| {
        let to = dir
            .path()
            .join(from.trim_start_matches("examples/missing-adoption/"));
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    for f in std::fs::read_dir("examples/missing-adoption/plans").unwrap() {
        copy(&f.unwrap().path().display().to_string());
    }
    let check = || crate::util::run(crate::util::kh().arg("check").current_dir(dir.path()));
    let (out, _, code) = check();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[missing-adoption]"), "{out}");
    std::fs::write(
        dir.path().join("kh.yaml"),
        "rules:\n  missing-adoption: error\n",
    )
    .unwrap();
    let (out, _, code) = check();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[missing-adoption]"), "{out}");
    std::fs::write(
        dir.path().join("kh.yaml"),
        "rules:\n  missing-adoptoin: error\n",
    )
    .unwrap();
    let (_, err, code) = check();
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "kh: error: kh.yaml: unknown rule `missing-adoptoin` under `rules:`; did you mean `missing-adoption`?"
    );
}
