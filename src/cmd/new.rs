//! `kh new --parent ID --level LEVEL --id ID --issuer NAME`: a child plan's
//! draft written from its parents. Every parent target that binds the new
//! plan's level is adopted with the parent's threshold and deadline, marked
//! for review; the parents' units and segments are declared; the citation is
//! written from the parents' numbers and dates; internal targets are left out.

use crate::check::cascade::own_due;
use crate::check::coverage;
use crate::domain::threshold::Inclusion;
use crate::domain::{Level, Period, Plan};
use crate::format::{PlanFile, TargetEntry, Text};
use crate::repo::{self, Repo};
use crate::ui::Ui;
use anyhow::{Context, Result, bail};
use clap::Args;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The plan it implements, by id; repeat for each, the most direct first
    #[arg(long = "parent", required = true)]
    pub parents: Vec<String>,
    /// Its level: commune, school (or province, district)
    #[arg(long, value_parser = parse_level)]
    pub level: Level,
    /// Its id, e.g. ninh-binh/phuong-hoa-lu-2026
    #[arg(long)]
    pub id: String,
    /// The issuing body as printed, e.g. "UBND phường Hoa Lư"
    #[arg(long)]
    pub issuer: String,
    /// Its title (default: written from the issuer and period)
    #[arg(long)]
    pub title: Option<String>,
    /// Its period (default: the first parent's)
    #[arg(long)]
    pub period: Option<String>,
    /// When it is issued, YYYY-MM-DD or YYYY-MM (default: the latest parent's date, marked inferred)
    #[arg(long)]
    pub issued: Option<String>,
    /// Where the plans are (default: the repository found from here)
    #[arg(long = "repo")]
    pub repo: Vec<PathBuf>,
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| {
        format!("`{s}` is not a level: expected province, district, commune or school")
    })
}

/// A YAML scalar that reads back as exactly this text: JSON's quoting is YAML's.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn list(items: &[Text]) -> String {
    let v: Vec<String> = items.iter().map(|t| q(t.as_str())).collect();
    format!("[{}]", v.join(", "))
}

/// One parent as the draft needs it: its domain plan and its file as written.
struct Parent<'a> {
    plan: &'a Plan,
    file: PlanFile,
}

/// An adopted target: the parent's entry, from which parent, and its date.
struct Adopted<'a> {
    from: usize,
    entry: &'a TargetEntry,
    due: Option<chrono::NaiveDate>,
}

/// The stricter of two adoptions of one metric, and the earlier deadline.
fn merge<'a>(repo: &Repo, old: &mut Adopted<'a>, new: Adopted<'a>, parents: &[Parent]) {
    let threshold = |a: &Adopted| {
        let p = parents[a.from].plan;
        p.targets
            .iter()
            .find(|t| t.id == a.entry.id.as_str())
            .and_then(|t| (t.values.len() == 1).then(|| t.values[0].value.binding.clone()))
            .map(|b| crate::check::oriented(repo, a.entry.metric.as_str(), &b))
    };
    let stricter = match (threshold(&new), threshold(old)) {
        (Some(n), Some(o)) => {
            n.within(&o) == Inclusion::Inside && o.within(&n) != Inclusion::Inside
        }
        _ => false,
    };
    let earlier = match (new.due, old.due) {
        (Some(n), Some(o)) => n < o,
        _ => false,
    };
    if stricter || (earlier && new.entry.target == old.entry.target) {
        *old = new;
    }
}

/// "Thực hiện Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở GDĐT ..."
fn cite(p: &Plan) -> String {
    crate::messages::export_vi::citation(
        p.number.as_deref().unwrap_or(""),
        &p.issued,
        &p.issuer,
        &p.title,
    )
}

