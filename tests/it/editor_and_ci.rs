//! kh in CI and in the editor: the JSON Schema, `kh init`, completions, the man
//! page, both interface languages and colour.

use std::path::{Path, PathBuf};

fn kh_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    crate::util::run(
        crate::util::kh()
            .current_dir(dir)
            .env_remove("LANG")
            .env_remove("NO_COLOR")
            .args(args),
    )
}

fn kh(args: &[&str]) -> (String, String, i32) {
    kh_in(Path::new("."), args)
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

fn validator(which: &str) -> jsonschema::Validator {
    let (schema, _, code) = kh(&["schema", which]);
    assert_eq!(code, 0);
    jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap()
}

fn as_json(yaml: &str) -> serde_json::Value {
    serde_yaml::from_str(yaml).unwrap()
}

#[test]
fn committed_schemas_are_what_kh_schema_prints() {
    for (which, file) in [
        ("plan", "schema/plan.schema.json"),
        ("indicators", "schema/indicators.schema.json"),
        ("settings", "schema/settings.schema.json"),
    ] {
        let (out, _, _) = kh(&["schema", which]);
        assert_eq!(
            out,
            std::fs::read_to_string(file).unwrap(),
            "{file} is stale: run `kh schema {which} > {file}`"
        );
    }
}

#[test]
fn every_shipped_plan_validates_against_the_schema_and_names_it() {
    let plan = validator("plan");
    let catalog = validator("indicators");
    let mut files = Vec::new();
    yaml_files(Path::new("plans"), &mut files);
    assert_eq!(files.len(), 8);
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let first = src.lines().next().unwrap();
        assert!(
            first.starts_with("# yaml-language-server: $schema="),
            "{}",
            f.display()
        );
        let schema_path = f.parent().unwrap().join(first.split('=').nth(1).unwrap());
        assert!(
            schema_path.is_file(),
            "{} points at {}",
            f.display(),
            schema_path.display()
        );
        let v = if f.ends_with("indicators.yaml") {
            &catalog
        } else {
            &plan
        };
        let errors: Vec<String> = v
            .iter_errors(&as_json(&src))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", f.display());
    }
    let settings = validator("settings");
    assert!(settings.is_valid(&as_json(&std::fs::read_to_string("kh.yaml").unwrap())));
}

#[test]
fn what_the_loader_rejects_for_a_schema_reason_the_schema_rejects_too() {
    let plan = validator("plan");
    let good = "kh: 1\nid: a\ntitle: T\nissuer: I\nlevel: commune\nissued: 2026-06\nperiod: 2026\ntargets:\n  - id: '1'\n    text: t\n    metric: m\n    target: 20%\n";
    assert!(plan.is_valid(&as_json(good)));
    assert!(kh::load::plan(0, good).1.is_empty());
    for (bad, rule) in [
        (
            good.replace("issuer:", "isuer: x\nissuer:"),
            "unknown-field",
        ),
        (
            good.replace("    target: 20%\n", "    target: 20%\n    tagret: 5%\n"),
            "unknown-field",
        ),
        (good.replace("title: T\n", ""), "schema"),
        (good.replace("targets:\n", "targets: none\nx:\n"), "schema"),
        (good.replace("    metric: m\n", ""), "schema"),
    ] {
        let (_, findings) = kh::load::plan(0, &bad);
        assert!(
            findings.iter().any(|f| f.rule == rule),
            "loader accepts:\n{bad}"
        );
        assert!(!plan.is_valid(&as_json(&bad)), "schema accepts:\n{bad}");
    }
}

