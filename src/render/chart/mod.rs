//! Indicator charts, drawn at build time as inline SVG, twice: for a wide page and for
//! a phone, each at the size it is read at so no label shrinks below the theme's font
//! size. The scale, its labels and the measured words are computed once for both.
//! charts-rs draws each variant (`chart_svg`) in the plot laid out here (`axis`), once
//! per indicator for every language: only the words are written per language
//! (`in_language`).
//! Every charts-rs call lives in this module and `chart_svg` (it is pinned to 2.3.x).
//! The legend is HTML beside the chart, in the page's language.
//!
//! The drawing follows the Analysis Function's guidance on charts: a series of six
//! periods or more is a line (bars, from zero, only for short series), counts have
//! whole-number steps, the value axis names its unit, and quarters sit under their
//! financial year rather than repeating it under every quarter.

mod axis;
mod in_language;

use super::chart_svg::{self, Frame, tenths};
use crate::figures::{NumberFormat, Rounded};
pub use crate::theme::ChartTheme;
use std::sync::OnceLock;

/// Registers the theme's chart font with charts-rs, once per process (its registry is
/// global), before anything is measured or drawn with it.
pub(super) fn register_font(theme: &ChartTheme) -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    let Some(font) = &theme.font else {
        return Ok(());
    };
    DONE.get_or_init(|| {
        // charts-rs keeps the font for the life of the process.
        let bytes: &'static [u8] = Box::leak(font.bytes.to_vec().into_boxed_slice());
        charts_rs::add_fonts(&[bytes])
            .map_err(|e| format!("cannot use the chart font {}: {e}", font.path.display()))
    })
    .clone()
}

/// How the figures are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Bars from zero: a short series (fewer than [`LINE_FROM`] periods), where a
    /// bar against the target line reads better than a few points.
    Bars,
    /// A line: a time series of [`LINE_FROM`] periods or more.
    Line,
}

/// The number of periods from which a series is drawn as a line.
pub const LINE_FROM: usize = 6;

impl Shape {
    /// The shape of a series of `periods` periods.
    pub fn for_periods(periods: usize) -> Shape {
        if periods >= LINE_FROM {
            Shape::Line
        } else {
            Shape::Bars
        }
    }
}

/// The words of the period axis in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodWords {
    /// Each period in full ("Q2 2019-20"): its slot's name in the drawing, and its
    /// label when the periods are not all quarters.
    pub labels: Vec<String>,
    /// For a series of quarters, the axis in two levels (see [`Quarters`]).
    pub quarters: Option<Quarters>,
}

/// A two-level period axis: each quarter's own word ("Q2", "Ch2") under its point, and
/// its financial year ("2019-20") written once beneath its quarters.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarters {
    /// Each period's quarter word.
    pub quarter: Vec<String>,
    /// Each period's financial year; periods of one year are next to each other.
    pub year: Vec<String>,
}

/// What to draw: one slot per period, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// The period axis, in the page's language.
    pub words: PeriodWords,
    /// The value per period; `None` is a gap, never a zero.
    pub values: Vec<Option<f64>>,
    /// The target per period (its year's); `None` draws no target line there.
    pub targets: Vec<Option<f64>>,
    /// Bars or a line.
    pub shape: Shape,
    /// Whether the axis must start at zero (bars); otherwise it may start near the
    /// data, and the page says where it starts.
    pub from_zero: bool,
    /// Whether the axis steps are whole numbers (counts, and any figure published
    /// without decimals): no 2.5 between 0 and 5.
    pub whole: bool,
    /// Upper limit of the scale (100 for percentages), if any.
    pub ceiling: Option<f64>,
    /// The unit the value axis names, above it, in the page's language ("%", "Days").
    pub unit: String,
    /// The page's number format, for the axis labels.
    pub format: NumberFormat,
}

/// A y axis: from `min` to `max` in `splits` equal, round steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Number of steps.
    pub splits: usize,
    /// Decimal places of the step (2.5 has one, 200 none): each tick is exactly a
    /// round number at these places.
    pub decimals: u8,
}

impl Axis {
    /// The value of tick `i` (0 at the bottom), exactly: the float noise of
    /// `min + i * step` rounds away at the step's decimal places.
    pub fn tick(&self, i: usize) -> Rounded {
        let step = (self.max - self.min) / self.splits as f64;
        Rounded::new(self.min + step * i as f64, self.decimals)
    }
}

