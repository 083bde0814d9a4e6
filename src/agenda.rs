//! What falls due when: targets, tasks and reporting duties expanded into dated
//! occurrences within a window. `kh due` renders it; nothing here prints.

use crate::check::cascade;
use crate::domain::{Deadline, Level, Plan, Str, Target};
use crate::repo::{Entry, Repo};
use crate::text;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Target,
    Task,
    Report,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Task => "task",
            Kind::Report => "report",
        }
    }

    /// The glossary word people read for this kind.
    pub fn word(self) -> crate::messages::Word {
        use crate::messages::Word;
        match self {
            Kind::Target => Word::Target,
            Kind::Task => Word::Task,
            Kind::Report => Word::Report,
        }
    }
}

/// Where a deadline came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Written on the item itself.
    Own,
    /// Taken from the parent target of the same metric.
    Parent,
    /// No deadline anywhere: the end of the plan's period.
    Period,
}

/// One occurrence of something falling due. It borrows its text from the
/// plans: a national `kh due` lists hundreds of thousands of occurrences.
#[derive(Debug, Clone, Serialize)]
pub struct Due<'a> {
    /// None for ongoing items ("Thường xuyên", "theo quy định").
    pub date: Option<NaiveDate>,
    pub plan: &'a str,
    pub level: &'static str,
    pub kind: Kind,
    /// The item's id as written; a reporting duty's is its place, `R1`, `R2`…
    pub id: std::borrow::Cow<'a, str>,
    pub text: &'a str,
    /// Lead units by full name.
    pub lead: Vec<&'a str>,
    /// The deadline in its short formal form ("Q4/2026", "quarterly 10").
    pub deadline: String,
    pub source: Source,
    /// Fields not stated in the item's document (`{}` when all are).
    pub provenance: &'a crate::domain::Provenances,
    /// Dated by its start ("Từ năm 2027"): never due, so never overdue.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub start: bool,
    /// The plan's index in the repository.
    #[serde(skip)]
    pub plan_index: usize,
}

/// The mark `kh due` and `kh diff` put after a value its document does not state.
pub const UNSTATED: &str = "†";

/// Whether any of `fields` is marked as not stated.
pub fn unstated(p: &crate::domain::Provenances, fields: &[&str]) -> bool {
    fields.iter().any(|f| p.contains_key(*f))
}

impl Due<'_> {
    pub fn inherited(&self) -> bool {
        self.source != Source::Own
    }

    /// Days from `today` to the date; negative when overdue.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        if self.start {
            return None;
        }
        self.date.map(|d| (d - today).num_days())
    }
}

/// Which items to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub plans: Vec<String>,
    pub levels: Vec<Level>,
    pub unit: Option<String>,
    pub kinds: Vec<Kind>,
}

impl Filter {
    fn plan(&self, p: &Plan) -> bool {
        (self.plans.is_empty() || self.plans.contains(&p.id))
            && (self.levels.is_empty() || self.levels.contains(&p.level))
    }

    /// Whether an item of this kind naming these units is listed; the units
    /// are looked up only when a unit is asked for.
    fn item(&self, kind: Kind, units: impl FnOnce() -> Vec<String>) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&kind))
            && self.unit.as_ref().is_none_or(|u| unit_matches(u, &units()))
    }
}

/// A unit query matches an abbreviation exactly or a full name in part,
/// without diacritics: "van phong so" finds "Văn phòng Sở", "vp" finds VP.
pub fn unit_matches(query: &str, units: &[String]) -> bool {
    let q = text::fold(query);
    !q.is_empty() && units.iter().any(|u| text::fold(u).contains(&q))
}

/// A `--unit` query that matches no unit of any plan read is a mistake, never
/// an empty answer: the usage error names the nearest unit.
pub fn check_unit_query(repo: &Repo, query: &str) -> Result<(), crate::message::Usage> {
    let mut names: Vec<&str> = Level::ALL.iter().map(|l| l.key()).collect();
    for e in &repo.plans {
        for (k, v) in &e.plan.units {
            names.push(k);
            names.push(v);
        }
    }
    let all: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    if unit_matches(query, &all) {
        return Ok(());
    }
    names.sort_unstable();
    names.dedup();
    Err(crate::message::Usage::NoSuchUnit {
        query: text::escape_controls(query).into_owned(),
        nearest: text::nearest(query, names.into_iter()).map(str::to_string),
    })
}

