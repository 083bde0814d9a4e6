//! `kh due --format ics` read back by a real iCalendar parser: every event has
//! its own UID, and a moved deadline keeps its event's UID with a SEQUENCE
//! that does not go down, so a calendar updates it instead of adding a second.

use std::collections::HashMap;

fn plan(due_a: &str) -> String {
    format!(
        "kh: 1\nid: t/so-2026\ntitle: T\nissuer: Sở\nlevel: province\nissued: 2026-01-10\nperiod: 2026\nunits: {{VP: Văn phòng}}\nreporting:\n  - {{what: Báo cáo quý, from: [VP], to: Sở, due: hằng quý}}\n  - {{what: Báo cáo tháng, from: [VP], to: Sở, due: hằng tháng}}\ntasks:\n  - {{id: \"1.1\", text: Việc một, lead: [VP], due: {due_a}}}\n  - {{id: \"1-1\", text: Việc hai, lead: [VP], due: Tháng 11/2026}}\n  - {{id: \"Quý\", text: Việc ba, lead: [VP], due: Tháng 11/2026}}\n  - {{id: \"quy\", text: Việc bốn, lead: [VP], due: Tháng 11/2026}}\n"
    )
}

/// UID -> (SEQUENCE, DTSTART, SUMMARY) of each event.
fn events(dir: &std::path::Path, today: &str) -> HashMap<String, (i64, String, String)> {
    let (out, err, code) = crate::util::run(
        crate::util::kh()
            .args(["due", "--from", "2026-01-01", "--to", "2026-12-31"])
            .args(["--format", "ics", "--today", today])
            .current_dir(dir),
    );
    assert_eq!(code, 0, "{err}");
    let mut cal = ical::IcalParser::new(std::io::BufReader::new(out.as_bytes()));
    let cal = cal.next().expect("one calendar").expect("a valid calendar");
    let mut by_uid = HashMap::new();
    for e in cal.events {
        let get = |n: &str| {
            e.properties
                .iter()
                .find(|p| p.name == n)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        let seq = get("SEQUENCE").parse().expect("SEQUENCE is a number");
        let uid = get("UID");
        let old = by_uid.insert(uid.clone(), (seq, get("DTSTART"), get("SUMMARY")));
        assert!(old.is_none(), "two events share UID {uid}");
    }
    by_uid
}

#[test]
fn uids_are_unique_and_a_moved_deadline_keeps_its_event() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    let file = dir.path().join("plans/so.yaml");
    std::fs::write(&file, plan("Tháng 10/2026")).unwrap();
    let before = events(dir.path(), "2026-06-01");
    // 4 tasks, 4 quarterly and 12 monthly reports, each its own event.
    assert_eq!(before.len(), 20, "{before:#?}");
    let task = |e: &HashMap<String, (i64, String, String)>| {
        e.iter()
            .find(|(_, v)| v.2.contains(" 1.1: "))
            .map(|(k, v)| (k.clone(), v.clone()))
            .expect("task 1.1")
    };
    let (uid, (seq, start, _)) = task(&before);
    assert_eq!(start, "20261031");
    std::fs::write(&file, plan("Tháng 12/2026")).unwrap();
    let after = events(dir.path(), "2026-06-02");
    let (uid2, (seq2, start2, _)) = task(&after);
    assert_eq!(uid2, uid, "a moved deadline must keep its UID");
    assert_eq!(start2, "20261231");
    assert!(seq2 > seq, "SEQUENCE {seq2} after {seq}");
    let mut a: Vec<&String> = before.keys().collect();
    let mut b: Vec<&String> = after.keys().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same items give the same UIDs");
}

/// A plan's thirteenth and fourteenth duties are events of their own, not
/// merged into one under a shared id.
#[test]
fn every_reporting_duty_has_its_own_event_however_many() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    let duties: String = (1..=14)
        .map(|n| {
            format!(
                "  - {{what: Báo cáo {n}, from: [VP], to: Sở, due: Tháng {}/2026}}\n",
                (n - 1) % 12 + 1
            )
        })
        .collect();
    std::fs::write(
        dir.path().join("plans/so.yaml"),
        format!("kh: 1\nid: t/so-2026\ntitle: T\nissuer: Sở\nlevel: province\nissued: 2026-01-10\nperiod: 2026\nunits: {{VP: Văn phòng}}\nreporting:\n{duties}"),
    )
    .unwrap();
    let events = events(dir.path(), "2026-06-01");
    assert_eq!(events.len(), 14, "{events:#?}");
    let mut summaries: Vec<&str> = events.values().map(|v| v.2.as_str()).collect();
    summaries.sort();
    assert!(
        summaries.iter().any(|s| s.contains(" R14: Báo cáo 14")),
        "{summaries:?}"
    );
}
