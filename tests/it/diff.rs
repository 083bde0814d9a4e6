//! `kh diff` on the shipped Ninh Bình province plan and Tam Chúc ward plan.

fn kh(args: &[&str]) -> (String, String, i32) {
    crate::util::run(crate::util::kh().env("COLUMNS", "160").args(args))
}

/// Rows as (indicator, A id, A threshold, B id, B threshold, verdict, deadline verdict).
fn rows(args: &[&str]) -> Vec<[String; 7]> {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    let (out, err, code) = kh(&all);
    assert_eq!(code, 0, "{err}");
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            [&r[0], &r[2], &r[3], &r[5], &r[6], &r[8], &r[9]].map(String::from)
        })
        .collect()
}

fn row<'a>(rows: &'a [[String; 7]], metric: &str) -> Vec<&'a str> {
    let r = rows
        .iter()
        .find(|r| r[0] == metric)
        .unwrap_or_else(|| panic!("no row {metric}"));
    r.iter().map(String::as_str).collect()
}

const A: &str = "ninh-binh/so-gddt-2026";
const B: &str = "ninh-binh/tam-chuc-2026";

#[test]
fn province_against_ward_row_by_row() {
    let r = rows(&[A, B]);
    assert_eq!(r.len(), 40);
    assert_eq!(
        row(&r, "teachers-using-ai"),
        [
            "teachers-using-ai",
            "III.2b",
            ">= 20%",
            "2.3.3c",
            "phấn đấu >= 25%",
            "strives only",
            ""
        ]
    );
    assert_eq!(
        row(&r, "staff-digital-skills-mastery"),
        [
            "staff-digital-skills-mastery",
            "III.4",
            ">= 90%",
            "2.3.2",
            "> 95%",
            "stricter",
            "same"
        ]
    );
    assert_eq!(
        row(&r, "online-payment"),
        [
            "online-payment",
            "V.8",
            ">= 83%",
            "2.5.8",
            ">= 83%",
            // Both internal ([]): side by side, never judged.
            "not binding",
            ""
        ]
    );
    assert_eq!(
        row(&r, "teachers-digital-signature"),
        [
            "teachers-digital-signature",
            "II.2",
            "> 50%",
            "2.2.1",
            "'= 100%",
            "stricter",
            "same"
        ]
    );
    assert_eq!(
        row(&r, "citizen-satisfaction"),
        [
            "citizen-satisfaction",
            "V.9",
            ">= 95%",
            "2.5.9",
            ">= 97%",
            // V.9 is the Sở's own (internal): beside the ward's, not judged.
            "not binding",
            ""
        ]
    );
    assert_eq!(
        row(&r, "schools-building-digital-materials"),
        [
            "schools-building-digital-materials",
            "IV.3a",
            "'= 100%",
            "2.4.2a",
            "'= 4/4",
            "same",
            "same"
        ]
    );
    // Inside the Sở only, and the ward-only network-security targets.
    for (metric, id) in [
        ("so-staff-official-signature", "II.1"),
        ("diploma-records-digitised", "IV.4"),
        ("digitised-data-reuse", "IV.6"),
        ("admin-records-digitised", "IV.7"),
    ] {
        assert_eq!(
            row(&r, metric),
            [metric, id, row(&r, metric)[2], "", "", "only in A", ""]
        );
    }
    for (metric, id) in [
        ("info-systems-security-approved", "2.6.1"),
        ("schools-licensed-antivirus-backup", "2.6.2"),
        ("vendor-personal-data-access-controlled", "2.6.3"),
    ] {
        assert_eq!(
            row(&r, metric),
            [metric, "", "", id, row(&r, metric)[4], "only in B", ""]
        );
    }
    let verdicts = |v: &str| r.iter().filter(|x| x[5] == v).count();
    assert_eq!(
        (
            verdicts("stricter"),
            verdicts("same"),
            verdicts("only in A"),
            verdicts("only in B"),
            verdicts("not binding")
        ),
        // The thirteen targets the Sở keeps for itself (applies_to: []) and the
        // ward's of the same metrics are side by side, never judged.
        (2, 9, 8, 7, 13)
    );
}