/// Plan ids asked for with `--plan` are plans read; the first that is not
/// is a usage error naming the nearest id.
pub fn check_plan_query(repo: &Repo, ids: &[String]) -> Result<(), crate::message::Usage> {
    match ids.iter().find(|id| repo.plan(id).is_none()) {
        None => Ok(()),
        Some(id) => Err(crate::message::Usage::NoSuchPlan {
            id: text::escape_controls(id).into_owned(),
            nearest: repo.nearest_id(id).map(str::to_string),
        }),
    }
}

/// `--level` asks for plans of levels of which some plan was read; else it
/// would answer with an empty table. The error lists the levels present.
pub fn check_level_query(repo: &Repo, levels: &[Level]) -> Result<(), crate::message::Usage> {
    let mut present: Vec<Level> = repo.plans.iter().map(|e| e.plan.level).collect();
    present.sort_unstable();
    present.dedup();
    if levels.is_empty() || levels.iter().any(|l| present.contains(l)) {
        return Ok(());
    }
    Err(crate::message::Usage::NoPlanOfLevel {
        asked: levels.iter().map(|l| l.key().to_string()).collect(),
        present: present.iter().map(|l| l.key().to_string()).collect(),
    })
}

/// `--kind` asks for a kind of item some plan read has at all (in any
/// window); the error lists the kinds present.
pub fn check_kind_query(repo: &Repo, kinds: &[Kind]) -> Result<(), crate::message::Usage> {
    let has = |k: Kind| {
        repo.plans.iter().any(|e| match k {
            Kind::Target => !e.plan.targets.is_empty(),
            Kind::Task => !e.plan.tasks.is_empty(),
            Kind::Report => !e.plan.reporting.is_empty(),
        })
    };
    if kinds.is_empty() || kinds.iter().any(|k| has(*k)) {
        return Ok(());
    }
    Err(crate::message::Usage::NoItemOfKind {
        asked: kinds.iter().map(|k| k.key().to_string()).collect(),
        present: [Kind::Target, Kind::Task, Kind::Report]
            .into_iter()
            .filter(|k| has(*k))
            .map(|k| k.key().to_string())
            .collect(),
    })
}

/// The plans the user asked about: `--plan` ids, else the plans in the
/// paths named on the command line (all of them when none were named). A
/// path that holds no plan is a usage error, never "everything".
pub fn asked_plans(repo: &Repo, ids: &[String]) -> Result<Vec<String>, crate::message::Usage> {
    check_plan_query(repo, ids)?;
    if !ids.is_empty() {
        return Ok(ids.to_vec());
    }
    match repo.scoped_plans() {
        Some(found) if found.is_empty() => Err(crate::message::Usage::NoPlanInPaths {
            paths: repo
                .scope
                .iter()
                .map(|p| text::escape_controls(&p.display().to_string()).into_owned())
                .collect(),
        }),
        Some(found) => Ok(found),
        None => Ok(Vec::new()),
    }
}

/// One occurrence in an agenda, as small as it sorts: which item of which
/// plan on which day, with what the summary line counts. A national month
/// holds over a million; [`due`] builds the row of one when it is
/// written, so the rows are never all held at once.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    /// None for ongoing items.
    pub date: Option<NaiveDate>,
    /// The plan's place in id order, and the item's in natural id order
    /// within its plan and kind: the sort key, computed once per item.
    plan_rank: u32,
    pub kind: Kind,
    item_rank: u32,
    /// The plan's index in the repository, and the item's in its list.
    pub plan: u32,
    index: u32,
    /// Dated by its start: never due.
    pub start: bool,
    /// The deadline is not the item's own (see [`Due::inherited`]).
    pub inherited: bool,
    /// Its document does not state its deadline or its lead units.
    pub unstated: bool,
}