#[test]
fn init_creates_a_repository_that_checks_clean_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x");
    let d = dir.to_str().unwrap();
    let (out, err, code) = kh(&["init", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kh check"));
    let (out, err, code) = kh_in(&dir, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.trim(),
        "đã kiểm tra 1 kế hoạch trong . (đọc 2 tệp, 0 tệp có lỗi): 0 lỗi, 0 cảnh báo, 0 ghi chú"
    );

    let gh: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(dir.join(".github/workflows/kh.yml")).unwrap(),
    )
    .unwrap();
    let steps = gh["jobs"]["check"]["steps"].as_sequence().unwrap();
    assert!(
        steps
            .iter()
            .any(|s| s["run"].as_str() == Some("kh check --format github"))
    );
    let gl: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap())
            .unwrap();
    let script: Vec<&str> = gl["kh-check"]["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(
        script
            .iter()
            .any(|s| s
                .starts_with(".kh/bin/kh check --format gitlab -o gl-code-quality-report.json"))
    );
    assert_eq!(
        gl["kh-check"]["artifacts"]["reports"]["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );

    std::fs::write(dir.join("kh.yaml"), "plans: plans\n# edited\n").unwrap();
    std::fs::remove_file(dir.join(".gitlab-ci.yml")).unwrap();
    let (out, err, code) = kh(&["init", d, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "wrote 1 file in {d}: .gitlab-ci.yml\nnext: kh check\nleft as they were (already there; --force replaces them): kh.yaml, README.md, plans/indicators.yaml, plans/vi-du/so-gddt-2027.yaml, reports/.gitkeep, schema/plan.schema.json, schema/indicators.schema.json, .github/workflows/kh.yml, .gitignore\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("kh.yaml")).unwrap(),
        "plans: plans\n# edited\n"
    );
    let (out, _, code) = kh(&["init", d, "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("nothing to write: {d} already has every file")),
        "{out}"
    );
    let (_, _, code) = kh(&["init", d, "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(dir.join("kh.yaml"))
            .unwrap()
            .contains("reports: reports")
    );
}

/// A folder that already keeps its plans (with its own README and a kh.yaml
/// naming another plans folder) gains the missing files only, in the folders
/// its kh.yaml names, with no example plan beside its own, and checks clean.
#[test]
fn init_in_an_existing_repository_writes_only_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("README.md"), "# Our plans\n").unwrap();
    std::fs::write(dir.join("kh.yaml"), "plans: docs/plans\nlang: en\n").unwrap();
    std::fs::create_dir_all(dir.join("docs/plans")).unwrap();
    std::fs::write(
        dir.join("docs/plans/so.yaml"),
        "kh: 1\nid: so\ntitle: T\nissuer: Sở GDĐT\nlevel: province\nissued: 2026-01-10\nperiod: 2026\n",
    )
    .unwrap();
    let (out, err, code) = kh_in(dir, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "wrote 7 files in .: docs/plans/indicators.yaml, reports/.gitkeep, schema/plan.schema.json, schema/indicators.schema.json, .github/workflows/kh.yml, .gitlab-ci.yml, .gitignore\nnext: kh check\nleft as they were (already there; --force replaces them): kh.yaml, README.md\nno example plan written: docs/plans/ already holds plans\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).unwrap(),
        "# Our plans\n"
    );
    assert!(!dir.join("docs/plans/vi-du").exists());
    assert!(!dir.join("plans").exists());
    // The catalog's schema line reaches schema/ from docs/plans/.
    let catalog = std::fs::read_to_string(dir.join("docs/plans/indicators.yaml")).unwrap();
    assert!(
        catalog
            .starts_with("# yaml-language-server: $schema=../../schema/indicators.schema.json\n"),
        "{catalog}"
    );
    let (out, err, code) = kh_in(dir, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.trim(),
        "checked 1 plan in . (2 files read, 0 with errors): 0 errors, 0 warnings, 0 notes"
    );
}

/// The CI templates need nothing filled in: they name this kh's version and
/// source, install it only when the cache does not hold that version, and
/// run `kh check` once.
#[test]
fn init_writes_ci_templates_with_no_placeholders_that_install_kh_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (_, err, code) = kh_in(dir, &["init"]);
    assert_eq!(code, 0, "{err}");
    let mut written = Vec::new();
    fn all(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                all(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    all(dir, &mut written);
    assert_eq!(written.len(), 10);
    // The schemas are kh's own text; every other file is the user's to keep.
    for f in written
        .iter()
        .filter(|f| !f.starts_with(dir.join("schema")))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for placeholder in ["@KH_", "KH_GIT_URL", "…", "TODO", "example.com"] {
            assert!(
                !text.contains(placeholder),
                "{} holds {placeholder}",
                f.display()
            );
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    let source = env!("CARGO_PKG_REPOSITORY");

    let gh: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(dir.join(".github/workflows/kh.yml")).unwrap(),
    )
    .unwrap();
    assert_eq!(gh["env"]["KH_VERSION"].as_str(), Some(version));
    let steps = gh["jobs"]["check"]["steps"].as_sequence().unwrap();
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("${{ env.KH_VERSION }}")
    );
    let install = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("cargo install"))
        })
        .expect("an install step");
    assert_eq!(
        install["if"].as_str(),
        Some("steps.kh-cache.outputs.cache-hit != 'true'")
    );
    let install = install["run"].as_str().unwrap();
    assert!(
        install.contains(&format!("--git {source} --tag \"v$KH_VERSION\"")),
        "{install}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s["with"]["path"].as_str() == Some(".kh-cache")),
        "kh's cache of parsed plans is kept between runs"
    );
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert_eq!(runs.iter().filter(|r| r.contains("kh check")).count(), 1);

    let gl: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap())
            .unwrap();
    let job = &gl["kh-check"];
    assert_eq!(job["variables"]["KH_VERSION"].as_str(), Some(version));
    assert_eq!(job["cache"][0]["key"].as_str(), Some("kh-$KH_VERSION"));
    // kh's cache of parsed plans is kept between pipelines too.
    assert_eq!(job["cache"][1]["paths"][0].as_str(), Some(".kh-cache/"));
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert_eq!(
        script.iter().filter(|s| s.contains("kh check")).count(),
        1,
        "{script:?}"
    );
    assert!(
        script[0].starts_with("test -x .kh/bin/kh || cargo install"),
        "{script:?}"
    );
}

