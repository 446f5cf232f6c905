//! Where a chart's parts go in one variant: the plot, the value axis's unit above it,
//! and the period axis below it. Measured once, for the widest wording of every
//! period in any of the site's languages, so every language's chart has one geometry.
//!
//! Quarters are labelled in two levels: each quarter's word under its point, and its
//! financial year once beneath its quarters, never turned. Other periods (years) are
//! labelled side by side when they fit, else turned 45° and each ending at its point.
//! When labels crowd, every second (third...) is drawn, counting back from the latest;
//! every period keeps its slot, and its figures are in the table beside the chart.

use super::{ChartData, ChartTheme, PeriodWords, text_width};
use crate::render::chart_svg::{Frame, YearGroup};

/// What both variants share: measured once, from the figures and the words.
pub(super) struct Measured {
    /// The widest y-axis label.
    pub(super) y_width: f64,
    /// Each period's full label, as wide as its widest wording.
    x_widths: Vec<f64>,
    /// For a series of quarters: the widest quarter word, and each financial year.
    quarters: Option<(f64, Vec<YearWidth>)>,
}

/// A financial year on a two-level axis: its first slot, its number of slots and
/// its widest label.
type YearWidth = (usize, usize, f64);

impl Measured {
    /// Measures the period words of `data` and `others` (the same periods in the
    /// site's other languages), beside y labels `y_width` wide.
    pub(super) fn new(
        data: &ChartData,
        others: &[PeriodWords],
        theme: &ChartTheme,
        y_width: f64,
    ) -> Measured {
        let all = || std::iter::once(&data.words).chain(others);
        let mut x_widths = vec![0.0f64; data.words.labels.len()];
        let mut widest_quarter = 0.0f64;
        let mut years: Vec<YearWidth> = Vec::new();
        if let Some(q) = &data.words.quarters {
            // A year's slots are next to each other: a new label starts a new year.
            for (i, label) in q.year.iter().enumerate() {
                match years.last_mut() {
                    Some((first, len, _)) if q.year[*first] == *label => *len += 1,
                    _ => years.push((i, 1, 0.0)),
                }
            }
        }
        for words in all() {
            match (&data.words.quarters, &words.quarters) {
                (Some(_), Some(q)) => {
                    for w in &q.quarter {
                        widest_quarter = widest_quarter.max(text_width(theme, w));
                    }
                    for (first, _, width) in &mut years {
                        let label = q.year.get(*first).map_or("", String::as_str);
                        *width = width.max(text_width(theme, label));
                    }
                }
                _ => {
                    for (w, l) in x_widths.iter_mut().zip(&words.labels) {
                        *w = w.max(text_width(theme, l));
                    }
                }
            }
        }
        Measured {
            y_width,
            x_widths,
            quarters: data
                .words
                .quarters
                .as_ref()
                .map(|_| (widest_quarter, years)),
        }
    }
}

/// Where things go in one variant, `width` wide with a plot `plot_height` high, for
/// `n` periods.
pub(super) fn layout(
    m: &Measured,
    theme: &ChartTheme,
    n: usize,
    width: f32,
    plot_height: f32,
    class: &'static str,
) -> Frame {
    let n = n.max(1);
    let size = f64::from(theme.font_size);
    let width = f64::from(width);
    let first_left = 8.0 + m.y_width + 8.0;
    let mut frame = Frame {
        width,
        height: 0.0,
        left: first_left,
        right: width - 16.0,
        // Room above the plot for the unit's name, then for half the top label.
        top: size * 2.0 + 4.0,
        bottom: 0.0,
        step: 1,
        rotated: false,
        years: Vec::new(),
        class,
    };
    let below = match &m.quarters {
        Some((widest, years)) => two_levels(&mut frame, n, *widest, years, size),
        None => one_level(&mut frame, m, n, size),
    };
    frame.bottom = frame.top + f64::from(plot_height);
    frame.height = (frame.bottom + below).ceil();
    frame
}

/// Quarters over their years: the quarter words every `step` periods (1 or 2; 0 when
/// even every second would crowd), and each year's label where it fits beside the
/// later ones. Returns the height the axis takes below the plot.
fn two_levels(
    frame: &mut Frame,
    n: usize,
    widest_quarter: f64,
    years: &[YearWidth],
    size: f64,
) -> f64 {
    frame.left = frame.left.ceil();
    frame.right = frame.right.floor();
    let slot = frame.slot(n);
    frame.step = (1..=2)
        .find(|&step| widest_quarter + 6.0 <= slot * step as f64)
        .unwrap_or(0);
    // Each year's label under the middle of its quarters (kept inside the SVG), from
    // the latest back, wherever it keeps 12 px from the next one drawn.
    let mut limit = frame.width - 2.0;
    let mut groups: Vec<YearGroup> = Vec::with_capacity(years.len());
    for &(first, len, w) in years.iter().rev() {
        let centre = frame.left + (first as f64 + len as f64 / 2.0) * slot;
        let (lowest, highest) = (w / 2.0 + 2.0, frame.width - 2.0 - w / 2.0);
        let centre = centre.max(lowest).min(highest);
        let shown = lowest <= highest && centre + w / 2.0 <= limit;
        if shown {
            limit = centre - w / 2.0 - 12.0;
        }
        groups.push(YearGroup {
            first,
            len,
            centre: shown.then_some(centre),
        });
    }
    groups.reverse();
    frame.years = groups;
    let rows = if frame.step == 0 { 1.0 } else { 2.0 };
    8.0 + rows * size + (rows - 1.0) * 6.0 + 8.0
}

/// One row of period labels: side by side when they fit, else turned 45°, else every
/// `step`th. Returns the height the axis takes below the plot.
fn one_level(frame: &mut Frame, m: &Measured, n: usize, size: f64) -> f64 {
    let first_left = frame.left;
    let width = frame.width;
    let widest = m.x_widths.iter().copied().fold(0.0, f64::max);
    // Twice: keeping the outer labels inside the SVG narrows the slots a little.
    for _ in 0..2 {
        let slot = frame.slot(n);
        let side_by_side = ((widest + 12.0) / slot).ceil().max(1.0) as usize;
        let turned = ((size * 1.8) / slot).ceil().max(1.0) as usize;
        frame.rotated = turned < side_by_side;
        frame.step = if frame.rotated { turned } else { side_by_side };
        let first = (n - 1) % frame.step;
        let first_w = m.x_widths.get(first).copied().unwrap_or(0.0);
        let last_w = m.x_widths.last().copied().unwrap_or(0.0);
        let slot = frame.slot(n);
        if frame.rotated {
            let reach = std::f64::consts::FRAC_1_SQRT_2 * (first_w + size * 0.5) + 4.0;
            frame.left = first_left.max(reach - (first as f64 + 0.5) * slot);
            frame.right = width - 16.0;
        } else {
            frame.left = first_left.max(first_w / 2.0 + 4.0 - (first as f64 + 0.5) * slot);
            frame.right = (width - 16.0).min(width - 4.0 - last_w / 2.0 + 0.5 * slot);
        }
    }
    // Whole pixels: charts-rs writes coordinates to a tenth, and the period labels
    // must sit exactly under its bars and points.
    frame.left = frame.left.ceil();
    frame.right = frame.right.floor();
    if frame.rotated {
        10.0 + std::f64::consts::FRAC_1_SQRT_2 * (widest + size * 0.7) + 6.0
    } else {
        8.0 + size + 6.0
    }
}
