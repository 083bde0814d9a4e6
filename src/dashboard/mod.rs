//! The offline dashboard: a static site that works from a folder or a file
//! share, with no server, no network, no script and no web font. An index of
//! every plan as a tree (national → province → commune → school) with each
//! plan's share of targets met, and a page per plan: its targets in their
//! Open SDG bands with progress bars, charts of achieved values against the
//! threshold drawn as inline SVG, what falls due in the next 90 days and the
//! findings of `kh check`. Vietnamese pages first, each with its English twin
//! (`.en.html`); a print stylesheet makes a page a report.
//!
//! Every number is `kh status`'s: the rows come from `status::plan_rows`, the
//! bands from `Status::band`, the share from `status::share_met`.

pub mod svg;

use crate::agenda::{self, Filter};
use crate::domain::threshold::Quantity;
use crate::messages::{ExportWord as W, band, export_word, word};
use crate::render::Located;
use crate::repo::Repo;
use crate::reports::Measurement;
use crate::status::{Band, Row};
use crate::ui::Lang;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The stylesheet, screen and print.
pub const STYLE: &str = include_str!("../../templates/dashboard/style.css");

/// Days ahead the "due" section looks.
pub const DUE_DAYS: i64 = 90;

/// Escapes a value for HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A plan id as a file name: `ninh-binh/so-gddt-2026` → `ninh-binh--so-gddt-2026`.
pub fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else if c == '/' {
                "--".to_string()
            } else {
                format!("_{:x}", c as u32)
            }
        })
        .collect()
}

fn suffix(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "",
        Lang::En => ".en",
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// The switch's label: the other language, named in itself.
fn switch_label(lang: Lang) -> &'static str {
    match other(lang) {
        Lang::En => "English",
        Lang::Vi => "Tiếng Việt",
    }
}

fn level_word(lang: Lang, l: crate::domain::Level) -> &'static str {
    use crate::domain::Level;
    export_word(
        lang,
        match l {
            Level::National => W::LevelNational,
            Level::Province => W::LevelProvince,
            Level::District => W::LevelDistrict,
            Level::Commune => W::LevelCommune,
            Level::School => W::LevelSchool,
        },
    )
}

/// A quantity on one numeric scale: percent for shares and ratios, else itself.
fn number(q: &Quantity) -> Option<(f64, bool)> {
    match q {
        Quantity::Percent(p) => Some((*p, true)),
        Quantity::Ratio { num, den, .. } if *den > 0 => {
            Some((f64::from(*num) / f64::from(*den) * 100.0, true))
        }
        Quantity::Count { n, .. } => Some((*n, false)),
        Quantity::Level(l) => Some((*l, false)),
        Quantity::Yes(b) => Some((if *b { 100.0 } else { 0.0 }, true)),
        _ => None,
    }
}

fn page(lang: Lang, title: &str, depth: usize, here: &str, body: &str) -> String {
    let up = "../".repeat(depth);
    let other_page = format!("{here}{}.html", suffix(other(lang)));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"{up}style.css\">\n</head>\n<body>\n<nav class=\"top\"><a href=\"{up}index{sfx}.html\">{all}</a><a class=\"switch\" hreflang=\"{other_code}\" href=\"{other_page}\">{switch}</a></nav>\n<main>\n{body}</main>\n<footer>kh {version}</footer>\n</body>\n</html>\n",
        code = lang_code(lang),
        title = esc(title),
        sfx = suffix(lang),
        all = esc(export_word(lang, W::AllPlans)),
        other_code = lang_code(other(lang)),
        switch = switch_label(lang),
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// What the site is built from.
pub struct Input<'a> {
    pub repo: &'a Repo,
    /// `kh status`'s rows of each plan, by plan index.
    pub rows: &'a HashMap<usize, Vec<Row>>,
    pub measurements: &'a [Measurement],
    pub findings: &'a [Located],
    pub as_of: NaiveDate,
}