// A national month is over a million slots: keep each small.
const _: () = assert!(std::mem::size_of::<Slot>() <= 32);

impl Slot {
    fn order(&self) -> (Option<NaiveDate>, u32, Kind, u32) {
        (self.date, self.plan_rank, self.kind, self.item_rank)
    }
}

/// What falls in a window: occurrences that are due, items that only start
/// in it (never due: listed apart, dated by their start), and ongoing items;
/// each sorted by date, then plan, kind and id.
#[derive(Default)]
pub struct Agenda {
    pub dated: Vec<Slot>,
    pub starts: Vec<Slot>,
    pub ongoing: Vec<Slot>,
}

/// The row of one occurrence.
pub fn due<'a>(repo: &'a Repo, slot: &Slot) -> Due<'a> {
    let e = &repo.plans[slot.plan as usize];
    let item = item(repo, e, slot.kind, slot.index as usize);
    let mut d = item.occurrence(e, slot.date);
    d.plan_index = slot.plan as usize;
    if slot.start
        && let Some((_, written)) = item.start
    {
        d.deadline = written;
        d.start = true;
    }
    d
}

/// The rows of a list of occurrences, in order.
pub fn dues<'a, 's>(repo: &'a Repo, slots: &'s [Slot]) -> impl Iterator<Item = Due<'a>> + 's
where
    'a: 's,
{
    slots.iter().map(move |s| due(repo, s))
}

/// Every occurrence in `[from, to]`, plus ongoing items, sorted by date then plan.
pub fn collect<'a>(
    repo: &'a Repo,
    from: NaiveDate,
    to: NaiveDate,
    filter: &Filter,
) -> (Vec<Due<'a>>, Vec<Due<'a>>) {
    let a = collect_at_most(repo, from, to, filter, usize::MAX).unwrap_or_default();
    (
        dues(repo, &a.dated).collect(),
        dues(repo, &a.ongoing).collect(),
    )
}

/// The agenda of `[from, to]`, from one pass over the plans (on all cores),
/// or None when more than `max` occurrences fall in the window: memory stays
/// bounded whatever the plans and the window.
pub fn collect_at_most(
    repo: &Repo,
    from: NaiveDate,
    to: NaiveDate,
    filter: &Filter,
    max: usize,
) -> Option<Agenda> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let wanted: Vec<usize> = (0..repo.plans.len())
        .filter(|i| filter.plan(&repo.plans[*i].plan))
        .collect();
    let ranks = plan_ranks(repo, &wanted);
    let total = AtomicUsize::new(0);
    let per_plan: Option<Vec<Agenda>> = wanted
        .par_iter()
        .zip(ranks.par_iter())
        .map(|(&i, &rank)| {
            let a = plan_agenda(repo, i, rank, from, to, filter, max)?;
            let n = total.fetch_add(a.dated.len(), Ordering::Relaxed) + a.dated.len();
            (n <= max).then_some(a)
        })
        .collect();
    let per_plan = per_plan?;
    let mut a = Agenda::default();
    for p in &per_plan {
        a.dated.extend_from_slice(&p.dated);
        a.starts.extend_from_slice(&p.starts);
        a.ongoing.extend_from_slice(&p.ongoing);
    }
    drop(per_plan);
    // Stable: ties keep the order of the plans and their items.
    a.dated.par_sort_by_key(Slot::order);
    a.starts.par_sort_by_key(Slot::order);
    a.ongoing.par_sort_by_key(Slot::order);
    Some(a)
}

/// The place in id order of each of the plans given (equal ids share one).
fn plan_ranks(repo: &Repo, plans: &[usize]) -> Vec<u32> {
    let id = |n: usize| &repo.plans[plans[n]].plan.id;
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by(|a, b| id(*a).cmp(id(*b)));
    dense_ranks(&order, |a, b| id(a) == id(b))
}

