//! Indicator charts, drawn at build time as inline SVG, twice: for a wide page and for
//! a phone, each at the size it is read at so no label shrinks below the theme's font
//! size. The scale, its labels and the measured words are computed once for both.
//! charts-rs draws each variant (`chart_svg`) in the plot laid out here, once per
//! indicator for every language: only the period words are written per language.
//! Every charts-rs call lives in this module and `chart_svg` (it is pinned to 2.3.x).
//! The legend is HTML beside the chart, in the page's language.

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
    /// Bars: counts, and any indicator with fewer than three values (a lone
    /// point on a line reads as nothing; a bar against the target line reads well).
    Bars,
    /// A line: rates and durations with a history.
    Line,
}

/// What to draw: one slot per period, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Period labels for the x axis, in the page's language.
    pub labels: Vec<String>,
    /// The value per period; `None` is a gap, never a zero.
    pub values: Vec<Option<f64>>,
    /// The target per period (its year's); `None` draws no target line there.
    pub targets: Vec<Option<f64>>,
    /// Bars or a line.
    pub shape: Shape,
    /// Whether the axis must start at zero (counts); otherwise it may start near the data.
    pub from_zero: bool,
    /// Upper limit of the scale (100 for percentages), if any.
    pub ceiling: Option<f64>,
    /// Suffix for axis labels ("%").
    pub suffix: String,
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
/// four to six of them. From zero, the top leaves room above the highest figure
/// (value or target), so one bar never fills the chart by accident.
pub fn nice_axis(lo: f64, hi: f64, from_zero: bool, ceiling: Option<f64>) -> Axis {
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
    let exponent = raw.log10().floor() as i32;
    let magnitude = 10f64.powi(exponent);
    let (m, step) = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
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

/// What both variants share: measured once, from the figures and the words.
struct Measured<'a> {
    y_width: f64,
    x_widths: Vec<f64>,
    data: &'a ChartData,
}

/// Draws the chart as SVG in two variants (see [`Drawn`]), each at its own size so
/// its text is drawn at the theme's size; CSS shows one and only scales it down.
pub fn draw(data: &ChartData, theme: &ChartTheme) -> Result<Drawn, String> {
    draw_shared(data, &[], theme, None)
}

/// [`draw`], laid out for `data`'s labels and `other_labels` (the same periods in
/// the site's other languages), so every language's chart has one geometry: the
/// drawing in `cell` is reused when it is of the same chart, and kept there when
/// the cell is empty. Only the period words are written per language.
pub fn draw_shared(
    data: &ChartData,
    other_labels: &[Vec<String>],
    theme: &ChartTheme,
    cell: Option<&DrawingCell>,
) -> Result<Drawn, String> {
    register_font(theme)?;
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
    );
    // The labels are the round steps, in the page's number format.
    let ticks: Vec<f64> = (0..=axis.splits).map(|i| axis.tick(i).to_f64()).collect();
    let y_labels: Vec<String> = (0..=axis.splits)
        .map(|i| labelled(data, axis.tick(i)))
        .collect();
    let y_width = y_labels
        .iter()
        .map(|l| text_width(theme, l))
        .fold(0.0, f64::max);
    // Each period as wide as its widest wording.
    let mut x_widths: Vec<f64> = data.labels.iter().map(|l| text_width(theme, l)).collect();
    for labels in other_labels {
        for (w, l) in x_widths.iter_mut().zip(labels) {
            *w = w.max(text_width(theme, l));
        }
    }
    let m = Measured {
        y_width,
        x_widths,
        data,
    };
    let n = data.labels.len() as f32;
    let wide_width = (120.0 + theme.slot_width * n).clamp(theme.min_width, theme.width);
    let key = Key {
        values: data.values.clone(),
        targets: data.targets.clone(),
        shape: data.shape,
        axis,
        zero_label: labelled(data, Rounded::as_given(0.0)),
        wide: layout(&m, theme, wide_width, theme.height, "chart-wide"),
        narrow: layout(
            &m,
            theme,
            theme.narrow_width,
            theme.narrow_height,
            "chart-narrow",
        ),
        y_labels,
    };
    let fresh;
    let drawing = match cell.and_then(OnceLock::get) {
        Some(d) if d.key == key => d,
        _ => {
            let y = chart_svg::YLabels {
                ticks: &ticks,
                labels: &key.y_labels,
            };
            let one = |frame: &chart_svg::Frame| {
                // The figure over a zero's stub, where its slot has room for it
                // (among forty narrow bars it would sit on its neighbours; the stub
                // and the table still say 0).
                let room =
                    f64::from(theme.font_size) * 0.6 * key.zero_label.chars().count() as f64 + 4.0;
                let zero = (frame.slot(data.values.len()) >= room).then_some(&*key.zero_label);
                chart_svg::draw(data, theme, frame, &axis, &y, zero)
            };
            let d = Drawing {
                wide: one(&key.wide)?,
                narrow: one(&key.narrow)?,
                key: key.clone(),
            };
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
        wide: chart_svg::finish(&drawing.wide, &key.wide, theme, &data.labels),
        narrow: chart_svg::finish(&drawing.narrow, &key.narrow, theme, &data.labels),
        axis,
    })
}