/// Every file of the site: (path relative to the site's folder, content).
pub fn build(input: &Input) -> Vec<(String, String)> {
    let mut files = vec![("style.css".to_string(), STYLE.to_string())];
    for lang in [Lang::Vi, Lang::En] {
        files.push((format!("index{}.html", suffix(lang)), index(input, lang)));
        for (i, e) in input.repo.plans.iter().enumerate() {
            files.push((
                format!("plan/{}{}.html", slug(&e.plan.id), suffix(lang)),
                plan_page(input, i, lang),
            ));
        }
    }
    files
}

/// A status as `kh status --format json` spells it ("no-data").
fn status_json(s: crate::status::Status) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn met_counts(rows: &[Row]) -> (usize, usize) {
    (
        rows.iter().filter(|r| r.status.is_met()).count(),
        rows.len(),
    )
}

fn share_cell(rows: &[Row], lang: Lang) -> String {
    let (met, n) = met_counts(rows);
    let share = crate::status::share_met(rows);
    let colour = match share {
        Some(s) if s >= 100.0 => Band::Achieved.rgb(),
        Some(_) => Band::InProgress.rgb(),
        None => Band::NoData.rgb(),
    };
    format!(
        "<span class=\"share\">{bar} <span class=\"count\">{met}/{n} {of}</span>{pct}</span>",
        bar = svg::bar(share.unwrap_or(0.0), None, colour),
        of = esc(export_word(lang, W::TargetsMet)),
        pct = share
            .map(|s| format!(" <span class=\"pct\">({})</span>", pct(s)))
            .unwrap_or_default(),
    )
}

fn pct(s: f64) -> String {
    let r = (s * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}%")
    } else {
        format!("{r:.1}%")
    }
}

