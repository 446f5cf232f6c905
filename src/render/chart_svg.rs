//! Writes one variant of a chart as SVG from the geometry `chart` computed: numbers
//! are written as integers and tenths (no float formatting), and every label is the
//! text dangos publishes (period words, axis steps in the page's number format).

use super::chart::{ChartData, Shape};
use crate::figures::Rounded;
use crate::theme::ChartTheme;

/// Where things go in one variant (wide or narrow) of a chart.
pub(super) struct Frame {
    /// The SVG's width and height.
    pub(super) width: f64,
    pub(super) height: f64,
    /// Left and right of the plot (the slots).
    pub(super) left: f64,
    pub(super) right: f64,
    /// Top of the plot and its baseline.
    pub(super) top: f64,
    pub(super) bottom: f64,
    /// Which period labels are drawn: every `step`th, counted back from the latest.
    pub(super) step: usize,
    /// Period labels turned 45°, each ending at its tick.
    pub(super) rotated: bool,
    /// The CSS class of the variant.
    pub(super) class: &'static str,
}

impl Frame {
    /// The width of one period's slot.
    pub(super) fn slot(&self, n: usize) -> f64 {
        (self.right - self.left) / n.max(1) as f64
    }

    /// The centre of slot `i`: where its bar, point, tick and label sit.
    fn centre(&self, i: usize, n: usize) -> f64 {
        self.left + (i as f64 + 0.5) * self.slot(n)
    }

    /// Whether the label of slot `i` of `n` is drawn (the latest always is).
    pub(super) fn labelled(&self, i: usize, n: usize) -> bool {
        (n - 1 - i).is_multiple_of(self.step)
    }
}

/// The y scale: value to pixel.
pub(super) struct Scale {
    pub(super) min: f64,
    pub(super) max: f64,
}

/// The axis steps and their labels, computed once for both variants.
pub(super) struct YLabels<'a> {
    /// Each step's value, bottom first.
    pub(super) ticks: &'a [f64],
    /// Each step's label, in the page's number format.
    pub(super) labels: &'a [String],
}