/// Round axis steps covering `lo..=hi`: steps of 1, 2, 2.5 or 5 times a power of ten,
/// four to six of them; with `whole`, only whole-number steps (1, 2, 5, 10, 20, 25...),
/// so a count is never ticked at 2.5. From zero, the top leaves room above the
/// highest figure (value or target), so one bar never fills the chart by accident.
pub fn nice_axis(lo: f64, hi: f64, from_zero: bool, ceiling: Option<f64>, whole: bool) -> Axis {
    let lo = if from_zero { lo.min(0.0) } else { lo };
    let capped = ceiling.is_some_and(|c| hi <= c);
    let hi = if from_zero && hi > 0.0 { hi * 1.15 } else { hi };
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        if hi == 0.0 {
            (0.0, 1.0)
        } else {
            (lo.min(0.0), hi.max(0.0))
        }
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / 5.0;
    let mut exponent = raw.log10().floor() as i32;
    if whole {
        // No step below 1.
        exponent = exponent.max(0);
    }
    let magnitude = 10f64.powi(exponent);
    let (m, step) = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        // 2.5 is whole only from 25 up.
        .filter(|&&m| !(whole && m == 2.5 && exponent == 0))
        .map(|&m| (m, m * magnitude))
        .find(|(_, s)| (hi - lo) / s <= 6.0)
        .unwrap_or((10.0, 10.0 * magnitude));
    // The step's decimal places: 2.5 × 10^e has one more than 1, 2 or 5 × 10^e, and
    // 10 × 10^e one fewer.
    let places = match m {
        2.5 => 1 - exponent,
        10.0 => -exponent - 1,
        _ => -exponent,
    };
    let mut min = (lo / step).floor() * step;
    if !from_zero && min > 0.0 && lo - min < step * 0.05 {
        // Nor the lowest on the baseline, where it would read as the floor.
        min -= step;
    }
    if !from_zero && lo >= 0.0 && min < 0.0 {
        min = 0.0;
    }
    let mut max = (hi / step).ceil() * step;
    if max <= hi && max - hi < step * 0.05 && hi > 0.0 {
        // Leave a little room above the top value so it does not sit on the frame.
        max += step;
    }
    // A percentage stops at 100% unless a figure is above it.
    if let (true, Some(c)) = (capped, ceiling) {
        max = max.min((c / step).ceil() * step);
    }
    let splits = ((max - min) / step).round().max(1.0) as usize;
    Axis {
        min,
        max,
        splits,
        decimals: places.clamp(0, 18) as u8,
    }
}

/// A chart drawn twice: for a wide page and for a phone. Both share one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// The variant for wide pages (all period labels while they fit).
    pub wide: String,
    /// The variant for narrow screens (fewer period labels, same figures).
    pub narrow: String,
    /// The y axis both are drawn on.
    pub axis: Axis,
}

/// Both variants as charts-rs drew them, before any language's period words: the
/// geometry is the same in every language, so one drawing serves them all.
#[derive(Debug)]
pub struct Drawing {
    /// What was drawn: a language whose chart differs draws its own.
    key: Key,
    wide: String,
    narrow: String,
}

/// Everything a drawing depends on.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    values: Vec<Option<f64>>,
    targets: Vec<Option<f64>>,
    shape: Shape,
    axis: Axis,
    y_labels: Vec<String>,
    zero_label: String,
    wide: Frame,
    narrow: Frame,
}

/// Where one indicator's drawing is kept for its other languages.
pub type DrawingCell = OnceLock<Drawing>;

/// Draws the chart as SVG in two variants (see [`Drawn`]), each at its own size so
/// its text is drawn at the theme's size; CSS shows one and only scales it down.
pub fn draw(data: &ChartData, theme: &ChartTheme) -> Result<Drawn, String> {
    draw_shared(data, &[], theme, None)
}

/// [`draw`], laid out for `data`'s words and `others` (the same periods in the
/// site's other languages), so every language's chart has one geometry: the drawing
/// in `cell` is reused when it is of the same chart, and kept there when the cell is
/// empty. Only the words (periods and unit) are written per language.
pub fn draw_shared(
    data: &ChartData,
    others: &[PeriodWords],
    theme: &ChartTheme,
    cell: Option<&DrawingCell>,
) -> Result<Drawn, String> {
    register_font(theme)?;
    let key = key_of(data, others, theme);
    let fresh;
    let drawing = match cell.and_then(OnceLock::get) {
        Some(d) if d.key == key => d,
        _ => {
            let d = drawing_of(data, theme, &key)?;
            // Kept for the other languages unless a drawing is kept already.
            let kept = match cell {
                Some(cell) => cell.set(d).map(|()| cell),
                None => Err(d),
            };
            match kept {
                Ok(cell) => cell.get().unwrap_or_else(|| unreachable!()),
                Err(d) => {
                    fresh = d;
                    &fresh
                }
            }
        }
    };
    Ok(Drawn {
        wide: in_language::finish(&drawing.wide, &key.wide, theme, data),
        narrow: in_language::finish(&drawing.narrow, &key.narrow, theme, data),
        axis: key.axis,
    })
}