/// A report written with -o leaves the tally in the log: one run of kh
/// serves the merge request widget and the job log.
#[test]
fn check_to_a_file_leaves_its_summary_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("gl.json");
    let (out, err, code) = kh(&[
        "check",
        "examples/looser-threshold",
        "--format",
        "gitlab",
        "--lang",
        "en",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.starts_with("checked 2 plans in examples/looser-threshold"),
        "{err}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(json.as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (out, _, code) = kh(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(
            out.contains("check") && out.contains("due") && out.contains("month"),
            "{shell}"
        );
    }
    let (man, _, code) = kh(&["man"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie") || man.contains(".TH kh"),
        "{}",
        &man[..80]
    );
}

#[test]
fn the_same_broken_example_in_both_languages() {
    let (vi, _, code) = kh(&["check", "--lang", "vi", "examples/looser-threshold"]);
    assert_eq!(code, 1);
    assert_eq!(
        vi.lines().collect::<Vec<_>>(),
        vec![
            "examples/looser-threshold/plans/phuong-a-2026.yaml:22:13: error[looser-threshold]: chỉ tiêu 2.3 (teachers-using-ai) của tinh/phuong-a-2026 lỏng hơn chỉ tiêu cấp trên: cần ngưỡng nằm trong `>= 20%` (chỉ tiêu III.2 của tinh/so-gddt-2026), gặp `>= 15%` [chỉ tiêu III.2 của tinh/so-gddt-2026: examples/looser-threshold/plans/so-gddt-2026.yaml:23:13]",
            "đã kiểm tra 2 kế hoạch trong examples/looser-threshold (đọc 3 tệp, 1 tệp có lỗi): 1 lỗi, 0 cảnh báo, 0 ghi chú",
        ]
    );
    let (en, _, _) = kh(&["check", "--lang", "en", "examples/looser-threshold"]);
    assert!(en.contains("is looser than its parent's: expected a threshold within `>= 20%`"));
    assert!(
        en.ends_with(
            "checked 2 plans in examples/looser-threshold (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes\n"
        )
    );
    let (human, _, _) = kh(&[
        "check",
        "--lang",
        "vi",
        "--format",
        "human",
        "examples/plan-issued-late",
    ]);
    assert!(
        human.starts_with("cảnh báo[plan-issued-late]: kế hoạch ban hành 06/2026"),
        "{human}"
    );
}