/// Writes the chart for `frame`.
pub(super) fn write(
    data: &ChartData,
    theme: &ChartTheme,
    frame: &Frame,
    scale: &Scale,
    y: &YLabels<'_>,
    zero_label: &dyn Fn(Rounded) -> String,
) -> String {
    let n = data.labels.len();
    let mut o = String::with_capacity(2048 + n * 200);
    let to_y = |v: f64| {
        let span = (scale.max - scale.min).max(f64::MIN_POSITIVE);
        let f = ((v - scale.min) / span).clamp(0.0, 1.0);
        frame.bottom - f * (frame.bottom - frame.top)
    };
    o.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg ");
    o.push_str(frame.class);
    o.push_str("\" width=\"");
    num(&mut o, frame.width);
    o.push_str("\" height=\"");
    num(&mut o, frame.height);
    o.push_str("\" viewBox=\"0 0 ");
    num(&mut o, frame.width);
    o.push(' ');
    num(&mut o, frame.height);
    o.push_str("\" aria-hidden=\"true\" focusable=\"false\" font-family=\"");
    escape(&mut o, &theme.font_family);
    o.push_str("\" font-size=\"");
    num(&mut o, f64::from(theme.font_size));
    o.push_str("\"><rect width=\"100%\" height=\"100%\" fill=\"");
    o.push_str(&theme.background);
    o.push_str("\"/>");
    // Grid lines at the steps above the baseline, and the steps' labels.
    o.push_str("<path fill=\"none\" stroke=\"");
    o.push_str(&theme.grid);
    o.push_str("\" d=\"");
    for &t in y.ticks.iter().skip(1) {
        o.push('M');
        num(&mut o, frame.left);
        o.push(' ');
        num(&mut o, to_y(t));
        o.push('H');
        num(&mut o, frame.right);
    }
    o.push_str("\"/><g fill=\"");
    o.push_str(&theme.text);
    o.push_str("\" text-anchor=\"end\">");
    let half = f64::from(theme.font_size) * 0.35;
    for (&t, label) in y.ticks.iter().zip(y.labels) {
        o.push_str("<text x=\"");
        num(&mut o, frame.left - 8.0);
        o.push_str("\" y=\"");
        num(&mut o, to_y(t) + half);
        o.push_str("\">");
        escape(&mut o, label);
        o.push_str("</text>");
    }
    o.push_str("</g>");
    let slot = frame.slot(n);
    match data.shape {
        Shape::Bars => bars(&mut o, data, theme, frame, &to_y, slot, zero_label),
        Shape::Line => line(&mut o, data, theme, frame, &to_y),
    }
    target(&mut o, data, theme, frame, &to_y, slot);
    // The baseline, a tick under every period and the labels of every `step`th.
    o.push_str("<path fill=\"none\" stroke=\"");
    o.push_str(&theme.axis);
    o.push_str("\" d=\"M");
    num(&mut o, frame.left);
    o.push(' ');
    num(&mut o, frame.bottom);
    o.push('H');
    num(&mut o, frame.right);
    for i in 0..n {
        o.push('M');
        num(&mut o, frame.centre(i, n));
        o.push(' ');
        num(&mut o, frame.bottom);
        o.push_str(if frame.labelled(i, n) { "v6" } else { "v3" });
    }
    o.push_str("\"/><g fill=\"");
    o.push_str(&theme.text);
    o.push_str(if frame.rotated {
        "\" text-anchor=\"end\">"
    } else {
        "\" text-anchor=\"middle\">"
    });
    let size = f64::from(theme.font_size);
    for (i, label) in data.labels.iter().enumerate() {
        if !frame.labelled(i, n) {
            continue;
        }
        let x = frame.centre(i, n);
        o.push_str("<text x=\"");
        if frame.rotated {
            // Turned about its end, which sits at its own tick; `dy` centres the
            // letters on the line through the tick.
            let ty = frame.bottom + 10.0;
            num(&mut o, x);
            o.push_str("\" y=\"");
            num(&mut o, ty);
            o.push_str("\" dy=\"0.35em\" transform=\"rotate(-45 ");
            num(&mut o, x);
            o.push(' ');
            num(&mut o, ty);
            o.push_str(")\">");
        } else {
            num(&mut o, x);
            o.push_str("\" y=\"");
            num(&mut o, frame.bottom + 8.0 + size);
            o.push_str("\">");
        }
        escape(&mut o, label);
        o.push_str("</text>");
    }
    o.push_str("</g></svg>");
    o
}

/// A bar per value, from zero; a zero is a short stub labelled with its figure (a bar
/// of no height would look like a missing period, which has no bar at all).
fn bars(
    o: &mut String,
    data: &ChartData,
    theme: &ChartTheme,
    frame: &Frame,
    to_y: &dyn Fn(f64) -> f64,
    slot: f64,
    zero_label: &dyn Fn(Rounded) -> String,
) {
    let n = data.labels.len();
    let width = (slot * 0.6).min(64.0);
    let base = to_y(0.0);
    let mut zero = Vec::new();
    o.push_str("<g fill=\"");
    o.push_str(&theme.value);
    o.push_str("\">");
    for (i, v) in data.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        let x = frame.centre(i, n) - width / 2.0;
        let (top, height) = if v == 0.0 {
            zero.push(i);
            (base - 3.0, 3.0)
        } else {
            let y = to_y(v);
            (y.min(base), (y - base).abs())
        };
        o.push_str("<rect data-category=\"");
        escape(o, &data.labels[i]);
        o.push_str("\" data-value=\"");
        o.push_str(&Rounded::as_given(v).plain());
        o.push_str("\" x=\"");
        num(o, x);
        o.push_str("\" y=\"");
        num(o, top);
        o.push_str("\" width=\"");
        num(o, width);
        o.push_str("\" height=\"");
        num(o, height);
        o.push_str("\"/>");
    }
    o.push_str("</g>");
    let label = zero_label(Rounded::as_given(0.0));
    // The figure over a stub, where its slot has room for it (among forty narrow bars
    // it would sit on its neighbours; the stub and the table still say 0).
    let room = f64::from(theme.font_size) * 0.6 * label.chars().count() as f64 + 4.0;
    if slot < room {
        return;
    }
    for i in zero {
        o.push_str("<text text-anchor=\"middle\" fill=\"");
        o.push_str(&theme.text);
        o.push_str("\" x=\"");
        num(o, frame.centre(i, n));
        o.push_str("\" y=\"");
        num(o, base - 8.0);
        o.push_str("\">");
        escape(o, &label);
        o.push_str("</text>");
    }
}