/// What `data`'s drawing depends on: its figures, the axis they fit and its labels,
/// and both variants' frames, laid out for the words of every language.
fn key_of(data: &ChartData, others: &[PeriodWords], theme: &ChartTheme) -> Key {
    let present = data.values.iter().chain(&data.targets).flatten().copied();
    let (lo, hi) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) };
    let axis = nice_axis(
        lo,
        hi,
        data.from_zero || data.shape == Shape::Bars,
        data.ceiling,
        data.whole,
    );
    // The labels are the round steps, in the page's number format.
    let y_labels: Vec<String> = (0..=axis.splits)
        .map(|i| labelled(data, axis.tick(i)))
        .collect();
    let y_width = y_labels
        .iter()
        .map(|l| text_width(theme, l))
        .fold(0.0, f64::max);
    let m = axis::Measured::new(data, others, theme, y_width);
    let n = data.words.labels.len();
    let wide_width = (120.0 + theme.slot_width * n as f32).clamp(theme.min_width, theme.width);
    Key {
        values: data.values.clone(),
        targets: data.targets.clone(),
        shape: data.shape,
        axis,
        zero_label: labelled(data, Rounded::as_given(0.0)),
        wide: axis::layout(&m, theme, n, wide_width, theme.height, "chart-wide"),
        narrow: axis::layout(
            &m,
            theme,
            n,
            theme.narrow_width,
            theme.narrow_height,
            "chart-narrow",
        ),
        y_labels,
    }
}

/// Both variants of `data` drawn anew in `key`'s frames.
fn drawing_of(data: &ChartData, theme: &ChartTheme, key: &Key) -> Result<Drawing, String> {
    let axis = key.axis;
    let ticks: Vec<f64> = (0..=axis.splits).map(|i| axis.tick(i).to_f64()).collect();
    let y = chart_svg::YLabels {
        ticks: &ticks,
        labels: &key.y_labels,
    };
    let one = |frame: &chart_svg::Frame| {
        // The figure over a zero's stub, where its slot has room for it (among forty
        // narrow bars it would sit on its neighbours; the stub and the table still
        // say 0).
        let room = f64::from(theme.font_size) * 0.6 * key.zero_label.chars().count() as f64 + 4.0;
        let zero = (frame.slot(data.values.len()) >= room).then_some(&*key.zero_label);
        chart_svg::draw(data, theme, frame, &axis, &y, zero)
    };
    Ok(Drawing {
        wide: one(&key.wide)?,
        narrow: one(&key.narrow)?,
        key: key.clone(),
    })
}

/// A figure as the chart writes it: in the page's number format (its unit is named
/// once, above the axis).
fn labelled(data: &ChartData, r: Rounded) -> String {
    data.format.number(r)
}

/// The compact visual beside a value on report pages: a bar against a target tick
/// when there is a target, else a sparkline when there is history, else nothing.
/// Decorative (`aria-hidden`): the value, target and status are beside it in words.
pub fn mini(
    history: &[f64],
    target: Option<f64>,
    ceiling: Option<f64>,
    theme: &ChartTheme,
) -> Option<String> {
    let &value = history.last()?;
    let (w, h) = (120.0, 18.0);
    // A report draws one per row: the numbers are written as integers (and tenths),
    // never through float formatting.
    let open = "<svg class=\"mini-chart\" aria-hidden=\"true\" focusable=\"false\" width=\"120\" height=\"18\" viewBox=\"0 0 120 18\">";
    if let Some(t) = target {
        let top = ceiling
            .unwrap_or_else(|| value.max(t) * 1.15)
            .max(f64::MIN_POSITIVE);
        let x = |v: f64| (v.clamp(0.0, top) / top * (w - 4.0) + 2.0).round() as i64;
        return Some(format!(
            "{open}<rect x=\"2\" y=\"4\" width=\"116\" height=\"10\" fill=\"{}\"/><rect x=\"2\" y=\"4\" width=\"{}\" height=\"10\" fill=\"{}\"/><rect x=\"{}\" y=\"0\" width=\"3\" height=\"18\" fill=\"{}\"/></svg>",
            theme.grid,
            x(value) - 2,
            theme.value,
            x(t) - 1,
            theme.target
        ));
    }
    if history.len() < 2 {
        return None;
    }
    let (lo, hi) = history
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = (w - 8.0) / (history.len() - 1) as f64;
    let points: Vec<String> = history
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "{},{}",
                tenths(4.0 + i as f64 * step),
                tenths(h - 3.0 - (v - lo) / span * (h - 6.0))
            )
        })
        .collect();
    let last = points.last().cloned().unwrap_or_default();
    let (lx, ly) = last.split_once(',').unwrap_or(("0", "0"));
    Some(format!(
        "{open}<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/><circle cx=\"{lx}\" cy=\"{ly}\" r=\"3\" fill=\"{}\"/></svg>",
        points.join(" "),
        theme.value,
        theme.value
    ))
}