fn index(input: &Input, lang: Lang) -> String {
    let repo = input.repo;
    let children = crate::status::children(repo);
    let mut roots: Vec<usize> = (0..repo.plans.len())
        .filter(|i| {
            // A root: none of its parents is another plan of the repository.
            let p = &repo.plans[*i].plan;
            p.parents
                .iter()
                .filter_map(|id| repo.by_id.get(id))
                .all(|pi| pi == i)
        })
        .collect();
    let key = |i: &usize| (repo.plans[*i].plan.level, repo.plans[*i].plan.id.clone());
    roots.sort_by_key(key);
    fn node(
        input: &Input,
        i: usize,
        children: &HashMap<usize, Vec<usize>>,
        lang: Lang,
        out: &mut String,
        seen: &mut Vec<usize>,
    ) {
        if seen.contains(&i) {
            return;
        }
        seen.push(i);
        let e = &input.repo.plans[i];
        let rows = input.rows.get(&i).map(Vec::as_slice).unwrap_or(&[]);
        let (met, n) = met_counts(rows);
        let share = crate::status::share_met(rows)
            .map(|s| format!("{s:.4}"))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li data-plan=\"{id}\" data-met=\"{met}\" data-targets=\"{n}\" data-share=\"{share}\"><span class=\"level\">{level}</span> <a href=\"plan/{slug}{sfx}.html\">{title}</a> <span class=\"issuer\">{issuer}</span> {cell}",
            id = esc(&e.plan.id),
            level = esc(level_word(lang, e.plan.level)),
            slug = slug(&e.plan.id),
            sfx = suffix(lang),
            title = esc(&e.plan.title),
            issuer = esc(&e.plan.issuer),
            cell = share_cell(rows, lang),
        );
        if let Some(kids) = children.get(&i) {
            let mut kids = kids.clone();
            kids.sort_by_key(|k| {
                (
                    input.repo.plans[*k].plan.level,
                    input.repo.plans[*k].plan.id.clone(),
                )
            });
            out.push_str("<ul>");
            for k in kids {
                node(input, k, children, lang, out, seen);
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    let mut tree = String::from("<ul class=\"tree\">\n");
    let mut seen = Vec::new();
    for r in roots {
        node(input, r, &children, lang, &mut tree, &mut seen);
    }
    tree.push_str("</ul>\n");
    let body = format!(
        "<h1>{title}</h1>\n<p class=\"intro\">{intro}</p>\n<p class=\"asof\">{asof_w} <time datetime=\"{asof_iso}\">{asof}</time></p>\n{legend}{tree}",
        title = esc(export_word(lang, W::DashboardTitle)),
        intro = esc(export_word(lang, W::DashboardIntro)),
        asof_w = esc(export_word(lang, W::AsOfDay)),
        asof_iso = input.as_of.format("%Y-%m-%d"),
        asof = input.as_of.format("%d/%m/%Y"),
        legend = legend(lang),
    );
    page(
        lang,
        export_word(lang, W::DashboardTitle),
        0,
        "index",
        &body,
    )
}

fn legend(lang: Lang) -> String {
    let mut s = format!(
        "<p class=\"legend\"><span class=\"legend-title\">{}:</span>",
        esc(export_word(lang, W::Legend))
    );
    for b in Band::ALL {
        let _ = write!(s, " {}", chip(b, lang));
    }
    s.push_str("</p>\n");
    s
}

fn chip(b: Band, lang: Lang) -> String {
    format!(
        "<span class=\"band band-{}\">{}</span>",
        b.key(),
        esc(band(lang, b))
    )
}

fn plan_page(input: &Input, i: usize, lang: Lang) -> String {
    let repo = input.repo;
    let e = &repo.plans[i];
    let p = &e.plan;
    let rows = input.rows.get(&i).map(Vec::as_slice).unwrap_or(&[]);
    let mut b = String::new();
    let _ = writeln!(b, "<h1>{}</h1>", esc(&p.title));
    let _ = writeln!(b, "<dl class=\"meta\">");
    let mut meta = vec![
        (export_word(lang, W::Issuer), esc(&p.issuer)),
        (export_word(lang, W::Level), esc(level_word(lang, p.level))),
    ];
    if let Some(n) = &p.number {
        meta.push((export_word(lang, W::Number), esc(n)));
    }
    meta.push((export_word(lang, W::Date), esc(&p.issued.to_string())));
    if !p.parents.is_empty() {
        let links: Vec<String> = p
            .parents
            .iter()
            .map(|parent| match repo.by_id.get(parent) {
                Some(_) => format!(
                    "<a href=\"{}{}.html\">{}</a>",
                    slug(parent),
                    suffix(lang),
                    esc(parent)
                ),
                None => esc(parent),
            })
            .collect();
        meta.push((export_word(lang, W::Parent), links.join(", ")));
    }
    meta.push((
        export_word(lang, W::AsOfDay),
        format!(
            "<time datetime=\"{}\">{}</time>",
            input.as_of.format("%Y-%m-%d"),
            input.as_of.format("%d/%m/%Y")
        ),
    ));
    for (k, v) in meta {
        let _ = writeln!(b, "<dt>{}</dt><dd>{v}</dd>", esc(k));
    }
    let _ = writeln!(b, "</dl>");

    // Summary: the share met and the count in each band.
    let (met, n) = met_counts(rows);
    let share = crate::status::share_met(rows)
        .map(|s| format!("{s:.4}"))
        .unwrap_or_default();
    let _ = writeln!(
        b,
        "<section class=\"summary\" data-plan=\"{}\" data-met=\"{met}\" data-targets=\"{n}\" data-share=\"{share}\"><h2>{}</h2><p>{}</p><p class=\"bands\">",
        esc(&p.id),
        esc(export_word(lang, W::Summary)),
        share_cell(rows, lang)
    );
    for band_ in Band::ALL {
        let count = rows.iter().filter(|r| r.status.band() == band_).count();
        let _ = write!(
            b,
            "<span class=\"band band-{}\" data-band=\"{}\" data-count=\"{count}\">{}: {count}</span> ",
            band_.key(),
            band_.key(),
            esc(band(lang, band_))
        );
    }
    let _ = writeln!(b, "</p></section>");

    // The targets, as kh status has them.
    let _ = writeln!(
        b,
        "<section><h2>{}</h2>",
        esc(export_word(lang, W::Targets))
    );
    if rows.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", esc(export_word(lang, W::NoTargets)));
    } else {
        let cols = [
            word(lang, crate::messages::Word::Id),
            word(lang, crate::messages::Word::Text),
            word(lang, crate::messages::Word::Segment),
            export_word(lang, W::Threshold),
            export_word(lang, W::Achieved),
            word(lang, crate::messages::Word::AsOf),
            word(lang, crate::messages::Word::Due),
            export_word(lang, W::Band),
            export_word(lang, W::Progress),
        ];
        let _ = write!(b, "<table class=\"targets\"><thead><tr>");
        for c in cols {
            let _ = write!(b, "<th>{}</th>", esc(c));
        }
        let _ = writeln!(b, "</tr></thead><tbody>");
        for (r, (t, threshold)) in rows.iter().zip(targets_of(input, i)) {
            let text = p
                .targets
                .iter()
                .find(|x| x.id == r.target)
                .map(|x| x.text.as_str())
                .unwrap_or("");
            let band_ = r.status.band();
            let value = measured(input, i, t, r.segment.as_deref());
            let progress = match (value.last(), threshold) {
                (Some(v), Some((th, true))) => svg::bar(v.value, Some(th), band_.rgb()),
                (Some(v), Some((th, false))) if th > 0.0 => {
                    svg::bar(v.value / th * 100.0, Some(100.0), band_.rgb())
                }
                _ => svg::bar(0.0, threshold.filter(|t| t.1).map(|t| t.0), band_.rgb()),
            };
            let _ = writeln!(
                b,
                "<tr data-target=\"{id}\" data-segment=\"{seg}\" data-status=\"{status}\" data-band=\"{bandkey}\" data-value=\"{value}\"><td>{id}</td><td class=\"text\">{text}</td><td>{seg}</td><td>{th}</td><td>{value}</td><td>{asof}</td><td>{due}</td><td>{chip}</td><td>{progress}</td></tr>",
                id = esc(&r.target),
                seg = esc(r.segment.as_deref().unwrap_or("")),
                status = esc(&status_json(r.status)),
                bandkey = band_.key(),
                value = esc(r.value.as_deref().unwrap_or("")),
                text = esc(text),
                th = esc(&r.threshold),
                asof = r
                    .as_of
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default(),
                due = r
                    .due
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| word(lang, crate::messages::Word::Ongoing).to_string()),
                chip = chip(band_, lang),
            );
        }
        let _ = writeln!(b, "</tbody></table>");
    }
    let _ = writeln!(b, "</section>");

    // Charts of achieved values over time.
    let _ = writeln!(
        b,
        "<section class=\"history\"><h2>{}</h2>",
        esc(export_word(lang, W::History))
    );
    let mut charts = 0;
    for (r, (t, threshold)) in rows.iter().zip(targets_of(input, i)) {
        let points = measured(input, i, t, r.segment.as_deref());
        if points.is_empty() {
            continue;
        }
        charts += 1;
        let percent = threshold.is_none_or(|t| t.1);
        let from = points[0].date.min(p.period.start());
        let to = p.period.end().max(points[points.len() - 1].date);
        let label = format!(
            "{} {}{}",
            r.target,
            r.metric,
            r.segment
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            b,
            "<figure data-target=\"{}\" data-segment=\"{}\"><figcaption>{} — {}</figcaption>{}</figure>",
            esc(&r.target),
            esc(r.segment.as_deref().unwrap_or("")),
            esc(&label),
            chip(r.status.band(), lang),
            svg::history(
                &points,
                threshold.map(|t| t.0),
                percent,
                from,
                to,
                r.status.band().rgb(),
                &label
            )
        );
    }
    if charts == 0 {
        let _ = writeln!(b, "<p>{}</p>", esc(export_word(lang, W::NoHistory)));
    }
    let _ = writeln!(b, "</section>");

    // What falls due in the next 90 days.
    let _ = writeln!(
        b,
        "<section class=\"due\"><h2>{}</h2>",
        esc(export_word(lang, W::DueNext))
    );
    let filter = Filter {
        plans: vec![p.id.clone()],
        ..Default::default()
    };
    let (dated, _) = agenda::collect(
        repo,
        input.as_of,
        input.as_of + chrono::Duration::days(DUE_DAYS),
        &filter,
    );
    if dated.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", esc(export_word(lang, W::NothingDue)));
    } else {
        let _ = write!(b, "<table><thead><tr>");
        for c in [
            crate::messages::Word::Date,
            crate::messages::Word::Kind,
            crate::messages::Word::Id,
            crate::messages::Word::Text,
            crate::messages::Word::Lead,
        ] {
            let _ = write!(b, "<th>{}</th>", esc(word(lang, c)));
        }
        let _ = writeln!(b, "</tr></thead><tbody>");
        for d in &dated {
            let _ = writeln!(
                b,
                "<tr data-kind=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"text\">{}</td><td>{}</td></tr>",
                d.kind.key(),
                d.date
                    .map(|x| x.format("%d/%m/%Y").to_string())
                    .unwrap_or_default(),
                esc(word(lang, d.kind.word())),
                esc(&d.id),
                esc(d.text),
                esc(&d.lead.join(", "))
            );
        }
        let _ = writeln!(b, "</tbody></table>");
    }
    let _ = writeln!(b, "</section>");

    // The findings of kh check in this plan's file.
    let file = repo.path(e.file).display().to_string();
    let mine: Vec<&Located> = input.findings.iter().filter(|f| f.file == file).collect();
    let _ = writeln!(
        b,
        "<section class=\"findings\"><h2>{}</h2>",
        esc(export_word(lang, W::Findings))
    );
    if mine.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", esc(export_word(lang, W::NoFindings)));
    } else {
        let _ = writeln!(b, "<ul>");
        for f in mine {
            let _ = writeln!(
                b,
                "<li class=\"finding {sev}\" data-rule=\"{rule}\"><span class=\"sev\">{sevw}</span> <code>{rule}</code> <span class=\"line\">{linew} {line}</span>: {msg}</li>",
                sev = esc(f.severity),
                sevw = esc(f.severity().word(lang)),
                rule = esc(f.rule),
                linew = esc(export_word(lang, W::Line)),
                line = f.line,
                msg = esc(&f.message),
            );
        }
        let _ = writeln!(b, "</ul>");
    }
    let _ = writeln!(b, "</section>");
    page(lang, &p.title, 1, &slug(&p.id), &b)
}

