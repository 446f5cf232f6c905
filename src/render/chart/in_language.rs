//! A chart's drawing in one language: the drawing from `chart_svg` is language-
//! neutral (each period is a slot number) so one drawing serves every language; here
//! each slot's `data-category` becomes its period's label, and the unit and the
//! period labels (quarters over their years, or every `step`th period, counted back
//! from the latest, each centred or ending at its own point) are written in.

use super::{ChartData, ChartTheme, Quarters};
use crate::render::chart_svg::{CATEGORY, Frame, escape, num};

/// `drawing` in one language: each slot's `data-category` its period's label, the
/// unit's name above the value axis, and the period labels under the plot.
pub(super) fn finish(drawing: &str, frame: &Frame, theme: &ChartTheme, data: &ChartData) -> String {
    let labels = &data.words.labels;
    let n = labels.len();
    let mut o = String::with_capacity(drawing.len() + n * 120);
    let mut last = 0;
    while let Some(at) = drawing[last..].find(CATEGORY).map(|i| i + last) {
        let from = at + CATEGORY.len();
        let to = drawing[from..]
            .find('"')
            .map_or(drawing.len(), |e| from + e);
        o.push_str(&drawing[last..from]);
        match drawing[from..to]
            .parse::<usize>()
            .ok()
            .and_then(|i| labels.get(i))
        {
            Some(label) => escape(&mut o, label),
            None => o.push_str(&drawing[from..to]),
        }
        last = to;
    }
    let end = drawing.rfind("</svg>").unwrap_or(drawing.len()).max(last);
    o.push_str(&drawing[last..end]);
    let size = f64::from(theme.font_size);
    o.push_str("<g fill=\"");
    o.push_str(&theme.text);
    o.push_str("\">");
    // The unit, above the value axis, as the Analysis Function's charts name it.
    if !data.unit.is_empty() {
        o.push_str("<text class=\"chart-unit\" x=\"8\" y=\"");
        num(&mut o, size + 2.0);
        o.push_str("\">");
        escape(&mut o, &data.unit);
        o.push_str("</text>");
    }
    match &data.words.quarters {
        Some(quarters) if !frame.years.is_empty() => two_levels(&mut o, frame, size, quarters),
        _ => one_level(&mut o, frame, size, labels),
    }
    o.push_str("</g>");
    o.push_str(&drawing[end..]);
    o
}

/// Quarter words under their points, and each year's label beneath its quarters.
fn two_levels(o: &mut String, frame: &Frame, size: f64, quarters: &Quarters) {
    let n = quarters.quarter.len();
    o.push_str("<g text-anchor=\"middle\">");
    let mut year_row = 0;
    if frame.step > 0 {
        year_row = 1;
        for (i, word) in quarters.quarter.iter().enumerate() {
            if frame.labelled(i, n) {
                label(o, frame.centre(i, n), frame.row(0, size), word);
            }
        }
    }
    for year in &frame.years {
        if let (Some(x), Some(word)) = (year.centre, quarters.year.get(year.first)) {
            label(o, x, frame.row(year_row, size), word);
        }
    }
    o.push_str("</g>");
}

/// One row of period labels: every `step`th, each centred under its point or turned
/// 45° about its end, which sits under its point.
fn one_level(o: &mut String, frame: &Frame, size: f64, labels: &[String]) {
    let n = labels.len();
    o.push_str(if frame.rotated {
        "<g text-anchor=\"end\">"
    } else {
        "<g text-anchor=\"middle\">"
    });
    for (i, word) in labels.iter().enumerate() {
        if !frame.labelled(i, n) {
            continue;
        }
        let x = frame.centre(i, n);
        if frame.rotated {
            // `dy` centres the letters on the line through its end.
            let ty = frame.bottom + 10.0;
            o.push_str("<text x=\"");
            num(o, x);
            o.push_str("\" y=\"");
            num(o, ty);
            o.push_str("\" dy=\"0.35em\" transform=\"rotate(-45 ");
            num(o, x);
            o.push(' ');
            num(o, ty);
            o.push_str(")\">");
            escape(o, word);
            o.push_str("</text>");
        } else {
            label(o, x, frame.row(0, size), word);
        }
    }
    o.push_str("</g>");
}

/// A `<text>` at (`x`, `y`).
fn label(o: &mut String, x: f64, y: f64, word: &str) {
    o.push_str("<text x=\"");
    num(o, x);
    o.push_str("\" y=\"");
    num(o, y);
    o.push_str("\">");
    escape(o, word);
    o.push_str("</text>");
}
