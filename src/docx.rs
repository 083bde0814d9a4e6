//! A plan as officials issue it, as a Word document: the header block (issuer,
//! number, the national motto, the date), the title and the citation on an
//! A4 portrait page, then the targets table (TT / Chỉ tiêu / Đơn vị chủ trì /
//! Đơn vị tổ chức triển khai / Thời gian hoàn thành) and the tasks table on
//! A4 landscape, grouped by area with the document's numbering, in Times New
//! Roman 13. The plan file itself rides along as the custom property
//! `kh-plan`, so that `kh import` gives back the very same plan.

use crate::domain::{Issued, Plan};
use crate::format::{PlanFile, Text};
use crate::messages::export_vi as vi;
use anyhow::Result;
use docx_rs::{
    AlignmentType, Docx, PageMargin, PageOrientationType, PageSize, Paragraph, Run, RunFonts,
    Section, Table, TableCell, TableRow, WidthType,
};

/// The custom property that carries the plan file.
pub const PLAN_PROPERTY: &str = "kh-plan";

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// Times New Roman 13, in half-points.
const SIZE: usize = 26;

fn fonts() -> RunFonts {
    let f = "Times New Roman";
    RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f)
}

fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts()).size(SIZE)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn bold(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text).bold())
}

fn centred(p: Paragraph) -> Paragraph {
    p.align(AlignmentType::Center)
}

fn cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
}

