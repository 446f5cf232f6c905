//! Indicator charts, drawn at build time as inline SVG. Every charts-rs call lives in
//! this module (charts-rs is pinned to 2.3.x; its API has broken before), so its next
//! breaking release touches one file. We compute the y axis ourselves (round steps,
//! from zero for bars), pass every x label (none dropped), and draw the legend in HTML
//! beside the chart, in the page's language.

use super::chart_svg::{self, tenths};
use crate::figures::{NumberFormat, Rounded};
pub use crate::theme::ChartTheme;
use charts_rs::{BarChart, Color, LineChart, LineStep, Series, SeriesCategory, Symbol};
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
    /// Series names (for charts-rs; the legend itself is HTML).
    pub value_name: String,
    /// Target series name.
    pub target_name: String,
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
/// four to six of them.
pub fn nice_axis(lo: f64, hi: f64, from_zero: bool, ceiling: Option<f64>) -> Axis {
    let lo = if from_zero { lo.min(0.0) } else { lo };
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
    if !from_zero && lo >= 0.0 && min < 0.0 {
        min = 0.0;
    }
    let mut max = (hi / step).ceil() * step;
    if max <= hi && max - hi < step * 0.05 && hi > 0.0 {
        // Leave a little room above the top value so it does not sit on the frame.
        max += step;
    }
    if let Some(c) = ceiling {
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

/// Draws the chart as SVG, sized by the theme and scaled by CSS.
pub fn svg(data: &ChartData, theme: &ChartTheme) -> Result<String, String> {
    register_font(theme)?;
    let present = data.values.iter().chain(&data.targets).flatten().copied();
    let (lo, hi) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let axis = nice_axis(
        lo,
        hi,
        data.from_zero || data.shape == Shape::Bars,
        data.ceiling,
    );
    // The labels are the round steps, in the page's number format; charts-rs would
    // print its own f32 arithmetic (1,199,999,942,656 for 1.2 trillion).
    let y_labels: Vec<String> = (0..=axis.splits)
        .map(|i| {
            let mut label = data.format.number(axis.tick(i));
            label.push_str(&data.suffix);
            label
        })
        .collect();
    // As charts-rs sizes an axis: by its longest label (digits are all as wide).
    let longest = y_labels.iter().max_by_key(|l| l.chars().count());
    let y_width = longest.map_or(0.0, |l| text_width(theme, l)) + 5.0;
    let to32 = |v: &[Option<f64>]| v.iter().map(|x| x.map(|x| x as f32)).collect::<Vec<_>>();
    let mut value = Series::new_nullable(data.value_name.clone(), to32(&data.values));
    value.index = Some(0);
    value.symbol = Some(Symbol::Circle(4.0, None));
    // One target across every slot is a mark line (it also works for a single bar);
    // targets that change between years, or stop, are a stepped line with gaps.
    let first = data.targets.first().copied().flatten();
    let constant = first.is_some() && data.targets.iter().all(|t| *t == first);
    if let (true, Some(t)) = (constant, first) {
        value.mark_lines = vec![charts_rs::MarkLine {
            category: charts_rs::MarkLineCategory::Value(t as f32),
            color: Some(Color::from(theme.target.as_str())),
            stroke_width: Some(2.0),
            stroke_dash_array: Some("8,5".to_string()),
        }];
    }
    let has_target = !constant && data.targets.iter().any(Option::is_some);
    let mut series = vec![value];
    if has_target {
        let mut target = Series::new_nullable(data.target_name.clone(), to32(&data.targets));
        target.index = Some(1);
        target.category = Some(SeriesCategory::Line);
        target.stroke_dash_array = Some("8,5".to_string());
        target.step = Some(LineStep::Middle);
        target.symbol = Some(Symbol::None);
        series.push(target);
    }
    let color = |s: &str| Color::from(s);
    // The y axis; returns the gap charts-rs leaves between its labels and the axis.
    let y_axis = |y: &mut charts_rs::YAxisConfig| {
        y.min = Some(axis.min as f32);
        y.max = Some(axis.max as f32);
        y.split_number = axis.splits;
        y.width = Some(y_width);
        // Its labels are ours (see chart_svg::add_y_labels): charts-rs draws none.
        y.font.size = 0.0;
        y.stroke_color = color(&theme.axis);
        y.name_gap
    };
    let (svg, y_gap) = match data.shape {
        Shape::Bars => {
            let mut c = BarChart::new(series, data.labels.clone());
            style(&mut c.base, theme, &data.labels, y_width);
            let gap = y_axis(&mut c.y_axis_configs[0]);
            (c.svg(), gap)
        }
        Shape::Line => {
            let mut c = LineChart::new(series, data.labels.clone());
            style(&mut c.base, theme, &data.labels, y_width);
            let gap = y_axis(&mut c.y_axis_configs[0]);
            (c.svg(), gap)
        }
    };
    let mut svg = svg.map_err(|e| format!("cannot draw the chart: {e}"))?;
    // The colour as charts-rs writes colours.
    let text_colour = color(&theme.text).hex();
    let font = chart_svg::LabelFont {
        size: theme.font_size,
        family: &theme.font_family,
        fill: &text_colour,
    };
    chart_svg::add_y_labels(&mut svg, &y_labels, y_gap, &font)?;
    Ok(match data.shape {
        Shape::Bars => chart_svg::own_bar_values(&svg, &data.values, &font, &|r| {
            let mut label = data.format.number(r);
            label.push_str(&data.suffix);
            label
        }),
        Shape::Line => svg,
    })
}

/// Settings shared by bar and line charts.
fn style(base: &mut charts_rs::ChartBase, theme: &ChartTheme, labels: &[String], y_width: f32) {
    let color = |s: &str| Color::from(s);
    base.width =
        (120.0 + theme.slot_width * labels.len() as f32).clamp(theme.min_width, theme.width);
    base.height = theme.height;
    base.font_family = theme.font_family.clone();
    base.background_color = color(&theme.background);
    base.series.colors = vec![color(&theme.value), color(&theme.target)];
    base.legend.show = Some(false);
    base.title.text = String::new();
    base.tooltip.show = false;
    base.animation = None;
    base.grid.stroke_color = color(&theme.grid);
    base.x_axis.font.color = color(&theme.text);
    base.x_axis.font.size = theme.font_size;
    base.x_axis.stroke_color = color(&theme.axis);
    // The target's value is in the legend and the table; its unit-less label on the
    // line would only confuse.
    base.series.label.font.size = 0.0;
    base.margin.left = 8.0;
    base.margin.right = 16.0;
    base.margin.top = 12.0;
    base.margin.bottom = 8.0;
    // Every period keeps its label: charts-rs thins out labels that do not fit side by
    // side, so rotate them when they crowd, and widen the chart when even rotated
    // labels would not fit (the SVG scales to the page either way). The room is
    // what the y axis (its labels as wide as they are) leaves.
    base.x_axis.label_overflow = charts_rs::AxisLabelOverflow::Rotate;
    let room = |width: f32| width - y_width - base.margin.left - base.margin.right - 4.0;
    let row = label_row_width(theme, labels);
    if row > room(base.width) {
        let rotated = row * std::f32::consts::FRAC_1_SQRT_2;
        if rotated > room(base.width) {
            base.width = (base.width + (rotated * 1.05 - room(base.width))).ceil();
        }
        let longest = labels
            .iter()
            .map(|l| text_width(theme, l))
            .fold(0.0, f32::max);
        base.x_axis.height = longest * std::f32::consts::FRAC_1_SQRT_2 + theme.font_size + 8.0;
        base.height = theme.height + base.x_axis.height - 30.0;
    }
}

/// Adds `role="img"`, `<title>` and `<desc>` (charts-rs's own helper) and a class
/// so CSS can scale the chart to the page.
pub fn accessible(svg: &str, title: &str, desc: &str) -> String {
    let svg = charts_rs::svg_with_accessibility(svg, title, desc);
    svg.replacen("<svg ", "<svg class=\"chart\" ", 1)
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

fn text_width(theme: &ChartTheme, text: &str) -> f32 {
    charts_rs::measure_text_width_family(&theme.font_family, theme.font_size, text)
        .map(|b| b.width())
        .unwrap_or(theme.font_size * 0.6 * text.chars().count() as f32)
}

/// The width charts-rs measures for a row of labels (joined by spaces).
fn label_row_width(theme: &ChartTheme, labels: &[String]) -> f32 {
    text_width(theme, &labels.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_have_round_steps() {
        let a = nice_axis(797.0, 947.0, true, None);
        assert_eq!((a.min, a.max, a.splits, a.decimals), (0.0, 1000.0, 5, 0));
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
                    value_name: "Value".into(),
                    target_name: "Target".into(),
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
                    value_name: "Value".into(),
                    target_name: "Target".into(),
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
                    value_name: "Value".into(),
                    target_name: "Target".into(),
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
            value_name: "Value".into(),
            target_name: "Target".into(),
            format: NumberFormat::new(",", "."),
        };
        for (name, data) in cases.into_iter().chain([("big", big)]) {
            let svg = svg(&data, &theme()).unwrap();
            std::fs::write(format!("/tmp/dangos-charts/{name}.svg"), svg).unwrap();
        }
    }
}
