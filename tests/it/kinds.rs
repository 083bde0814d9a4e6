//! Every kind of target a real plan prints, cascaded: ranges by inclusion,
//! floors beside an aggregate, decreasing targets, qualitative targets,
//! aspirations, horizons, starts. Each is a province plan and two communes,
//! one that keeps to it and one that does not, and the exact findings.

use std::path::Path;

const CATALOG: &str = "kh: 1
indicators:
  - {key: digital, name: Trường số, unit: percent, direction: higher}
  - {key: dropout, name: Tỉ lệ bỏ học, unit: percent, direction: lower}
  - {key: system, name: Hệ thống được triển khai, unit: yes-no}
  - {key: models, name: Mô hình, unit: count, noun: mô hình, direction: higher}
  - {key: ai, name: Giáo viên dùng AI, unit: percent, noun: giáo viên, direction: higher}
";

/// A 2026-2030 plan with a 2035 horizon: its 5a is due in 2028, its 5b at
/// the horizon.
const PROVINCE: &str = "kh: 1
id: so
title: KH Sở
issuer: Sở GDĐT
level: province
issued: 2026-01-10
period: giai đoạn 2026 – 2030, tầm nhìn đến năm 2035
targets:
  - {id: '1', text: r, metric: digital, target: từ 60% đến 80%, due: Năm 2030}
  - {id: '2', text: d, metric: dropout, target: giảm xuống dưới 5%, due: Năm 2030}
  - {id: '3', text: s, metric: system, target: được triển khai, due: Năm 2027}
  - {id: '4', text: m, metric: models, target: 'bình quân 3 mô hình, không có xã nào dưới 2 mô hình', due: Năm 2030}
  - {id: 5a, text: a, metric: ai, target: tối thiểu 20%, due: Năm 2028}
  - {id: 5b, text: a, metric: ai, target: tối thiểu 50%, due: Năm 2035}
";

fn commune(id: &str, targets: &str, tasks: &str) -> String {
    format!(
        "kh: 1\nid: {id}\ntitle: KH {id}\nissuer: UBND {id}\nlevel: commune\nissued: 2026-02-10\nperiod: giai đoạn 2026-2030, tầm nhìn đến năm 2035\nparent: so\ntargets:\n{targets}{tasks}"
    )
}

/// Keeps to every target of the province, each in another phrasing.
const KEEPS: &str = "  - {id: '1', text: r, metric: digital, target: 60–80%, due: Năm 2030}
  - {id: '2', text: d, metric: dropout, target: dưới 3%, due: Năm 2030}
  - {id: '3', text: s, metric: system, target: được triển khai, due: Năm 2027}
  - {id: '4', text: m, metric: models, target: 2 mô hình, due: Năm 2030}
  - {id: 5a, text: a, metric: ai, target: 25% giáo viên, due: Năm 2028}
  - {id: 5b, text: a, metric: ai, target: 60%, due: Năm 2035}
  - {id: '6', text: t, metric: ai, target: 30%, due: Từ năm 2027}
";

/// Breaks each: a wider range, a higher ceiling, no qualitative target, a
/// count below the floor, an aspiration under a firm value, a 2035 target
/// below the 2035 one (though above the 2028 one).
const BREAKS: &str =
    "  - {id: '1', text: r, metric: digital, target: từ 50% đến 80%, due: Năm 2030}
  - {id: '2', text: d, metric: dropout, target: không quá 8%, due: Năm 2030}
  - {id: '4', text: m, metric: models, target: 01 mô hình, due: Năm 2030}
  - {id: 5a, text: a, metric: ai, target: Phấn đấu 25%, due: Năm 2028}
  - {id: 5b, text: a, metric: ai, target: 40%, due: Năm 2035}
";

fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let plans = tmp.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    std::fs::write(plans.join("indicators.yaml"), CATALOG).unwrap();
    std::fs::write(plans.join("so.yaml"), PROVINCE).unwrap();
    let tasks = "tasks:\n  - {id: T1, text: Bắt đầu dùng học bạ số, due: Từ năm 2027}\n  - {id: T2, text: Số hoá hồ sơ, due: Tháng 3/2027}\n";
    std::fs::write(plans.join("xa-a.yaml"), commune("xa-a", KEEPS, tasks)).unwrap();
    std::fs::write(plans.join("xa-b.yaml"), commune("xa-b", BREAKS, "")).unwrap();
    tmp
}

fn kh(dir: &Path, args: &[&str]) -> (String, String, i32) {
    crate::util::run(
        crate::util::kh()
            .current_dir(dir)
            .args(["--lang", "en"])
            .args(args),
    )
}

#[test]
fn each_kind_cascades_with_its_own_meaning() {
    let repo = repository();
    let (out, err, code) = kh(repo.path(), &["check"]);
    assert_eq!(err, "");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "plans/xa-b.yaml:9:1: warning[missing-adoption]: parent target 3 (system) of so applies to commune plans but is neither adopted nor waived: expected a target with metric `system` or a waiver with a reason [target 3 of so: plans/so.yaml:11:32]",
            "plans/xa-b.yaml:10:49: error[looser-threshold]: target 1 (digital) of xa-b is looser than its parent's: expected a threshold within `60-80%` (target 1 of so), found `50-80%` [target 1 of so: plans/so.yaml:9:49]",
            "plans/xa-b.yaml:11:49: error[looser-threshold]: target 2 (dropout) of xa-b is looser than its parent's: expected a threshold within `< 5%` (target 2 of so), found `<= 8%` [target 2 of so: plans/so.yaml:10:49]",
            "plans/xa-b.yaml:12:48: error[below-floor]: target 4 (models) of xa-b does not meet the floor its parent sets for each \"xã\": expected a threshold within `>= 2 mô hình` (target 4 of so), found `>= 1 mô hình` [target 4 of so: plans/so.yaml:12:48]",
            "plans/xa-b.yaml:13:43: warning[aspiration-only]: target 5a (ai) of xa-b only strives for (\"phấn đấu\") `phấn đấu >= 25%` where target 5a of so requires `>= 20%`: write a firm threshold [target 5a of so: plans/so.yaml:13:43]",
            "plans/xa-b.yaml:14:43: error[looser-threshold]: target 5b (ai) of xa-b is looser than its parent's: expected a threshold within `>= 50%` (target 5b of so), found `>= 40%` [target 5b of so: plans/so.yaml:14:43]",
            "checked 3 plans in . (4 files read, 1 with errors): 4 errors, 2 warnings, 0 notes",
        ]
    );
    assert_eq!(code, 1);
}

/// `kh diff` gives the verdicts `kh check` gives, floors and ranges included.
#[test]
fn diff_shows_the_same_verdicts_with_the_floor_written_out() {
    let repo = repository();
    let (out, err, code) = kh(repo.path(), &["diff", "so", "xa-b", "--format", "csv"]);
    assert_eq!((err.as_str(), code), ("", 0));
    let rows: Vec<&str> = out.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows,
        [
            "indicator,segment,A,A threshold,A due,B,B threshold,B due,verdict,deadline,A: deadline from,B: deadline from",
            "digital,,1,60-80%,2030-12-31,1,50-80%,2030-12-31,looser,same,own,own",
            "dropout,,2,< 5%,2030-12-31,2,<= 8%,2030-12-31,looser,same,own,own",
            "system,,3,được triển khai,2027-12-31,,,,only in A,,own,",
            "models,,4,mỗi xã >= 2 mô hình,2030-12-31,4,>= 1 mô hình,2030-12-31,below floor,same,own,own",
            "ai,,5a,>= 20%,2028-12-31,5a,phấn đấu >= 25%,2028-12-31,strives only,same,own,own",
            "ai,,5b,>= 50%,2035-12-31,5b,>= 40%,2035-12-31,looser,same,own,own",
        ]
    );
    let (_, _, code) = kh(repo.path(), &["diff", "so", "xa-b", "--exit-code"]);
    assert_eq!(code, 1);
    let (_, _, code) = kh(repo.path(), &["diff", "so", "xa-a", "--exit-code"]);
    assert_eq!(code, 0);
}