/// Ranks by the order given, equal neighbours sharing one.
fn dense_ranks(order: &[usize], same: impl Fn(usize, usize) -> bool) -> Vec<u32> {
    let mut ranks = vec![0u32; order.len()];
    let mut rank = 0u32;
    for (n, &i) in order.iter().enumerate() {
        if n > 0 && !same(order[n - 1], i) {
            rank += 1;
        }
        ranks[i] = rank;
    }
    ranks
}

/// One plan's part of the agenda, unsorted.
fn plan_agenda(
    repo: &Repo,
    plan: usize,
    plan_rank: u32,
    from: NaiveDate,
    to: NaiveDate,
    filter: &Filter,
    max: usize,
) -> Option<Agenda> {
    let e = &repo.plans[plan];
    let mut a = Agenda::default();
    for kind in [Kind::Target, Kind::Task, Kind::Report] {
        let items: Vec<Item> = (0..kind_len(&e.plan, kind))
            .map(|n| item(repo, e, kind, n))
            .collect();
        // "II.10" after "II.9": natural order, computed once per item.
        let keys: Vec<Vec<(u64, String)>> = items.iter().map(|i| natural(&i.id)).collect();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        let ranks = dense_ranks(&order, |a, b| keys[a] == keys[b]);
        for (n, item) in items.iter().enumerate() {
            // The filter is asked once per item, not once per occurrence.
            if !filter.item(item.kind, || unit_keys(&e.plan, &item.units)) {
                continue;
            }
            let slot = |date: Option<NaiveDate>| Slot {
                date,
                plan_rank,
                kind,
                item_rank: ranks[n],
                plan: plan as u32,
                index: n as u32,
                start: false,
                inherited: item.source != Source::Own,
                unstated: unstated(item.provenance, &["due", "lead", "from"]),
            };
            if let Some((start, _)) = &item.start
                && (from..=to).contains(start)
            {
                a.starts.push(Slot {
                    start: true,
                    ..slot(Some(*start))
                });
            }
            match &item.due {
                When::Ongoing => a.ongoing.push(slot(None)),
                When::Deadline(deadline, active) => {
                    for date in deadline.occurrences(from, to, *active) {
                        if a.dated.len() >= max {
                            return None;
                        }
                        a.dated.push(slot(Some(date)));
                    }
                }
            }
        }
    }
    Some(a)
}

fn kind_len(plan: &Plan, kind: Kind) -> usize {
    match kind {
        Kind::Target => plan.targets.len(),
        Kind::Task => plan.tasks.len(),
        Kind::Report => plan.reporting.len(),
    }
}

/// The day a deadline that is only a start begins.
fn start_of(d: Option<&Deadline>) -> Option<(NaiveDate, String)> {
    let d = d.filter(|d| d.is_start())?;
    Some((d.start_date()?, d.to_string()))
}

/// Sorts "II.10" after "II.9".
fn natural(id: &str) -> Vec<(u64, String)> {
    id.split(['.', '-'])
        .map(|p| {
            let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
            (digits.parse().unwrap_or(u64::MAX), p.to_string())
        })
        .collect()
}

enum When {
    Ongoing,
    Deadline(Deadline, (NaiveDate, NaiveDate)),
}

/// A target, task or reporting duty of one plan, before it is dated.
struct Item<'a> {
    kind: Kind,
    id: std::borrow::Cow<'a, str>,
    text: &'a str,
    lead: &'a [Str],
    /// The lists of units it names, for the unit filter.
    units: [&'a [Str]; 2],
    due: When,
    /// When it begins, and the start as written, if all it has is a start
    /// ("Từ năm 2027").
    start: Option<(NaiveDate, String)>,
    source: Source,
    shown: String,
    provenance: &'a crate::domain::Provenances,
}