pub fn run(args: NewArgs, _ui: &Ui) -> Result<i32> {
    let source = repo::locate(&args.repo)?;
    let repo = repo::load(source)?;
    let mut parents = Vec::new();
    for id in &args.parents {
        let Some(e) = repo.plan(id) else {
            bail!(
                "{}",
                crate::messages::sentence(
                    _ui.lang,
                    &crate::message::Sentence::NoSuchPlan {
                        id: id.clone(),
                        nearest: crate::load::nearest(id, repo.by_id.keys().map(String::as_str))
                            .map(str::to_string),
                    }
                )
            );
        };
        let path = repo.path(e.file);
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let src = String::from_utf8_lossy(&bytes);
        let file = crate::yaml::read::<PlanFile>(src.trim_start_matches('\u{FEFF}'))
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message))?
            .value;
        parents.push(Parent {
            plan: &e.plan,
            file,
        });
    }
    let first = parents[0].plan;
    let period = match &args.period {
        Some(p) => Period::parse(p).with_context(|| format!("`{p}` is not a period"))?,
        None => first.period.clone(),
    };
    let latest = parents
        .iter()
        .map(|p| p.plan.issued)
        .max_by_key(|i| i.latest())
        .unwrap_or(first.issued);
    let issued = args.issued.clone().unwrap_or_else(|| match latest {
        crate::domain::Issued::Day(d) => d.format("%Y-%m-%d").to_string(),
        crate::domain::Issued::Month { year, month } => format!("{year:04}-{month:02}"),
        crate::domain::Issued::Year(year) => format!("{year:04}"),
    });
    // A plan shaped like the draft, for the one question of which targets bind it.
    let mut child = first.clone();
    child.id = args.id.clone();
    child.level = args.level;
    child.period = period.clone();
    child.targets.clear();

    let mut adopted: Vec<Adopted> = Vec::new();
    for (pi, p) in parents.iter().enumerate() {
        for (ti, t) in p.plan.targets.iter().enumerate() {
            if !coverage::binds(p.plan, t, &child) {
                continue;
            }
            let Some(entry) = p.file.targets.get(ti) else {
                continue;
            };
            let new = Adopted {
                from: pi,
                entry,
                due: own_due(p.plan, t),
            };
            match adopted
                .iter_mut()
                .find(|a| a.entry.metric.as_str() == t.metric && pi > a.from)
            {
                Some(old) => merge(&repo, old, new, &parents),
                None => adopted.push(new),
            }
        }
    }

    // Units and segments that the adopted targets name, as their parents declare them.
    let mut units: BTreeMap<String, String> = BTreeMap::new();
    let mut segments: BTreeMap<String, String> = BTreeMap::new();
    for a in &adopted {
        let f = &parents[a.from].file;
        for key in a.entry.lead.iter().chain(&a.entry.implementers) {
            if let Some(name) = f.units.get(key.as_str()) {
                units
                    .entry(key.as_str().to_string())
                    .or_insert_with(|| name.as_str().to_string());
            }
        }
        for seg in a.entry.by_segment.iter().flat_map(|m| m.keys()) {
            if let Some(d) = f.segments.get(seg) {
                segments
                    .entry(seg.clone())
                    .or_insert_with(|| d.as_str().to_string());
            }
        }
    }

    let title = args.title.clone().unwrap_or_else(|| {
        crate::messages::export_vi::plan_title(&args.issuer, &period.to_string())
    });
    let mut y = String::new();
    let _ = writeln!(
        y,
        "{}",
        crate::messages::export_vi::draft_header(&args.parents.join(", "))
    );
    for p in &parents {
        let _ = writeln!(y, "# {}", cite(p.plan));
    }
    let _ = writeln!(y, "kh: 1");
    let _ = writeln!(y, "id: {}", q(&args.id));
    let _ = writeln!(
        y,
        "number: {}",
        q(&crate::messages::export_vi::blank_number(args.level))
    );
    let _ = writeln!(y, "title: {}", q(&title));
    let _ = writeln!(y, "issuer: {}", q(&args.issuer));
    let _ = writeln!(y, "level: {}", args.level.key());
    let _ = writeln!(y, "issued: {}", q(&issued));
    let _ = writeln!(y, "period: {}", q(&period.to_string()));
    if parents.len() == 1 {
        let _ = writeln!(y, "parent: {}", q(&args.parents[0]));
    } else {
        let ids: Vec<String> = args.parents.iter().map(|p| q(p)).collect();
        let _ = writeln!(y, "parent: [{}]", ids.join(", "));
    }
    let cites: Vec<String> = parents
        .iter()
        .map(|p| {
            crate::messages::export_vi::cites(
                p.plan.number.as_deref().unwrap_or(""),
                &p.plan.issued,
                &p.plan.issuer,
            )
        })
        .collect();
    let _ = writeln!(y, "cites: {}", q(&cites.join("; ")));
    if !segments.is_empty() {
        let _ = writeln!(y, "segments:");
        for (k, v) in &segments {
            let _ = writeln!(y, "  {}: {}", q(k), q(v));
        }
    }
    if !units.is_empty() {
        let _ = writeln!(y, "units:");
        for (k, v) in &units {
            let _ = writeln!(y, "  {}: {}", q(k), q(v));
        }
    }
    let _ = writeln!(y, "provenance:");
    let _ = writeln!(y, "  issued: inferred");
    let _ = writeln!(y, "  number: inferred");
    if adopted.is_empty() {
        let _ = writeln!(y, "targets: []");
    } else {
        let _ = writeln!(y, "targets:");
    }
    for a in &adopted {
        let p = &parents[a.from];
        let t = a.entry;
        let _ = writeln!(
            y,
            "  {}",
            crate::messages::export_vi::review_mark(t.id.as_str(), &p.plan.id)
        );
        let _ = writeln!(y, "  - id: {}", q(t.id.as_str()));
        if let Some(area) = &t.area {
            let _ = writeln!(y, "    area: {}", q(area.as_str()));
        }
        let _ = writeln!(y, "    text: {}", q(t.text.as_str()));
        let _ = writeln!(y, "    metric: {}", q(t.metric.as_str()));
        if let Some(v) = &t.target {
            let _ = writeln!(y, "    target: {}", q(v.as_str()));
        }
        if let Some(m) = &t.by_segment {
            let _ = writeln!(y, "    by_segment:");
            for (k, v) in m {
                let _ = writeln!(y, "      {}: {}", q(k), q(v.as_str()));
            }
        }
        if let Some(s) = &t.stretch {
            let _ = writeln!(y, "    stretch: {}", q(s.as_str()));
        }
        // A phrase without its year ("Quý IV") takes the plan's year: where the
        // draft's year differs from the parent's, write the parent's date instead.
        let pt = p.plan.targets.iter().find(|x| x.id == t.id.as_str());
        let same_year = period.from == period.to && period.from == p.plan.year();
        let due = t.due.as_ref().map(|d| {
            if same_year {
                d.as_str().to_string()
            } else {
                pt.and_then(|pt| pt.due.as_ref())
                    .and_then(|x| x.final_date())
                    .map(|x| x.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| d.as_str().to_string())
            }
        });
        if let Some(d) = due {
            let _ = writeln!(y, "    due: {}", q(&d));
        }
        if !t.lead.is_empty() {
            let _ = writeln!(y, "    lead: {}", list(&t.lead));
        }
        if !t.implementers.is_empty() {
            let _ = writeln!(y, "    implementers: {}", list(&t.implementers));
        }
        // Who must carry it further: the parent's levels below the new plan's.
        let below: Option<Vec<String>> = pt.map(|pt| match &pt.applies_to {
            Some(bindings) => bindings
                .iter()
                .filter(|b| b.below(args.level))
                .map(|b| b.to_string())
                .collect(),
            None => args
                .level
                .below()
                .iter()
                .map(|l| l.key().to_string())
                .collect(),
        });
        if let Some(b) = below {
            let _ = writeln!(y, "    applies_to: [{}]", b.join(", "));
        }
        // Every copied value names the parent it is quoted from: to review.
        let source = q(&cites[a.from]);
        let mut marks = vec![format!("text: {source}"), format!("value: {source}")];
        for (field, present) in [
            ("due", t.due.is_some()),
            ("lead", !t.lead.is_empty()),
            ("implementers", !t.implementers.is_empty()),
        ] {
            if present {
                marks.push(format!("{field}: {source}"));
            }
        }
        marks.push("applies_to: inferred".into());
        let _ = writeln!(y, "    provenance: {{{}}}", marks.join(", "));
    }
    super::emit(&y)?;
    Ok(super::EXIT_OK)
}
