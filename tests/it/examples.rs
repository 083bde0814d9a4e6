//! Each example repository breaks exactly one rule; `kh check` on it prints
//! exactly these lines and exits with this status.

fn expect(example: &str, lines: &[&str], code: i32) {
    let out = crate::util::kh()
        .args(["check", &format!("examples/{example}")])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let got: Vec<&str> = stdout.lines().collect();
    assert_eq!(got, lines, "kh check examples/{example}");
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit status of kh check examples/{example}"
    );
}

#[test]
fn clean() {
    expect(
        "clean",
        &[
            "checked 2 plans in examples/clean (3 files read, 0 with errors): 0 errors, 0 warnings, 0 notes",
        ],
        0,
    );
}

#[test]
fn deadline() {
    expect(
        "deadline",
        &[
            "examples/deadline/plans/phuong-a-2026.yaml:23:10: error[deadline]: deadline \"Quý V/2026\": quarter V does not exist; quarters are I to IV (1 to 4); e.g. \"Quý IV/2026\"",
            "checked 2 plans in examples/deadline (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn duplicate_id() {
    expect(
        "duplicate-id",
        &[
            "examples/duplicate-id/plans/phuong-a-2026.yaml:25:9: error[duplicate-id]: duplicate target id `2.3`: targets[1] already has it",
            "checked 2 plans in examples/duplicate-id (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn incomparable_threshold() {
    expect(
        "incomparable-threshold",
        &[
            "examples/incomparable-threshold/plans/phuong-a-2026.yaml:28:13: error[incomparable-threshold]: target 2.5 (model-schools) cannot be compared with target IV.1 of tinh/so-gddt-2026: cannot compare a count of \"cụm trường\" (\">= 1 cụm trường\") with a count of \"mô hình\" (\">= 1 mô hình\") [target IV.1 of tinh/so-gddt-2026: examples/incomparable-threshold/plans/so-gddt-2026.yaml:31:13]",
            "checked 2 plans in examples/incomparable-threshold (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn invisible_char() {
    expect(
        "invisible-char",
        &[
            "examples/invisible-char/plans/phuong-a-2026.yaml:20:19: warning[invisible-char]: invisible character U+200B (zero-width space) was ignored; it usually comes from copying out of Word",
            "checked 2 plans in examples/invisible-char (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn issued_before_parent() {
    expect(
        "issued-before-parent",
        &[
            "examples/issued-before-parent/plans/phuong-a-2026.yaml:7:9: error[issued-before-parent]: plan issued before the plan it implements: expected on or after 13/05/2026 (tinh/so-gddt-2026), found 04/2026 [issue date of tinh/so-gddt-2026: examples/issued-before-parent/plans/so-gddt-2026.yaml:7:9]",
            "checked 2 plans in examples/issued-before-parent (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn later_deadline() {
    expect(
        "later-deadline",
        &[
            "examples/later-deadline/plans/phuong-a-2026.yaml:23:10: error[later-deadline]: target 2.3 (teachers-using-ai) is due later than its parent's: expected no later than 30/11/2026 (target III.2 of tinh/so-gddt-2026), found 31/12/2026 [target III.2 of tinh/so-gddt-2026: examples/later-deadline/plans/so-gddt-2026.yaml:24:10]",
            "checked 2 plans in examples/later-deadline (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn looser_threshold() {
    expect(
        "looser-threshold",
        &[
            "examples/looser-threshold/plans/phuong-a-2026.yaml:22:13: error[looser-threshold]: target 2.3 (teachers-using-ai) of tinh/phuong-a-2026 is looser than its parent's: expected a threshold within `>= 20%` (target III.2 of tinh/so-gddt-2026), found `>= 15%` [target III.2 of tinh/so-gddt-2026: examples/looser-threshold/plans/so-gddt-2026.yaml:23:13]",
            "checked 2 plans in examples/looser-threshold (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn milestone() {
    expect(
        "milestone",
        &[
            "examples/milestone/plans/phuong-a-2026.yaml:23:10: note[milestone]: target 2.3 (teachers-using-ai) is due 30/06/2026, before every parent target of this metric: an intermediate step, not judged against tinh/so-gddt-2026 [target III.2 of tinh/so-gddt-2026: examples/milestone/plans/so-gddt-2026.yaml:24:10]",
            "checked 2 plans in examples/milestone (3 files read, 0 with errors): 0 errors, 0 warnings, 1 note",
        ],
        0,
    );
}

#[test]
fn missing_adoption() {
    expect(
        "missing-adoption",
        &[
            "examples/missing-adoption/plans/phuong-a-2026.yaml:12:1: warning[missing-adoption]: parent target III.2 (teachers-using-ai) of tinh/so-gddt-2026 applies to commune plans but is neither adopted nor waived: expected a target with metric `teachers-using-ai` or a waiver with a reason [target III.2 of tinh/so-gddt-2026: examples/missing-adoption/plans/so-gddt-2026.yaml:22:13]",
            "checked 2 plans in examples/missing-adoption (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn missing_parent() {
    expect(
        "missing-parent",
        &[
            "examples/missing-parent/plans/phuong-a-2026.yaml:9:9: warning[missing-parent]: parent plan `tinh/khong-co-2026` is not in the repository: its targets cannot be checked against this plan; add it to plans/, or list it under `external:` in kh.yaml if it lives elsewhere",
            "checked 1 plan in examples/missing-parent (2 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn due_before_issued() {
    expect(
        "due-before-issued",
        &[
            "examples/due-before-issued/plans/phuong-a-2026.yaml:13:9: warning[due-before-issued]: target 2.3 is due 31/05/2026 (inherited from target III.2 of tinh/so-gddt-2026), before its plan was issued (10/06/2026): expected a deadline on or after the issue date [target III.2 of tinh/so-gddt-2026: examples/due-before-issued/plans/so-gddt-2026.yaml:16:10]",
            "checked 2 plans in examples/due-before-issued (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn broken_parent() {
    expect(
        "broken-parent",
        &[
            "examples/broken-parent/plans/phuong-a-2026.yaml:9:9: warning[broken-parent]: parent plan `tinh/so-gddt-2026` has errors in its file (examples/broken-parent/plans/so-gddt-2026.yaml): only the targets that could be read are checked against this plan",
            "examples/broken-parent/plans/so-gddt-2026.yaml:22:13: error[threshold]: \"tối thiểu 120%\": a percentage must be between 0 and 100; expected a threshold such as \"tối thiểu 95%\"",
            "checked 2 plans in examples/broken-parent (3 files read, 1 with errors): 1 error, 1 warning, 0 notes",
        ],
        1,
    );
}

#[test]
fn external_parent() {
    expect(
        "external-parent",
        &[
            "examples/external-parent/plans/thpt-an-lao-2026.yaml:8:9: note[external-parent]: parent plan `hai-phong/so-gddt-2026` lives outside this repository (kh.yaml `external:`): its targets are not checked against this plan",
            "checked 1 plan in examples/external-parent (2 files read, 0 with errors): 0 errors, 0 warnings, 1 note",
        ],
        0,
    );
}

#[test]
fn unknown_plan() {
    expect(
        "unknown-plan",
        &[
            "examples/unknown-plan/plans/ubnd-tinh-2026.yaml:17:18: warning[unknown-plan]: applies_to names plan `tinh/so-gdd-2026`, which is not in the repository: the target binds no plan by that id; did you mean `tinh/so-gddt-2026`?",
            "checked 2 plans in examples/unknown-plan (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn parent_cycle() {
    expect(
        "parent-cycle",
        &[
            "examples/parent-cycle/plans/a.yaml:8:9: error[parent-cycle]: plan `tinh/a` is its own ancestor (tinh/a -> tinh/c -> tinh/b -> tinh/a): expected a chain of parents that ends at a root plan",
            "checked 3 plans in examples/parent-cycle (4 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn period_outside_parent() {
    expect(
        "period-outside-parent",
        &[
            "examples/period-outside-parent/plans/phuong-a-2026.yaml:8:9: error[period-outside-parent]: period 2026-2027 is not within the period of tinh/so-gddt-2026: expected within 2026, found 2026-2027 [period of tinh/so-gddt-2026: examples/period-outside-parent/plans/so-gddt-2026.yaml:8:9]",
            "checked 2 plans in examples/period-outside-parent (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn plan_issued_late() {
    expect(
        "plan-issued-late",
        &[
            "examples/plan-issued-late/plans/phuong-a-2026.yaml:7:9: warning[plan-issued-late]: plan issued 06/2026, after the deadline for commune plans to be issued set by target I.1 of tinh/so-gddt-2026: expected by 31/05/2026, found 06/2026 [target I.1 of tinh/so-gddt-2026: examples/plan-issued-late/plans/so-gddt-2026.yaml:16:10]",
            "examples/plan-issued-late/plans/phuong-a-2026.yaml:13:9: warning[due-before-issued]: target 2.1 is due 31/05/2026 (inherited from target I.1 of tinh/so-gddt-2026), before its plan was issued (06/2026): expected a deadline on or after the issue date [target I.1 of tinh/so-gddt-2026: examples/plan-issued-late/plans/so-gddt-2026.yaml:16:10]",
            "checked 2 plans in examples/plan-issued-late (3 files read, 0 with errors): 0 errors, 2 warnings, 0 notes",
        ],
        0,
    );
}

#[test]
fn schema() {
    expect(
        "schema",
        &[
            "examples/schema/plans/phuong-a-2026.yaml:6:8: error[schema]: unknown level: expected one of national, province, district, commune, school; found `village`",
            "checked 1 plan in examples/schema (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn syntax() {
    expect(
        "syntax",
        &[
            "examples/syntax/plans/phuong-a-2026.yaml:18:7: error[syntax]: not valid YAML: did not find expected ',' or ']'",
            "checked 1 plan in examples/syntax (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn threshold() {
    expect(
        "threshold",
        &[
            "examples/threshold/plans/phuong-a-2026.yaml:22:13: error[threshold]: \"tối thiểu 120%\": a percentage must be between 0 and 100; expected a threshold such as \"tối thiểu 95%\"",
            "checked 2 plans in examples/threshold (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn undeclared_unit() {
    expect(
        "undeclared-unit",
        &[
            "examples/undeclared-unit/plans/phuong-a-2026.yaml:23:12: error[undeclared-unit]: unit `VHHX` is not declared: expected a key of `units:` or a level word (province, district, commune, school); did you mean `VHXH`?",
            "checked 2 plans in examples/undeclared-unit (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn unit_mismatch() {
    expect(
        "unit-mismatch",
        &[
            "examples/unit-mismatch/plans/phuong-a-2026.yaml:28:13: error[unit-mismatch]: metric `digital-skills` is measured in percent, found a threshold in level (`mức 2`)",
            "checked 2 plans in examples/unit-mismatch (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn unknown_field() {
    expect(
        "unknown-field",
        &[
            "examples/unknown-field/plans/phuong-a-2026.yaml:3:1: error[unknown-field]: unknown field `numbr` in the plan; did you mean `number`?",
            "checked 2 plans in examples/unknown-field (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn unknown_metric() {
    expect(
        "unknown-metric",
        &[
            "examples/unknown-metric/plans/phuong-a-2026.yaml:27:13: warning[unknown-metric]: metric `digital-skils` is not in the indicator catalog (plans/indicators.yaml); did you mean `digital-skills`?",
            "checked 2 plans in examples/unknown-metric (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn unknown_segment() {
    expect(
        "unknown-segment",
        &[
            "examples/unknown-segment/plans/phuong-a-2026.yaml:10:11: error[unknown-segment]: segment `urban` is not one of the parent's segments: tinh/so-gddt-2026 declares no segments",
            "checked 2 plans in examples/unknown-segment (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn waiver() {
    expect(
        "waiver",
        &[
            "examples/waiver/plans/phuong-a-2026.yaml:20:11: error[waiver]: waiver of `teachers-using-ai` gives no reason: expected `reason:` saying why the parent target is not adopted",
            "checked 2 plans in examples/waiver (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn link_outside() {
    expect(
        "link-outside",
        &[
            "examples/link-outside/plans/creds.yaml:1:1: error[link-outside]: symbolic link points outside the repository; not followed",
            "checked 2 plans in examples/link-outside (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn link_loop() {
    expect(
        "link-loop",
        &[
            "examples/link-loop/plans/tinh/loop:1:1: error[link-loop]: directory already visited (a symbolic link loop); skipped",
            "checked 2 plans in examples/link-loop (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn too_deep() {
    let deep = format!("examples/too-deep/plans{}", "/d".repeat(33));
    expect(
        "too-deep",
        &[
            &format!(
                "{deep}:1:1: error[too-deep]: directories nested more than 32 levels deep; not read further"
            ),
            "checked 2 plans in examples/too-deep (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn bad_id() {
    expect(
        "bad-id",
        &[
            "examples/bad-id/plans/phuong-a-2026.yaml:2:5: error[bad-id]: plan id `tinh/../Phuong-A` is not valid: segment `..` is not allowed; expected segments of lowercase ASCII letters, digits, `-`, `_` and `.`, each starting with a letter or digit, separated by `/` (e.g. ninh-binh/so-gddt-2026)",
            "checked 2 plans in examples/bad-id (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn confusable_id() {
    expect(
        "confusable-id",
        &[
            "examples/confusable-id/plans/phuong-a-2026.yaml:12:3: error[confusable-id]: unit abbreviation `V\u{41d}XH` looks like `VHXH` of the same plan: rename one so that they cannot be mistaken",
            "checked 2 plans in examples/confusable-id (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn duplicate_catalog_key() {
    expect(
        "duplicate-catalog-key",
        &[
            "examples/duplicate-catalog-key/plans/phuong/indicators.yaml:3:10: error[duplicate-catalog-key]: indicator key `teachers-using-ai` is already defined in another catalog file: one key, one definition [first definition of this key: examples/duplicate-catalog-key/plans/indicators.yaml:8:10]",
            "checked 2 plans in examples/duplicate-catalog-key (4 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn too_many_findings() {
    let out = crate::util::kh()
        .args(["check", "examples/too-many-findings"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("error[threshold]"))
            .count(),
        200
    );
    assert_eq!(
        &lines[200..],
        [
            "examples/too-many-findings/plans/phuong-a-2026.yaml:1:1: note[too-many-findings]: and 5 more findings in this file (the first 200 are shown)",
            "checked 2 plans in examples/too-many-findings (3 files read, 1 with errors): 205 errors, 0 warnings, 0 notes",
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}

/// A copy of examples/<name> with `make` applied: for what git cannot store.
fn expect_made(example: &str, make: impl FnOnce(&std::path::Path), lines: &[&str], code: i32) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(example);
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    for f in std::fs::read_dir(format!("examples/{example}/plans")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join("plans").join(f.file_name().unwrap())).unwrap();
    }
    make(&dir);
    let out = crate::util::kh()
        .current_dir(tmp.path())
        .args(["check", example])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        lines,
        "kh check {example}"
    );
    assert_eq!(out.status.code(), Some(code));
}

#[test]
fn not_a_file() {
    expect_made(
        "not-a-file",
        |dir| {
            let ok = std::process::Command::new("mkfifo")
                .arg(dir.join("plans/pipe.yaml"))
                .status()
                .unwrap();
            assert!(ok.success());
        },
        &[
            "not-a-file/plans/pipe.yaml:1:1: error[not-a-file]: this is a FIFO (named pipe), not a regular file; not read (expected a plan)",
            "checked 2 plans in not-a-file (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn too_large() {
    expect_made(
        "too-large",
        |dir| {
            let f = std::fs::File::create(dir.join("plans/huge.yaml")).unwrap();
            f.set_len(11 * 1024 * 1024).unwrap();
        },
        &[
            "too-large/plans/huge.yaml:1:1: error[too-large]: file is 11.0 MB: a plan is at most 10 MB; not read (is this the right file?)",
            "checked 2 plans in too-large (4 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_syntax() {
    expect(
        "report-syntax",
        &[
            "examples/report-syntax/reports/q3.csv:2:1: error[report-syntax]: row skipped: found 7 fields where the header has 6",
            "checked 2 plans in examples/report-syntax (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_columns() {
    expect(
        "report-columns",
        &[
            "examples/report-columns/reports/q3.csv:1:1: error[report-columns]: missing column as_of: expected a header with plan, metric (or target), segment (optional), value, as_of, source (optional); found plan, metric, value",
            "checked 2 plans in examples/report-columns (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_plan() {
    expect(
        "report-plan",
        &[
            "examples/report-plan/reports/q3.csv:2:1: error[report-plan]: unknown plan `tinh/phuong-b-2026` (did you mean `tinh/phuong-a-2026`?); row skipped",
            "checked 2 plans in examples/report-plan (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_metric() {
    expect(
        "report-metric",
        &[
            "examples/report-metric/reports/q3.csv:2:1: error[report-metric]: `teachers-using-a` is neither a metric nor a target id of plan tinh/phuong-a-2026 (did you mean `teachers-using-ai`?); row skipped",
            "checked 2 plans in examples/report-metric (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_segment() {
    expect(
        "report-segment",
        &[
            "examples/report-segment/reports/q3.csv:2:1: error[report-segment]: segment `urban` is not one of the segments of `teachers-using-ai` in plan tinh/phuong-a-2026; row skipped",
            "checked 2 plans in examples/report-segment (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_value() {
    expect(
        "report-value",
        &[
            "examples/report-value/reports/q3.csv:2:1: error[report-value]: value: expected a value such as \"tối thiểu 25%\"; found \"hai mươi\": \"hai\" is not understood; row skipped",
            "checked 2 plans in examples/report-value (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_date() {
    expect(
        "report-date",
        &[
            "examples/report-date/reports/q3.csv:2:1: error[report-date]: as_of `30.09.2026` is not a date: expected 2026-09-30 or 30/09/2026; row skipped",
            "checked 2 plans in examples/report-date (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn report_unit() {
    expect(
        "report-unit",
        &[
            "examples/report-unit/reports/q3.csv:2:1: error[report-unit]: metric `teachers-using-ai` is measured in percent, found a value in count (`3 mô hình`); row skipped",
            "checked 2 plans in examples/report-unit (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn unreadable() {
    expect(
        "unreadable",
        &[
            "examples/unreadable/plans/broken.yaml:1:1: error[unreadable]: broken symbolic link; skipped",
            "checked 2 plans in examples/unreadable (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn aspiration_only() {
    expect(
        "aspiration-only",
        &[
            "examples/aspiration-only/plans/phuong-a-2026.yaml:22:13: warning[aspiration-only]: target 2.3 (teachers-using-ai) of tinh/phuong-a-2026 only strives for (\"phấn đấu\") `phấn đấu >= 25%` where target III.2 of tinh/so-gddt-2026 requires `>= 20%`: write a firm threshold [target III.2 of tinh/so-gddt-2026: examples/aspiration-only/plans/so-gddt-2026.yaml:23:13]",
            "checked 2 plans in examples/aspiration-only (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn checked_alone() {
    // A file in no repository: git cannot hold one inside kh's own, so the
    // example is copied to a folder of its own.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        "examples/checked-alone/ward.yaml",
        tmp.path().join("ward.yaml"),
    )
    .unwrap();
    let (out, err, code) = crate::util::run(
        crate::util::kh()
            .current_dir(tmp.path())
            .args(["check", "ward.yaml"]),
    );
    assert!(err.is_empty(), "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "ward.yaml:1:1: note[checked-alone]: this file is in no plans repository (no kh.yaml or plans/ in its folder or above): it was checked alone, so its parents' targets, the indicator catalog and other plans were not checked against it",
            "checked 1 plan in . (1 file read, 0 with errors): 0 errors, 0 warnings, 1 note",
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn below_floor() {
    expect(
        "below-floor",
        &[
            "examples/below-floor/plans/xa-a-2026.yaml:13:13: error[below-floor]: target 2.3 (model-schools) of tinh/xa-a-2026 does not meet the floor its parent sets for each \"xã\": expected a threshold within `>= 2 mô hình` (target II.3 of tinh/so-gddt-2026), found `>= 1 mô hình` [target II.3 of tinh/so-gddt-2026: examples/below-floor/plans/so-gddt-2026.yaml:12:13]",
            "checked 3 plans in examples/below-floor (4 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ],
        1,
    );
}

#[test]
fn population_mismatch() {
    expect(
        "population-mismatch",
        &[
            "examples/population-mismatch/plans/xa-a-2026.yaml:17:13: warning[population-mismatch]: target 2.2 counts \"học sinh\" but indicator `teachers-using-ai` counts \"giáo viên\": check the metric, or the words after the value",
            "checked 1 plan in examples/population-mismatch (2 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}

#[test]
fn direction_mismatch() {
    expect(
        "direction-mismatch",
        &[
            "examples/direction-mismatch/plans/xa-a-2026.yaml:12:13: warning[direction-mismatch]: target 1.1 sets an upper bound (`< 10%`) but indicator `schools-with-lms` is better when higher: check the threshold, or the indicator's direction",
            "checked 1 plan in examples/direction-mismatch (2 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ],
        0,
    );
}