/// The width of `text` in the chart's font (measured by charts-rs, which caches it).
fn text_width(theme: &ChartTheme, text: &str) -> f64 {
    let w = charts_rs::measure_text_width_family(&theme.font_family, theme.font_size, text)
        .map(|b| b.width())
        .unwrap_or(theme.font_size * 0.6 * text.chars().count() as f32);
    f64::from(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_have_round_steps() {
        // From zero, the top leaves room: 947 is not drawn against a top of 1,000.
        let a = nice_axis(797.0, 947.0, true, None, false);
        assert_eq!((a.min, a.max, a.splits, a.decimals), (0.0, 1200.0, 6, 0));
        // A lone 3.7% does not fill a 0-4% axis.
        let a = nice_axis(3.7, 3.7, true, Some(100.0), false);
        assert!(a.max >= 3.7 * 1.15 && a.min == 0.0, "{a:?}");
        let a = nice_axis(76.1, 80.0, false, Some(100.0), false);
        assert!(a.min <= 76.1 && a.max >= 80.0 && a.max <= 100.0, "{a:?}");
        let step = (a.max - a.min) / a.splits as f64;
        assert!(
            [1.0, 2.0, 2.5, 5.0]
                .iter()
                .any(|m| (step / m).log10().fract().abs() < 1e-9),
            "{a:?}"
        );
        let a = nice_axis(0.0, 0.0, true, None, false);
        assert!(a.min == 0.0 && a.max >= 1.0, "{a:?}");
        let a = nice_axis(3.7, 3.7, true, Some(100.0), false);
        assert!(a.max >= 3.7 && a.min == 0.0, "{a:?}");
    }
}

#[cfg(test)]
mod look {
    //! Writes sample charts to /tmp/dangos-charts for a person to look at:
    //! `cargo test --lib render::chart::look -- --ignored`.
    use super::*;

    fn theme() -> ChartTheme {
        toml::from_str(&std::fs::read_to_string("themes/default/chart.toml").unwrap()).unwrap()
    }

    fn quarters(n: usize) -> PeriodWords {
        let year = |i: usize| format!("{}-{:02}", 2017 + i / 4, (18 + i / 4) % 100);
        PeriodWords {
            labels: (0..n)
                .map(|i| format!("Q{} {}", i % 4 + 1, year(i)))
                .collect(),
            quarters: Some(Quarters {
                quarter: (0..n).map(|i| format!("Q{}", i % 4 + 1)).collect(),
                year: (0..n).map(year).collect(),
            }),
        }
    }

    fn sample(
        n: usize,
        values: Vec<Option<f64>>,
        targets: Vec<Option<f64>>,
        percent: bool,
    ) -> ChartData {
        let shape = Shape::for_periods(n);
        ChartData {
            words: quarters(n),
            values,
            targets,
            shape,
            from_zero: shape == Shape::Bars,
            whole: !percent,
            ceiling: percent.then_some(100.0),
            unit: if percent { "%" } else { "Number" }.into(),
            format: NumberFormat::new(",", "."),
        }
    }

    #[test]
    #[ignore = "writes files for a person to look at"]
    fn write_samples() {
        std::fs::create_dir_all("/tmp/dangos-charts").unwrap();
        let cases = [
            ("one", sample(1, vec![Some(76.1)], vec![Some(80.0)], true)),
            (
                "two",
                sample(
                    2,
                    vec![Some(797.0), Some(947.0)],
                    vec![Some(900.0); 2],
                    false,
                ),
            ),
            (
                "twelve",
                sample(
                    12,
                    (0..12)
                        .map(|i| (i != 5).then_some(70.0 + (i as f64 * 1.7) % 9.0))
                        .collect(),
                    (0..12)
                        .map(|i| match i {
                            0..4 => Some(75.0),
                            4..8 => None,
                            _ => Some(80.0),
                        })
                        .collect(),
                    true,
                ),
            ),
            (
                "forty",
                sample(
                    40,
                    (0..40)
                        .map(|i| Some(1e9 * (i as f64 * 100.0 + 3.0)))
                        .collect(),
                    vec![None; 40],
                    false,
                ),
            ),
        ];
        for (name, data) in cases {
            let d = draw(&data, &theme()).unwrap();
            std::fs::write(format!("/tmp/dangos-charts/{name}.svg"), d.wide).unwrap();
            std::fs::write(format!("/tmp/dangos-charts/{name}-narrow.svg"), d.narrow).unwrap();
        }
    }
}