/// Unit keys as the document names them: a unit's full name, a level's words.
fn units(plan: &Plan, keys: &[Text]) -> String {
    keys.iter()
        .map(|k| {
            let k = k.as_str();
            match crate::domain::Level::parse(k).filter(|_| !plan.units.contains_key(k)) {
                Some(l) => vi::level_units(l).to_string(),
                None => plan.unit_name(k).to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Areas in the order they first appear, each with its entries.
/// The rows of a table grouped by area, in the order areas first appear: each
/// item becomes its row through `row`.
type Grouped = Vec<(Option<String>, Vec<Vec<String>>)>;

fn by_area<T>(
    items: &[T],
    area: impl Fn(&T) -> Option<&Text>,
    row: impl Fn(&T) -> Vec<String>,
) -> Grouped {
    let mut out: Grouped = Vec::new();
    for it in items {
        let a = area(it).map(|t| t.as_str().to_string());
        match out.iter_mut().find(|(k, _)| *k == a) {
            Some((_, v)) => v.push(row(it)),
            None => out.push((a, vec![row(it)])),
        }
    }
    out
}

/// An optional text, empty when absent.
fn text_or_empty(t: &Option<Text>) -> String {
    t.as_ref()
        .map(|d| d.as_str().to_string())
        .unwrap_or_default()
}

fn roman(n: usize) -> String {
    const R: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The "Mức đạt" cell: the target's words as written ("tối thiểu 20%"), with
/// its stretch goal ("…, phấn đấu 50%") or its value per segment ("100% ở
/// thành thị; 80% ở miền núi"); empty for a yes/no target.
fn value_cell(file: &PlanFile, t: &crate::format::TargetEntry) -> String {
    let mut v = match &t.by_segment {
        Some(segs) if !segs.is_empty() => segs
            .iter()
            .map(|(k, p)| {
                let name = file.segments.get(k).map_or(k.as_str(), |n| n.as_str());
                vi::at_segment(p.as_str(), name)
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => text_or_empty(&t.target),
    };
    if crate::text::fold(v.trim()) == "yes" {
        v.clear();
    }
    match &t.stretch {
        Some(s) if !v.is_empty() => vi::with_stretch(&v, s.as_str()),
        _ => v,
    }
}

/// A table with its header row and, per area, a heading row then its rows.
fn table(
    headers: &[&str],
    widths: &[usize],
    groups: Vec<(Option<String>, Vec<Vec<String>>)>,
) -> Table {
    let head = TableRow::new(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(centred(bold(h)), *w))
            .collect(),
    );
    let mut rows = vec![head];
    let total: usize = widths.iter().sum();
    let numbered = groups.iter().filter(|(a, _)| a.is_some()).count() > 0;
    for (n, (area, cells)) in groups.into_iter().enumerate() {
        if let Some(a) = area.filter(|_| numbered) {
            rows.push(TableRow::new(vec![
                cell(bold(&roman(n + 1)), widths[0]),
                cell(bold(&a), total - widths[0]).grid_span(widths.len() - 1),
            ]));
        }
        for r in cells {
            rows.push(
                TableRow::new(
                    r.iter()
                        .zip(widths)
                        .map(|(c, w)| cell(para(c), *w))
                        .collect(),
                )
                .cant_split(),
            );
        }
    }
    Table::new(rows).set_grid(widths.to_vec())
}

/// The Word document of one plan: `file` as written, `plan` as read, `source`
/// the plan file's text.
pub fn document(file: &PlanFile, plan: &Plan, source: &str) -> Result<Vec<u8>> {
    let number = file.number.as_ref().map(Text::as_str).unwrap_or("");
    let date = match plan.issued {
        Issued::Day(d) => vi::issued_line(
            Some(chrono::Datelike::day(&d)),
            chrono::Datelike::month(&d),
            chrono::Datelike::year(&d),
        ),
        Issued::Month { year, month } => vi::issued_line(None, month, year),
        // Day and month blank in a draft: the line keeps its blanks.
        Issued::Year(year) => format!("ngày    tháng    năm {year}"),
    };
    // The header block: issuer and number on the left, the motto and the date on the right.
    let half = (A4_SHORT as usize - 2 * 1134) / 2;
    let header = Table::without_borders(vec![
        TableRow::new(vec![
            cell(centred(bold(&plan.issuer.to_uppercase())), half),
            cell(centred(bold(vi::MOTTO_STATE)), half),
        ]),
        TableRow::new(vec![
            cell(centred(para(&vi::number_line(number))), half),
            cell(centred(bold(vi::MOTTO)), half),
        ]),
        TableRow::new(vec![cell(para(""), half), cell(centred(para(&date)), half)]),
    ])
    .set_grid(vec![half, half]);
    let about = plan
        .title
        .trim()
        .strip_prefix("Kế hoạch")
        .map(str::trim)
        .unwrap_or(plan.title.trim())
        .to_string();
    let mut front = Section::new()
        .page_size(PageSize::new().width(A4_SHORT).height(A4_LONG))
        .page_margin(margins())
        .add_table(header)
        .add_paragraph(para(""))
        .add_paragraph(centred(bold(vi::PLAN_WORD)))
        .add_paragraph(centred(bold(&about)));
    if let Some(c) = &file.cites {
        let all: Vec<&str> = c.items().into_iter().map(|t| t.as_str()).collect();
        front = front.add_paragraph(para(&vi::implementing(&all.join("; "))));
    }
    front = front.add_paragraph(para(&vi::appendix_note(
        file.targets.len(),
        file.tasks.len(),
    )));

    let mut doc = Docx::new()
        .default_fonts(fonts())
        .default_size(SIZE)
        .custom_property(PLAN_PROPERTY, source)
        .custom_property("kh-version", env!("CARGO_PKG_VERSION"))
        .add_section(front);

    // Phụ lục 1: the targets.
    let tw = [1000, 5000, 1700, 2400, 2600, 1900];
    let targets = by_area(
        &file.targets,
        |t| t.area.as_ref(),
        |t| {
            vec![
                t.id.as_str().to_string(),
                t.text.as_str().to_string(),
                value_cell(file, t),
                units(plan, &t.lead),
                units(plan, &t.implementers),
                text_or_empty(&t.due),
            ]
        },
    );
    doc = doc
        .add_paragraph(centred(bold(vi::APPENDIX_TARGETS)))
        .add_table(table(&vi::TARGET_COLUMNS, &tw, targets))
        .add_paragraph(para(""));

    // Phụ lục 2: the tasks.
    let kw = [900, 5300, 2300, 2600, 2100, 1700];
    let tasks = by_area(
        &file.tasks,
        |t| t.area.as_ref(),
        |t| {
            vec![
                t.id.as_str().to_string(),
                t.text.as_str().to_string(),
                units(plan, &t.lead),
                units(plan, &t.cooperating),
                text_or_empty(&t.product),
                text_or_empty(&t.due),
            ]
        },
    );
    doc = doc
        .add_paragraph(centred(bold(vi::APPENDIX_TASKS)))
        .add_table(table(&vi::TASK_COLUMNS, &kw, tasks))
        .page_size(A4_LONG, A4_SHORT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margins());

    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out)?;
    Ok(out.into_inner())
}

/// 2 cm all round, 3 cm on the binding side, as Decree 30/2020 asks.
fn margins() -> PageMargin {
    PageMargin::new()
        .top(1134)
        .bottom(1134)
        .left(1701)
        .right(1134)
        .header(720)
        .footer(720)
        .gutter(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_keep_their_order_of_first_appearance() {
        let items = ["a", "b", "a", "c"];
        let g = by_area(&items, |_| None, |s| vec![s.to_string()]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].1.len(), 4);
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
    }
}