#[test]
fn only_problems_keeps_the_target_the_ward_should_carry() {
    let r = rows(&[A, B, "--only-problems"]);
    // Tam Chúc 2.4.1 keeps only the sector database of the province's IV.1, not the
    // school-management software (issue 14 split IV.1 into IV.1a and IV.1b).
    assert_eq!(
        r,
        vec![
            [
                "teachers-using-ai",
                "III.2b",
                ">= 20%",
                "2.3.3c",
                "phấn đấu >= 25%",
                "strives only",
                ""
            ]
            .map(String::from),
            [
                "schools-using-school-management-software",
                "IV.1a",
                "'= 100%",
                "",
                "",
                "only in A",
                ""
            ]
            .map(String::from),
            [
                "sector-database-digitised-linked",
                "IV.2",
                "yes",
                "",
                "",
                "only in A",
                ""
            ]
            .map(String::from)
        ]
    );
}

#[test]
fn a_looser_edit_shows_as_looser_and_agrees_with_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("plans/ninh-binh");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["so-gddt-2026.yaml", "tam-chuc-2026.yaml"] {
        let src = std::fs::read_to_string(format!("plans/ninh-binh/{f}")).unwrap();
        std::fs::write(
            dir.join(f),
            src.replace(
                "target: Phân đầu tối thiểu 25%",
                "target: Phân đầu tối thiểu 15%",
            ),
        )
        .unwrap();
    }
    std::fs::copy(
        "plans/indicators.yaml",
        tmp.path().join("plans/indicators.yaml"),
    )
    .unwrap();
    let repo = tmp.path().to_str().unwrap();
    let r = rows(&[A, B, "--repo", repo, "--only-problems"]);
    assert_eq!(
        row(&r, "teachers-using-ai"),
        [
            "teachers-using-ai",
            "III.2b",
            ">= 20%",
            "2.3.3c",
            "phấn đấu >= 15%",
            "looser",
            ""
        ]
    );
}

#[test]
fn plans_by_path_and_the_other_way_round() {
    let r = rows(&[
        "plans/ninh-binh/tam-chuc-2026.yaml",
        "plans/ninh-binh/so-gddt-2026.yaml",
    ]);
    assert_eq!(
        row(&r, "teachers-using-ai"),
        [
            "teachers-using-ai",
            "2.3.3c",
            "phấn đấu >= 25%",
            "III.2b",
            ">= 20%",
            "looser",
            ""
        ]
    );
}

#[test]
fn table_and_json_and_unknown_plan() {
    let (out, _, code) = kh(&["diff", A, B]);
    assert_eq!(code, 0);
    assert!(out.starts_with("A: ninh-binh/so-gddt-2026 (Sở GDĐT Ninh Bình)\nB: ninh-binh/tam-chuc-2026 (UBND phường Tam Chúc)\n"));
    assert_eq!(
        out.lines().last().unwrap(),
        "40 rows: 9 same, 8 only in A, 2 stricter, 1 strives only, 13 not binding, 7 only in B; 0 later"
    );
    for line in out.lines() {
        assert!(kh::text::width(line) <= 160, "{line}");
    }
    let (json, _, _) = kh(&["diff", A, B, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 40);
    let (_, err, code) = kh(&["diff", A, "ninh-binh/tam-chuc"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `ninh-binh/tam-chuc-2026`?"),
        "{err}"
    );
}

/// `--exit-code`, as git diff has: 1 when B is looser, later or missing a
/// target it must carry, so a pipeline can gate on it; 0 otherwise.
#[test]
fn exit_code_gates_on_problems() {
    let (_, _, code) = kh(&["diff", "ninh-binh/so-gddt-2026", "ninh-binh/tam-chuc-2026"]);
    assert_eq!(code, 0, "without --exit-code diff always succeeds");
    let (_, err, code) = kh(&[
        "diff",
        "ninh-binh/so-gddt-2026",
        "ninh-binh/tam-chuc-2026",
        "--exit-code",
    ]);
    assert_eq!(code, 1, "Tam Chúc does not carry IV.2: {err}");
    let (_, err, code) = kh(&[
        "diff",
        "tinh/so-gddt-2026",
        "tinh/phuong-a-2026",
        "--repo",
        "examples/clean",
        "--exit-code",
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = kh(&[
        "diff",
        "tinh/so-gddt-2026",
        "tinh/phuong-a-2026",
        "--repo",
        "examples/looser-threshold",
        "--exit-code",
    ]);
    assert_eq!(code, 1, "{err}");
}