#[test]
fn language_from_lang_and_kh_yaml_and_for_every_command() {
    let out = crate::util::kh()
        .env("LANG", "vi_VN.UTF-8")
        .args([
            "due",
            "--month",
            "12/2026",
            "--today",
            "2026-11-23",
            "--plan",
            "ninh-binh/tam-chuc-2026",
            "--kind",
            "report",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("báo cáo") && out.contains("chủ trì"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("đến hạn từ 01/12/2026 đến 31/12/2026: 0 chỉ tiêu, 0 nhiệm vụ, 2 báo cáo")
    );
    let (st, _, _) = kh(&[
        "status",
        "--lang",
        "vi",
        "--as-of",
        "2026-11-23",
        "--plan",
        "ninh-binh/so-gddt-2026",
        "--format",
        "csv",
    ]);
    assert!(st.starts_with(
        "\u{feff}kế hoạch,chỉ tiêu,chỉ số,nhóm,ngưỡng,đạt được,tính đến,hạn,tình trạng\n"
    ));
    assert!(
        st.contains(",quá hạn\n")
            && st.contains(",chưa có số liệu\n")
            && st.contains(",sắp đến hạn\n")
    );
    let (df, _, _) = kh(&[
        "diff",
        "--lang",
        "vi",
        "ninh-binh/so-gddt-2026",
        "ninh-binh/tam-chuc-2026",
        "--format",
        "csv",
    ]);
    assert!(df.contains(",chặt hơn,") && df.contains(",chỉ có ở A,"));
    let (help, _, _) = kh(&["--lang", "vi", "--help"]);
    assert!(help.contains("Kiểm tra mọi kế hoạch"));
    let (help, _, _) = kh(&["--help"]);
    assert!(help.contains("Validate every plan"));
    let tmp = tempfile::tempdir().unwrap();
    let (_, _, _) = kh(&["init", tmp.path().to_str().unwrap()]);
    let (out, _, _) = kh_in(tmp.path(), &["check"]);
    assert!(
        out.starts_with("đã kiểm tra"),
        "kh init writes lang: vi: {out}"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (plain, _, _) = kh(&["check", "examples/looser-threshold"]);
    assert!(!plain.contains('\x1b'));
    let (always, _, _) = kh(&["check", "--color", "always", "examples/looser-threshold"]);
    assert!(always.contains("\x1b[1;31merror[looser-threshold]\x1b[0m"));
    let out = crate::util::kh()
        .env("NO_COLOR", "1")
        .args(["check", "--color", "auto", "examples/looser-threshold"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\x1b'));
}

/// An editor using the schema offers the level words and refuses what no plan
/// can mean: a number for a level, an issue date or period with no year.
#[test]
fn the_schema_refuses_a_numeric_level_and_a_date_without_a_year() {
    let plan = validator("plan");
    let good = "kh: 1\nid: a\ntitle: T\nissuer: I\nlevel: commune\nissued: 2026-06\nperiod: 2026\n";
    assert!(plan.is_valid(&as_json(good)));
    for ok in [
        good.replace("level: commune", "level: phường"),
        good.replace("level: commune", "level: ward"),
        good.replace("issued: 2026-06", "issued: ngày 13 tháng 5 năm 2026"),
        good.replace(
            "period: 2026",
            "period: giai đoạn 2026 – 2030, tầm nhìn đến năm 2035",
        ),
    ] {
        assert!(plan.is_valid(&as_json(&ok)), "{ok}");
        let (p, findings) = kh::load::plan(0, &ok);
        assert!(p.is_some() && findings.is_empty(), "{ok}: {findings:?}");
    }
    for bad in [
        good.replace("level: commune", "level: 7"),
        good.replace("issued: 2026-06", "issued: \"tháng một\""),
        good.replace("period: 2026", "period: \"giai đoạn\""),
    ] {
        assert!(!plan.is_valid(&as_json(&bad)), "{bad}");
        assert!(
            !kh::load::plan(0, &bad).1.is_empty(),
            "the loader refuses {bad} too"
        );
    }
    let catalog = validator("indicators");
    let c = "kh: 1\nindicators:\n  - {key: a, name: A, unit: percent, direction: higher}\n";
    assert!(catalog.is_valid(&as_json(c)));
    assert!(!catalog.is_valid(&as_json(&c.replace("percent", "percentage"))));
    assert!(!catalog.is_valid(&as_json(&c.replace("higher", "up"))));
    let settings = validator("settings");
    assert!(settings.is_valid(&as_json("lang: vi\nrules: {missing-adoption: error}\n")));
    for bad in [
        "lang: xx\n",
        "stric: true\n",
        "rules: {missing-adoptoin: error}\n",
        "rules: {missing-adoption: fatal}\n",
    ] {
        assert!(!settings.is_valid(&as_json(bad)), "{bad}");
    }
}

/// Vietnamese letters that English never has: a description holding one in
/// its last paragraph has its Vietnamese half.
fn has_vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
            .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

/// An editor shows a field's description on hover: every field and every
/// kind of entry is described in English and then in Vietnamese.
#[test]
fn every_field_of_every_schema_is_described_in_both_languages() {
    for which in ["plan", "indicators", "settings"] {
        let (out, _, _) = kh(&["schema", which]);
        let s: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut objects = vec![("(root)".to_string(), &s)];
        if let Some(defs) = s["$defs"].as_object() {
            objects.extend(defs.iter().map(|(k, v)| (k.clone(), v)));
        }
        let mut described = 0;
        for (name, o) in objects {
            let mut fields: Vec<(String, &serde_json::Value)> = vec![(name.clone(), o)];
            if let Some(props) = o["properties"].as_object() {
                fields.extend(props.iter().map(|(k, v)| (format!("{name}.{k}"), v)));
            }
            for (field, v) in fields {
                let d = v["description"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{which}: {field} has no description"));
                let parts: Vec<&str> = d.split("\n\n").collect();
                assert!(
                    parts.len() >= 2 && has_vietnamese(parts[parts.len() - 1]),
                    "{which}: {field} is not described in both languages: {d:?}"
                );
                described += 1;
            }
        }
        assert!(described >= 7, "{which}: {described}");
    }
}