/// Each row's (target index, threshold on its numeric scale), in `plan_rows`' order.
fn targets_of(input: &Input, i: usize) -> Vec<(usize, Option<(f64, bool)>)> {
    let e = &input.repo.plans[i];
    let mut out = Vec::new();
    for (ti, t) in e.plan.targets.iter().enumerate() {
        for v in &t.values {
            let th = crate::check::oriented(input.repo, &t.metric, &v.value.binding);
            out.push((ti, number(&th.qty)));
        }
    }
    out
}

/// The achieved values of one target and segment up to the day, oldest first.
fn measured(input: &Input, plan: usize, target: usize, segment: Option<&str>) -> Vec<svg::Point> {
    let mut pts: Vec<svg::Point> = input
        .measurements
        .iter()
        .filter(|m| {
            m.plan == plan
                && m.targets.contains(&target)
                && m.segment.as_deref() == segment
                && m.as_of <= input.as_of
        })
        .filter_map(|m| {
            number(&m.value).map(|(v, _)| svg::Point {
                date: m.as_of,
                value: v,
            })
        })
        .collect();
    pts.sort_by_key(|p| p.date);
    pts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("ninh-binh/so-gddt-2026"), "ninh-binh--so-gddt-2026");
        assert_eq!(slug("a b"), "a_20b");
    }
}