/// A figure as the chart writes it: in the page's number format, with the suffix.
fn labelled(data: &ChartData, r: Rounded) -> String {
    let mut label = data.format.number(r);
    label.push_str(&data.suffix);
    label
}

/// Where things go in one variant, `width` wide with a plot `plot_height` high:
/// period labels side by side when they fit, else turned 45° and each ending at its
/// point; when even those crowd, every second (third...) label counting back from
/// the latest. Every period keeps its slot, and its figures are in the table beside
/// the chart.
fn layout(
    m: &Measured<'_>,
    theme: &ChartTheme,
    width: f32,
    plot_height: f32,
    class: &'static str,
) -> chart_svg::Frame {
    let n = m.data.labels.len().max(1);
    let size = f64::from(theme.font_size);
    let width = f64::from(width);
    let first_left = 8.0 + m.y_width + 8.0;
    let widest = m.x_widths.iter().copied().fold(0.0, f64::max);
    let mut frame = chart_svg::Frame {
        width,
        height: 0.0,
        left: first_left,
        right: width - 16.0,
        top: size * 0.6 + 6.0,
        bottom: 0.0,
        step: 1,
        rotated: false,
        class,
    };
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
    frame.bottom = frame.top + f64::from(plot_height);
    let below = if frame.rotated {
        10.0 + std::f64::consts::FRAC_1_SQRT_2 * (widest + size * 0.7) + 6.0
    } else {
        8.0 + size + 6.0
    };
    frame.height = (frame.bottom + below).ceil();
    frame
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
        let a = nice_axis(797.0, 947.0, true, None);
        assert_eq!((a.min, a.max, a.splits, a.decimals), (0.0, 1200.0, 6, 0));
        // A lone 3.7% does not fill a 0-4% axis.
        let a = nice_axis(3.7, 3.7, true, Some(100.0));
        assert!(a.max >= 3.7 * 1.15 && a.min == 0.0, "{a:?}");
        let a = nice_axis(76.1, 80.0, false, Some(100.0));
        assert!(a.min <= 76.1 && a.max >= 80.0 && a.max <= 100.0, "{a:?}");
        let step = (a.max - a.min) / a.splits as f64;
        assert!(
            [1.0, 2.0, 2.5, 5.0]
                .iter()
                .any(|m| (step / m).log10().fract().abs() < 1e-9),
            "{a:?}"
        );
        let a = nice_axis(0.0, 0.0, true, None);
        assert!(a.min == 0.0 && a.max >= 1.0, "{a:?}");
        let a = nice_axis(3.7, 3.7, true, Some(100.0));
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

    #[test]
    #[ignore = "writes files for a person to look at"]
    fn write_samples() {
        std::fs::create_dir_all("/tmp/dangos-charts").unwrap();
        let q = |n: usize| {
            (0..n)
                .map(|i| format!("Q{} {}-{:02}", i % 4 + 1, 2017 + i / 4, (18 + i / 4) % 100))
                .collect::<Vec<_>>()
        };
        let cases = [
            (
                "one",
                ChartData {
                    labels: q(1),
                    values: vec![Some(76.1)],
                    targets: vec![Some(80.0)],
                    shape: Shape::Bars,
                    from_zero: true,
                    ceiling: Some(100.0),
                    suffix: "%".into(),
                    format: NumberFormat::new(",", "."),
                },
            ),
            (
                "two",
                ChartData {
                    labels: q(2),
                    values: vec![Some(797.0), Some(947.0)],
                    targets: vec![None, None],
                    shape: Shape::Bars,
                    from_zero: true,
                    ceiling: None,
                    suffix: String::new(),
                    format: NumberFormat::new(",", "."),
                },
            ),
            (
                "twelve",
                ChartData {
                    labels: q(12),
                    values: (0..12)
                        .map(|i| {
                            if i == 5 {
                                None
                            } else {
                                Some(70.0 + (i as f64 * 1.7) % 9.0)
                            }
                        })
                        .collect(),
                    targets: (0..12)
                        .map(|i| {
                            if i < 4 {
                                Some(75.0)
                            } else if i < 8 {
                                None
                            } else {
                                Some(80.0)
                            }
                        })
                        .collect(),
                    shape: Shape::Line,
                    from_zero: false,
                    ceiling: Some(100.0),
                    suffix: "%".into(),
                    format: NumberFormat::new(",", "."),
                },
            ),
        ];
        let big = ChartData {
            labels: q(12),
            values: (0..12)
                .map(|i| {
                    Some(if i == 3 {
                        0.0
                    } else {
                        1e9 * (i as f64 * 100.0 + 3.0)
                    })
                })
                .collect(),
            targets: vec![None; 12],
            shape: Shape::Bars,
            from_zero: true,
            ceiling: None,
            suffix: String::new(),
            format: NumberFormat::new(",", "."),
        };
        for (name, data) in cases.into_iter().chain([("big", big)]) {
            let d = draw(&data, &theme()).unwrap();
            std::fs::write(format!("/tmp/dangos-charts/{name}.svg"), d.wide).unwrap();
            std::fs::write(format!("/tmp/dangos-charts/{name}-narrow.svg"), d.narrow).unwrap();
        }
    }
}