impl<'a> Item<'a> {
    fn occurrence(&self, e: &'a Entry, date: Option<NaiveDate>) -> Due<'a> {
        let plan = &e.plan;
        Due {
            date,
            plan: &plan.id,
            level: plan.level.key(),
            kind: self.kind,
            id: self.id.clone(),
            text: self.text,
            lead: self.lead.iter().map(|k| plan.unit_name(k)).collect(),
            deadline: self.shown.clone(),
            source: self.source,
            provenance: self.provenance,
            start: false,
            plan_index: 0,
        }
    }
}

/// Abbreviations and full names, for the unit filter.
pub fn unit_keys(plan: &Plan, lists: &[&[Str]]) -> Vec<String> {
    let mut out = Vec::new();
    for list in lists {
        for k in *list {
            out.push(k.to_string());
            if let Some(name) = plan.units.get(k.as_str()) {
                out.push(name.clone());
            }
        }
    }
    out
}

/// The `n`th target, task or reporting duty of a plan.
fn item<'a>(repo: &'a Repo, e: &'a Entry, kind: Kind, n: usize) -> Item<'a> {
    let plan = &e.plan;
    let active = active(plan);
    match kind {
        Kind::Target => {
            let t = &plan.targets[n];
            let (due, source, shown) = target_when(repo, e, t);
            Item {
                kind,
                id: t.id.as_str().into(),
                text: &t.text,
                lead: &t.lead,
                units: [&t.lead, &t.implementers],
                due,
                start: start_of(t.due.as_ref()),
                source,
                shown,
                provenance: &t.provenance,
            }
        }
        Kind::Task => {
            let t = &plan.tasks[n];
            let (due, source, shown) = match &t.due {
                Some(d) => own(d, active),
                None => period_end(plan),
            };
            Item {
                kind,
                id: t.id.as_str().into(),
                text: &t.text,
                lead: &t.lead,
                units: [&t.lead, &t.cooperating],
                due,
                start: start_of(t.due.as_ref()),
                source,
                shown,
                provenance: &t.provenance,
            }
        }
        Kind::Report => {
            let r = &plan.reporting[n];
            let (due, source, shown) = own(&r.due, active);
            Item {
                kind,
                id: format!("R{}", n + 1).into(),
                text: &r.what,
                lead: &r.from,
                units: [&r.from, &[]],
                due,
                start: start_of(Some(&r.due)),
                source,
                shown,
                provenance: &r.provenance,
            }
        }
    }
}

/// Reporting duties have no number in the documents; they are named R1, R2...
fn own(d: &Deadline, active: (NaiveDate, NaiveDate)) -> (When, Source, String) {
    let shown = d.to_string();
    match d {
        // A start is never due: shown apart, as in force from its date.
        Deadline::Ongoing | Deadline::Inherited | Deadline::Start(_) => {
            (When::Ongoing, Source::Own, shown)
        }
        _ => (When::Deadline(d.clone(), active), Source::Own, shown),
    }
}

fn period_end(plan: &Plan) -> (When, Source, String) {
    let end = plan.period.end();
    (
        When::Deadline(Deadline::Date(end), active(plan)),
        Source::Period,
        format!("{} (end of period)", plan.period),
    )
}

/// A target's deadline as `kh due` and `kh status` count it: its own final date,
/// else inherited; `None` when ongoing or recurring.
pub fn target_due(repo: &Repo, e: &Entry, t: &Target) -> Option<NaiveDate> {
    cascade::target_due(repo, e, t).0
}

fn target_when(repo: &Repo, e: &Entry, t: &Target) -> (When, Source, String) {
    let plan = &e.plan;
    if let Some(d) = t.deadline() {
        return own(d, active(plan));
    }
    match cascade::target_due(repo, e, t) {
        (Some(date), cascade::DueFrom::Parent(parent, _)) => (
            When::Deadline(Deadline::Date(date), active(plan)),
            Source::Parent,
            format!("{} (from {})", date.format("%Y-%m-%d"), parent.plan.id),
        ),
        (None, cascade::DueFrom::Parent(parent, _)) => (
            When::Ongoing,
            Source::Parent,
            format!("ongoing (from {})", parent.plan.id),
        ),
        _ => period_end(plan),
    }
}

/// When a plan's recurring duties run: from its issue (a report is never due
/// before the plan that asks for it exists) to the end of its last horizon.
fn active(plan: &Plan) -> (NaiveDate, NaiveDate) {
    let start = plan.period.start().max(plan.issued.earliest());
    (start, plan.period.in_force_until().max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_query_without_diacritics() {
        let units = vec!["VP".to_string(), "Văn phòng Sở".to_string()];
        assert!(unit_matches("van phong so", &units));
        assert!(unit_matches("VĂN PHÒNG", &units));
        assert!(unit_matches("vp", &units));
        assert!(!unit_matches("tai chinh", &units));
        assert!(!unit_matches("  ", &units));
    }

    #[test]
    fn natural_order_of_ids() {
        let mut ids = vec!["II.10", "II.9", "I.2", "PL2.1"];
        ids.sort_by_key(|i| natural(i));
        assert_eq!(ids, vec!["I.2", "II.9", "II.10", "PL2.1"]);
    }

    fn repo() -> Repo {
        let parent = "kh: 1\nid: p\ntitle: T\nissuer: S\nlevel: province\nissued: 2026-01-05\nperiod: 2026\nunits: {VP: Văn phòng Sở}\ntargets:\n  - {id: I.1, text: plans, metric: m, target: 100%, due: Tháng 5/2026}\n  - {id: I.2, text: ai, metric: ai, target: 20%, due: Thường xuyên}\ntasks:\n  - {id: T1, text: a, lead: [VP], due: Quý IV/2026}\n  - {id: T2, text: b, due: 'Quý I, II'}\n  - {id: T3, text: c, due: theo quy định}\n";
        let child = "kh: 1\nid: c\ntitle: T\nissuer: W\nlevel: commune\nissued: 2026-02\nperiod: 2026\nparent: p\nreporting:\n  - {what: quarterly, from: [school], due: hằng quý (trước ngày 10 tháng cuối quý)}\ntargets:\n  - {id: '1', text: plans, metric: m, target: 100%}\n  - {id: '2', text: ai, metric: ai, target: 25%}\n  - {id: '3', text: own, metric: x, target: 5%}\n";
        crate::repo::from_sources(&[("p.yaml", parent), ("c.yaml", child)])
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn expands_and_inherits() {
        let r = repo();
        let (dated, ongoing) = collect(&r, d("2026-01-01"), d("2026-12-31"), &Filter::default());
        let got: Vec<(String, &str, &str, Source)> = dated
            .iter()
            .map(|x| (x.date.unwrap().to_string(), x.plan, &*x.id, x.source))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2026-03-10".into(), "c", "R1", Source::Own),
                ("2026-03-31".into(), "p", "T2", Source::Own),
                ("2026-05-31".into(), "c", "1", Source::Parent),
                ("2026-05-31".into(), "p", "I.1", Source::Own),
                ("2026-06-10".into(), "c", "R1", Source::Own),
                ("2026-06-30".into(), "p", "T2", Source::Own),
                ("2026-09-10".into(), "c", "R1", Source::Own),
                ("2026-12-10".into(), "c", "R1", Source::Own),
                ("2026-12-31".into(), "c", "3", Source::Period),
                ("2026-12-31".into(), "p", "T1", Source::Own),
            ]
        );
        let ongoing: Vec<(&str, &str)> = ongoing.iter().map(|x| (x.plan, &*x.id)).collect();
        assert_eq!(ongoing, vec![("c", "2"), ("p", "I.2"), ("p", "T3")]);
    }

    #[test]
    fn filters_by_unit_kind_and_level() {
        let r = repo();
        let f = Filter {
            unit: Some("van phong".into()),
            ..Filter::default()
        };
        let (dated, _) = collect(&r, d("2026-01-01"), d("2026-12-31"), &f);
        assert_eq!(dated.iter().map(|x| &*x.id).collect::<Vec<_>>(), vec!["T1"]);
        let f = Filter {
            kinds: vec![Kind::Report],
            levels: vec![Level::Commune],
            ..Filter::default()
        };
        let (dated, _) = collect(&r, d("2026-10-01"), d("2026-12-31"), &f);
        assert_eq!(dated.len(), 1);
        assert_eq!(dated[0].date, Some(d("2026-12-10")));
    }
}