/// The floor judges each child in the roll-up, and the aggregate judges the
/// children's mean: 1 and 4 models average 2.5, below the 3 asked for.
#[test]
fn the_rollup_judges_children_by_the_floor_and_their_mean_by_the_aggregate() {
    let repo = repository();
    std::fs::create_dir(repo.path().join("reports")).unwrap();
    std::fs::write(
        repo.path().join("reports/2026.csv"),
        "plan,metric,segment,value,as_of,source\nxa-a,models,,4 mô hình,2026-11-30,\nxa-b,models,,1 mô hình,2026-11-30,\n",
    )
    .unwrap();
    let (out, err, code) = kh(
        repo.path(),
        &[
            "status",
            "--rollup",
            "--as-of",
            "2026-12-01",
            "--format",
            "json",
        ],
    );
    assert_eq!((err.as_str(), code), ("", 0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let models = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "models")
        .unwrap();
    assert_eq!(models["threshold"], ">= 3 mô hình; mỗi xã >= 2 mô hình");
    assert_eq!(
        (models["met"].as_u64(), models["of"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(models["failing"][0][0], "xa-b");
    assert_eq!(models["aggregate"]["mean"], "2.5 mô hình");
    assert_eq!(models["aggregate"]["met"], false);
    let digital = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "digital")
        .unwrap();
    assert!(digital.get("aggregate").is_none(), "{digital}");
}

/// A start is never a deadline: "Từ năm 2027" is listed apart, without days
/// left, and a target with only a start takes its parent's deadline.
#[test]
fn a_start_is_listed_apart_and_never_due() {
    let repo = repository();
    let (out, err, code) = kh(
        repo.path(),
        &[
            "due",
            "--plan",
            "xa-a",
            "--from",
            "2027-01-01",
            "--to",
            "2027-12-31",
            "--today",
            "2026-12-01",
            "--format",
            "json",
        ],
    );
    assert_eq!((err.as_str(), code), ("", 0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {} {}",
                    i["id"].as_str().unwrap(),
                    i["date"].as_str().unwrap(),
                    i["deadline"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(ids("items"), ["T2 2027-03-31 2027-03", "3 2027-12-31 2027"]);
    assert_eq!(
        ids("starts"),
        ["6 2027-01-01 from 2027", "T1 2027-01-01 from 2027"]
    );
    assert!(v["starts"][0]["days_left"].is_null());
    // Target 6 starts in 2027 and is due when the parent's target of its
    // metric is: 5a's 2028.
    let (out, _, _) = kh(
        repo.path(),
        &[
            "due",
            "--plan",
            "xa-a",
            "--from",
            "2028-12-01",
            "--to",
            "2028-12-31",
            "--today",
            "2026-12-01",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["5a", "6"]);
    let (table, _, _) = kh(
        repo.path(),
        &[
            "due",
            "--plan",
            "xa-a",
            "--month",
            "1/2027",
            "--today",
            "2026-12-01",
        ],
    );
    assert!(
        table.contains("starting in this window (a start, not a deadline):"),
        "{table}"
    );
    assert!(
        table.trim_end().ends_with(
            "due 01/01/2027 to 31/01/2027: 0 targets, 0 tasks, 0 reports; starting (not due): 2"
        ),
        "{table}"
    );
}

/// What a value counts and which way it bounds are read against the
/// catalog, and a header kh cannot read hides none of the rest.
#[test]
fn populations_bounds_and_a_broken_header_are_each_said() {
    let repo = repository();
    std::fs::write(
        repo.path().join("plans/xa-c.yaml"),
        "kh: 1\nid: xa-c\ntitle: T\nissuer: UBND xã C\nlevel: commune\nissued: ngày 13 tháng 13 năm 2026\nperiod: giai đoạn hai nghìn\ntargets:\n  - {id: '1', text: t, metric: ai, target: 100% học sinh, due: Năm 2030}\n  - {id: '2', text: t, metric: digital, target: dưới 10%, due: Quý V/2030}\n  - {id: '3', text: t, metric: nosuch, target: 5%}\n",
    )
    .unwrap();
    let (out, _, code) = kh(repo.path(), &["check", "plans/xa-c.yaml"]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "plans/xa-c.yaml:6:9: error[schema]: issue date \"ngày 13 tháng 13 năm 2026\": month 13 does not exist; months are 1 to 12; e.g. \"ngày 13 tháng 5 năm 2026\"",
            "plans/xa-c.yaml:7:9: error[schema]: period \"giai đoạn hai nghìn\": \"hai\" is not understood; e.g. \"giai đoạn 2026-2030, tầm nhìn đến năm 2035\"",
            "plans/xa-c.yaml:9:44: warning[population-mismatch]: target 1 counts \"học sinh\" but indicator `ai` counts \"giáo viên\": check the metric, or the words after the value",
            "plans/xa-c.yaml:10:49: warning[direction-mismatch]: target 2 sets an upper bound (`< 10%`) but indicator `digital` is better when higher: check the threshold, or the indicator's direction",
            "plans/xa-c.yaml:10:64: error[deadline]: deadline \"Quý V/2030\": quarter V does not exist; quarters are I to IV (1 to 4); e.g. \"Quý IV/2026\"",
            "plans/xa-c.yaml:11:32: warning[unknown-metric]: metric `nosuch` is not in the indicator catalog (plans/indicators.yaml)",
            "checked 0 plans in . (5 files read, 1 with errors): 3 errors, 3 warnings, 0 notes",
        ]
    );
    assert_eq!(code, 1);
}

/// A school year ends when the ministry's framework says (31 May), unless
/// the province's kh.yaml says otherwise; a bound that is no day is refused.
#[test]
fn school_years_follow_the_framework_or_kh_yaml() {
    let repo = repository();
    let plans = repo.path().join("plans");
    std::fs::write(
        plans.join("truong.yaml"),
        "kh: 1\nid: truong\ntitle: T\nissuer: Trường THCS A\nlevel: school\nissued: 2026-08-20\nperiod: năm học 2026 – 2027\ntasks:\n  - {id: '1', text: Sổ điểm số, due: hết năm học 2026-2027}\n  - {id: '2', text: Học bạ số, due: học kỳ I năm học 2026-2027}\n",
    )
    .unwrap();
    let dates = |dir: &Path| -> Vec<String> {
        let (out, err, code) = kh(
            dir,
            &[
                "due",
                "--plan",
                "truong",
                "--from",
                "2026-09-01",
                "--to",
                "2027-12-31",
                "--format",
                "json",
            ],
        );
        assert_eq!((err.as_str(), code), ("", 0));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    i["id"].as_str().unwrap(),
                    i["date"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(dates(repo.path()), ["2 2027-01-18", "1 2027-05-31"]);
    std::fs::write(
        repo.path().join("kh.yaml"),
        "school_year:\n  semester_one_end: 15/1\n  end: 15/6\n",
    )
    .unwrap();
    assert_eq!(dates(repo.path()), ["2 2027-01-15", "1 2027-06-15"]);
    std::fs::write(repo.path().join("kh.yaml"), "school_year:\n  end: 31/6\n").unwrap();
    let (_, err, code) = kh(repo.path(), &["check"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "kh: error: kh.yaml:2:8: `school_year.end: 31/6` in kh.yaml is not a day of the year: expected day/month, such as 5/9"
    );
    std::fs::write(repo.path().join("kh.yaml"), "school_year:\n  ends: 15/6\n").unwrap();
    let (_, err, code) = kh(repo.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `end`"), "{err}");
}
