//! Charts drawn by kh as inline SVG: achieved values over time against the
//! threshold, and progress bars. No script, no font fetched, no library.

use super::esc;
use chrono::NaiveDate;

/// One achieved value on the chart.
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

const W: f64 = 520.0;
const H: f64 = 180.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A line of achieved values from `from` to `to`, a dashed line at the
/// threshold, axes labelled with dates and values, coloured by `colour`.
pub fn history(
    points: &[Point],
    threshold: Option<f64>,
    percent: bool,
    from: NaiveDate,
    to: NaiveDate,
    colour: u32,
    label: &str,
) -> String {
    let top = if percent {
        100.0
    } else {
        points
            .iter()
            .map(|p| p.value)
            .chain(threshold)
            .fold(1.0_f64, f64::max)
            * 1.2
    };
    let span = (to - from).num_days().max(1) as f64;
    let x = |d: NaiveDate| LEFT + (d - from).num_days() as f64 / span * (W - LEFT - RIGHT);
    let y = |v: f64| TOP + (1.0 - (v / top).clamp(0.0, 1.0)) * (H - TOP - BOTTOM);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(label)
    );
    // Axes and grid.
    for i in 0..=4 {
        let v = top * i as f64 / 4.0;
        let yy = y(v);
        s.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{}{}</text>",
            W - RIGHT,
            LEFT - 4.0,
            yy + 4.0,
            num(v),
            if percent { "%" } else { "" }
        ));
    }
    for d in [from, to] {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"{}\">{}</text>",
            x(d),
            H - 8.0,
            if d == from { "start" } else { "end" },
            d.format("%d/%m/%Y")
        ));
    }
    if let Some(t) = threshold {
        s.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" class=\"threshold\"/>",
            y(t),
            W - RIGHT
        ));
    }
    let colour = format!("#{colour:06x}");
    if points.len() > 1 {
        let path: Vec<String> = points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.date), y(p.value)))
            .collect();
        s.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            path.join(" ")
        ));
    }
    for p in points {
        s.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\" data-date=\"{}\" data-value=\"{}\"><title>{}: {}{}</title></circle>",
            x(p.date),
            y(p.value),
            p.date.format("%Y-%m-%d"),
            num(p.value),
            p.date.format("%d/%m/%Y"),
            num(p.value),
            if percent { "%" } else { "" }
        ));
    }
    s.push_str("</svg>");
    s
}

/// A bar filled to `share` percent, with a mark at `mark` percent.
pub fn bar(share: f64, mark: Option<f64>, colour: u32) -> String {
    let w = 160.0;
    let filled = share.clamp(0.0, 100.0) / 100.0 * w;
    let mut s = format!(
        "<svg class=\"bar\" viewBox=\"0 0 {w} 12\" width=\"{w}\" height=\"12\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"{w}\" height=\"12\" rx=\"3\" class=\"track\"/><rect width=\"{filled:.1}\" height=\"12\" rx=\"3\" fill=\"#{colour:06x}\"/>"
    );
    if let Some(m) = mark {
        let mx = m.clamp(0.0, 100.0) / 100.0 * w;
        s.push_str(&format!(
            "<line x1=\"{mx:.1}\" y1=\"0\" x2=\"{mx:.1}\" y2=\"12\" class=\"mark\"/>"
        ));
    }
    s.push_str("</svg>");
    s
}