/// The values joined by a line, broken at missing periods, with a marker on each.
fn line(
    o: &mut String,
    data: &ChartData,
    theme: &ChartTheme,
    frame: &Frame,
    to_y: &dyn Fn(f64) -> f64,
) {
    let n = data.labels.len();
    o.push_str("<path fill=\"none\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke=\"");
    o.push_str(&theme.value);
    o.push_str("\" d=\"");
    let mut joined = false;
    for (i, v) in data.values.iter().enumerate() {
        match v {
            Some(v) => {
                o.push(if joined { 'L' } else { 'M' });
                num(o, frame.centre(i, n));
                o.push(' ');
                num(o, to_y(*v));
                joined = true;
            }
            None => joined = false,
        }
    }
    o.push_str("\"/><g fill=\"");
    o.push_str(&theme.background);
    o.push_str("\" stroke-width=\"2\" stroke=\"");
    o.push_str(&theme.value);
    o.push_str("\">");
    for (i, v) in data.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        o.push_str("<circle data-category=\"");
        escape(o, &data.labels[i]);
        o.push_str("\" data-value=\"");
        o.push_str(&Rounded::as_given(v).plain());
        o.push_str("\" cx=\"");
        num(o, frame.centre(i, n));
        o.push_str("\" cy=\"");
        num(o, to_y(v));
        o.push_str("\" r=\"4\"/>");
    }
    o.push_str("</g>");
}

/// The target: a dashed line across each slot whose year has one, stepping where it
/// changes, with no line where there is none.
fn target(
    o: &mut String,
    data: &ChartData,
    theme: &ChartTheme,
    frame: &Frame,
    to_y: &dyn Fn(f64) -> f64,
    slot: f64,
) {
    if data.targets.iter().all(Option::is_none) {
        return;
    }
    o.push_str("<path fill=\"none\" stroke-width=\"2\" stroke-dasharray=\"8,5\" stroke=\"");
    o.push_str(&theme.target);
    o.push_str("\" d=\"");
    let mut previous: Option<f64> = None;
    for (i, t) in data.targets.iter().enumerate() {
        let x = frame.left + i as f64 * slot;
        match (*t, previous) {
            (Some(t), Some(p)) if t == p => {}
            (Some(t), Some(_)) => {
                o.push('H');
                num(o, x);
                o.push('V');
                num(o, to_y(t));
            }
            (Some(t), None) => {
                o.push('M');
                num(o, x);
                o.push(' ');
                num(o, to_y(t));
            }
            (None, Some(_)) => {
                o.push('H');
                num(o, x);
            }
            (None, None) => {}
        }
        previous = *t;
    }
    if previous.is_some() {
        o.push('H');
        num(o, frame.right);
    }
    o.push_str("\"/>");
}

/// A non-negative coordinate at one decimal place, none when whole ("17", "58.5"),
/// written as integers.
pub(super) fn num(o: &mut String, x: f64) {
    let t = (x.max(0.0) * 10.0).round() as u64;
    push_u64(o, t / 10);
    if !t.is_multiple_of(10) {
        o.push('.');
        o.push(char::from(b'0' + (t % 10) as u8));
    }
}

fn push_u64(o: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    o.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// Text for an SVG text node or attribute.
fn escape(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
}

/// A non-negative coordinate to one decimal place, "4.0", printed as integers.
pub(super) fn tenths(x: f64) -> String {
    let t = (x.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}
