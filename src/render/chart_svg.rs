//! One variant of a chart: charts-rs lays out and draws the plot (grid, axes, bars or
//! line, target), and dangos edits its SVG where charts-rs cannot print what dangos
//! publishes: the y-axis labels (charts-rs would print its own f32 arithmetic), each
//! bar's `data-value`, a zero bar (a stub with its figure, as a bar of no height
//! would look like a missing period), the target line (across the plot, without the
//! dot and arrowhead charts-rs puts at its ends, which no legend explains), the
//! boundaries between financial years, and the words: the unit above the value axis
//! and the period labels (quarters over their years, or every `step`th period,
//! counted back from the latest, each centred or ending at its own point).
//!
//! The drawing is language-neutral (categories are slot numbers) so one drawing
//! serves every language: `chart::in_language` writes it in one language's words.

use super::chart::{Axis, ChartData, Shape};
use crate::figures::Rounded;
use crate::theme::ChartTheme;
use charts_rs::{BarChart, Color, LineChart, LineStep, Series, SeriesCategory, Symbol};

/// Where things go in one variant (wide or narrow) of a chart.
#[derive(Debug, Clone, PartialEq)]
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
    /// For quarters, their financial years, in order (`step` is then that of the
    /// quarter words, 0 for none); empty for one row of period labels.
    pub(super) years: Vec<YearGroup>,
    /// The CSS class of the variant.
    pub(super) class: &'static str,
}

/// A financial year's quarters on a two-level period axis.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YearGroup {
    /// Its first slot.
    pub(super) first: usize,
    /// Its number of slots.
    pub(super) len: usize,
    /// Where its label is centred, if it is drawn.
    pub(super) centre: Option<f64>,
}

impl Frame {
    /// The width of one period's slot.
    pub(super) fn slot(&self, n: usize) -> f64 {
        (self.right - self.left) / n.max(1) as f64
    }

    /// The centre of slot `i`: where its bar, point and label sit.
    pub(super) fn centre(&self, i: usize, n: usize) -> f64 {
        self.left + (i as f64 + 0.5) * self.slot(n)
    }

    /// Whether the label of slot `i` of `n` is drawn (the latest always is, unless
    /// `step` is 0: none is).
    pub(super) fn labelled(&self, i: usize, n: usize) -> bool {
        self.step > 0 && (n - 1 - i).is_multiple_of(self.step)
    }

    /// The baseline of period label row `row` (0 the first below the plot).
    pub(super) fn row(&self, row: usize, size: f64) -> f64 {
        self.bottom + 8.0 + size + row as f64 * (size + 6.0)
    }
}

/// The axis steps and their labels, computed once for both variants.
pub(super) struct YLabels<'a> {
    /// Each step's value, bottom first.
    pub(super) ticks: &'a [f64],
    /// Each step's label, in the page's number format.
    pub(super) labels: &'a [String],
}

/// Where a slot number stands for its period's label in a drawing.
pub(super) const CATEGORY: &str = " data-category=\"";

/// Draws one variant with charts-rs in `frame`, on `axis`, with the y labels and a
/// zero bar's figure (`None` where its slot has no room for it) added. Language-
/// neutral: see `chart::in_language`.
pub(super) fn draw(
    data: &ChartData,
    theme: &ChartTheme,
    frame: &Frame,
    axis: &Axis,
    y: &YLabels<'_>,
    zero_label: Option<&str>,
) -> Result<String, String> {
    let n = data.values.len();
    let (series, constant) = series_of(data, theme);
    let svg = charts_rs_svg(data.shape, series, n, theme, frame, axis)?;
    let mut svg = match data.shape {
        Shape::Bars => {
            // Bars no wider than 60% of their slot, nor 64 px: one value is a bar
            // against its axis, not a block filling the chart.
            let widest = (frame.slot(n) * 0.6).min(64.0);
            own_bar_values(&svg, &data.values, theme, widest, zero_label)
        }
        Shape::Line => svg,
    };
    // The mark line's value label, which charts-rs writes even at size 0: the
    // target's figure is in the legend and the table.
    while let Some(at) = svg.find("<text font-size=\"0\"") {
        let end = svg[at..].find("</text>").map_or(svg.len(), |e| at + e + 7);
        svg.replace_range(at..end, "");
    }
    if constant {
        plain_target_line(&mut svg, frame);
    }
    own_root(&mut svg, frame, theme);
    // The y labels beside charts-rs's ticks, before the closing tag.
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    let mut text = String::with_capacity(y.labels.len() * 64);
    y_labels(&mut text, y, axis, frame, theme);
    year_boundaries(&mut text, frame, theme, n);
    svg.insert_str(end, &text);
    Ok(svg)
}

/// The value series and, if the target changes or stops, the target's; with whether
/// the target is one constant (then a mark line on the value series).
fn series_of(data: &ChartData, theme: &ChartTheme) -> (Vec<Series>, bool) {
    let to32 = |v: &[Option<f64>]| v.iter().map(|x| x.map(|x| x as f32)).collect::<Vec<_>>();
    let mut value = Series::new_nullable("value".to_string(), to32(&data.values));
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
    let mut series = vec![value];
    if !constant && data.targets.iter().any(Option::is_some) {
        let mut target = Series::new_nullable("target".to_string(), to32(&data.targets));
        target.index = Some(1);
        target.category = Some(SeriesCategory::Line);
        target.stroke_dash_array = Some("8,5".to_string());
        target.step = Some(LineStep::Middle);
        target.symbol = Some(Symbol::None);
        series.push(target);
    }
    (series, constant)
}

/// charts-rs's drawing of `series` over `n` slots (named by number), as bars or a
/// line, on `axis` in `frame`.
fn charts_rs_svg(
    shape: Shape,
    series: Vec<Series>,
    n: usize,
    theme: &ChartTheme,
    frame: &Frame,
    axis: &Axis,
) -> Result<String, String> {
    let slots: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let y_axis = |c: &mut charts_rs::YAxisConfig| {
        c.min = Some(axis.min as f32);
        c.max = Some(axis.max as f32);
        c.split_number = axis.splits;
        c.width = Some(frame.left as f32);
        // Its labels are dangos's: charts-rs draws none.
        c.font.size = 0.0;
        c.stroke_color = Color::from(theme.axis.as_str());
    };
    match shape {
        Shape::Bars => {
            let mut c = BarChart::new(series, slots);
            style(&mut c.base, theme, frame);
            y_axis(&mut c.y_axis_configs[0]);
            c.svg()
        }
        Shape::Line => {
            let mut c = LineChart::new(series, slots);
            style(&mut c.base, theme, frame);
            y_axis(&mut c.y_axis_configs[0]);
            c.svg()
        }
    }
    .map_err(|e| format!("cannot draw the chart: {e}"))
}

/// Replaces the root's opening with dangos's: the variant's class, hidden from screen
/// readers (the figure has the text alternative), and the font every label inherits
/// (a sans-serif, not the browser's default serif, should the chart font not load).
fn own_root(svg: &mut String, frame: &Frame, theme: &ChartTheme) {
    let mut open = String::with_capacity(160);
    open.push_str("<svg class=\"chart-svg ");
    open.push_str(frame.class);
    open.push_str("\" aria-hidden=\"true\" focusable=\"false\" font-family=\"");
    escape(&mut open, &theme.font_family);
    open.push_str(", sans-serif\" font-size=\"");
    num(&mut open, f64::from(theme.font_size));
    open.push_str("\" ");
    svg.replace_range(0..svg.find("<svg ").map_or(0, |s| s + 5), &open);
}

/// The y labels, each beside its tick on `axis` (charts-rs's labels would print its
/// own f32 arithmetic).
fn y_labels(text: &mut String, y: &YLabels<'_>, axis: &Axis, frame: &Frame, theme: &ChartTheme) {
    text.push_str("<g fill=\"");
    text.push_str(&theme.text);
    text.push_str("\" text-anchor=\"end\">");
    let half = f64::from(theme.font_size) * 0.35;
    let span = (axis.max - axis.min).max(f64::MIN_POSITIVE);
    for (&t, label) in y.ticks.iter().zip(y.labels) {
        let f = ((t - axis.min) / span).clamp(0.0, 1.0);
        text.push_str("<text x=\"");
        num(text, frame.left - 8.0);
        text.push_str("\" y=\"");
        num(text, frame.bottom - f * (frame.bottom - frame.top) + half);
        text.push_str("\">");
        escape(text, label);
        text.push_str("</text>");
    }
    text.push_str("</g>");
}

/// Where one financial year's quarters end and the next one's begin, a line down
/// through the quarter words (or a tick, without them); nothing for one year or none.
fn year_boundaries(text: &mut String, frame: &Frame, theme: &ChartTheme, n: usize) {
    if frame.years.len() <= 1 {
        return;
    }
    let reach = if frame.step > 0 {
        8.0 + f64::from(theme.font_size) + 4.0
    } else {
        10.0
    };
    text.push_str("<g stroke=\"");
    text.push_str(&theme.axis);
    text.push_str("\" stroke-width=\"1\">");
    let slot = frame.slot(n);
    for year in &frame.years[1..] {
        let x = frame.left + year.first as f64 * slot;
        text.push_str("<line x1=\"");
        num(text, x);
        text.push_str("\" y1=\"");
        num(text, frame.bottom);
        text.push_str("\" x2=\"");
        num(text, x);
        text.push_str("\" y2=\"");
        num(text, frame.bottom + reach);
        text.push_str("\"/>");
    }
    text.push_str("</g>");
}

/// The constant target's mark line across the whole plot, without the dot and the
/// arrowhead charts-rs draws at its ends: the legend explains a dashed line, not
/// those. Left as drawn if charts-rs drew it otherwise.
fn plain_target_line(svg: &mut String, frame: &Frame) {
    const DASHED: &str = "stroke-dasharray=\"8,5\"";
    let Some(dash) = svg.find(DASHED) else { return };
    let Some(line) = svg[..dash].rfind("<line ") else {
        return;
    };
    let Some(line_end) = svg[line..].find("/>").map(|e| line + e + 2) else {
        return;
    };
    let dot = svg[..line].rfind("<circle ").filter(|&c| {
        svg[c..line]
            .find("/>")
            .is_some_and(|e| svg[c + e + 2..line].trim().is_empty())
    });
    let arrow = svg[line_end..]
        .find("<path ")
        .map(|p| line_end + p)
        .filter(|&p| svg[line_end..p].trim().is_empty())
        .and_then(|p| svg[p..].find("/>").map(|e| (p, p + e + 2)))
        .filter(|&(p, e)| svg[p..e].contains(" Z\""));
    let (Some(dot), Some((_, arrow_end))) = (dot, arrow) else {
        return;
    };
    let tag = &svg[line..line_end];
    let mut plain = String::with_capacity(tag.len() + 8);
    let (x1, x2) = (attr_text(tag, "x1"), attr_text(tag, "x2"));
    let mut from = String::new();
    num(&mut from, frame.left);
    let mut to = String::new();
    num(&mut to, frame.right);
    plain.push_str(
        &tag.replacen(&format!(" x1=\"{x1}\""), &format!(" x1=\"{from}\""), 1)
            .replacen(&format!(" x2=\"{x2}\""), &format!(" x2=\"{to}\""), 1),
    );
    svg.replace_range(dot..arrow_end, &plain);
}

/// Settings shared by bar and line charts: the plot exactly where `frame` has it,
/// no title, legend or labels of charts-rs's own.
fn style(base: &mut charts_rs::ChartBase, theme: &ChartTheme, frame: &Frame) {
    let color = |s: &str| Color::from(s);
    base.width = frame.width as f32;
    base.height = frame.height as f32;
    base.font_family = theme.font_family.clone();
    base.background_color = color(&theme.background);
    base.series.colors = vec![color(&theme.value), color(&theme.target)];
    base.legend.show = Some(false);
    base.title.text = String::new();
    base.tooltip.show = false;
    base.animation = None;
    base.grid.stroke_color = color(&theme.grid);
    base.x_axis.font.size = 0.0;
    base.x_axis.stroke_color = color(&theme.axis);
    base.x_axis.height = (frame.height - frame.bottom) as f32;
    base.series.label.font.size = 0.0;
    base.margin.left = 0.0;
    base.margin.right = (frame.width - frame.right) as f32;
    base.margin.top = frame.top as f32;
    base.margin.bottom = 0.0;
}

/// `svg` with each bar's `data-value` the figure as published (charts-rs writes its
/// f32), each bar at most `widest` wide about its centre, and a zero bar drawn as a
/// stub, labelled with `zero_label` if any.
fn own_bar_values(
    svg: &str,
    values: &[Option<f64>],
    theme: &ChartTheme,
    widest: f64,
    zero_label: Option<&str>,
) -> String {
    const KEY: &str = " data-value=\"";
    let mut values = values.iter().flatten().peekable();
    let mut out = String::with_capacity(svg.len() + 128);
    let mut last = 0;
    // A bar per value: stop at the last rather than search the rest of the chart.
    while values.peek().is_some()
        && let Some(at) = svg[last..].find(KEY).map(|i| i + last)
    {
        let Some(&v) = values.next() else { break };
        let shown = Rounded::as_given(v);
        let value_at = at + KEY.len();
        let value_end = svg[value_at..]
            .find('"')
            .map_or(svg.len(), |e| value_at + e);
        let end = svg[at..].find('>').map_or(svg.len(), |e| at + e + 1);
        let start = svg[..at].rfind('<').unwrap_or(at);
        out.push_str(&svg[last..start]);
        let tag = narrowed(
            format!(
                "{}{}{}",
                &svg[start..value_at],
                shown.plain(),
                &svg[value_end..end]
            ),
            widest,
        );
        if v == 0.0 {
            zero_stub(&mut out, &tag, theme, zero_label);
        } else {
            out.push_str(&tag);
        }
        last = end;
    }
    out.push_str(&svg[last..]);
    out
}

/// A bar's `tag` at most `widest` wide, about the same centre.
fn narrowed(tag: String, widest: f64) -> String {
    let (Some(x), Some(w)) = (attr(&tag, "x"), attr(&tag, "width")) else {
        return tag;
    };
    if w <= widest {
        return tag;
    }
    let x_text = format!(" x=\"{}\"", attr_text(&tag, "x"));
    let w_text = format!(" width=\"{}\"", attr_text(&tag, "width"));
    let mut x_new = String::from(" x=\"");
    num(&mut x_new, x + (w - widest) / 2.0);
    let mut w_new = String::from(" width=\"");
    num(&mut w_new, widest);
    x_new.push('"');
    w_new.push('"');
    tag.replacen(&x_text, &x_new, 1)
        .replacen(&w_text, &w_new, 1)
}

/// A zero bar's `tag` as a stub on the baseline (a bar of no height would look like
/// a missing period), with `zero_label` above it if any; the tag as it is if it
/// lacks a coordinate.
fn zero_stub(out: &mut String, tag: &str, theme: &ChartTheme, zero_label: Option<&str>) {
    let (Some(x), Some(y), Some(w)) = (attr(tag, "x"), attr(tag, "y"), attr(tag, "width")) else {
        out.push_str(tag);
        return;
    };
    let stub = 3.0;
    let tag = tag
        .replacen(
            &format!(" y=\"{}\"", attr_text(tag, "y")),
            &format!(" y=\"{}\"", tenths(y - stub)),
            1,
        )
        .replacen(
            &format!(" height=\"{}\"", attr_text(tag, "height")),
            &format!(" height=\"{stub}\""),
            1,
        );
    out.push_str(&tag);
    if let Some(label) = zero_label {
        out.push_str("<text text-anchor=\"middle\" fill=\"");
        out.push_str(&theme.text);
        out.push_str("\" x=\"");
        num(out, x + w / 2.0);
        out.push_str("\" y=\"");
        num(out, y - stub - 5.0);
        out.push_str("\">");
        escape(out, label);
        out.push_str("</text>");
    }
}

/// The text of attribute `name` of a tag ("" when absent).
fn attr_text<'t>(tag: &'t str, name: &str) -> &'t str {
    // A tag is short: a plain scan beats setting up a substring search.
    let (bytes, name) = (tag.as_bytes(), name.as_bytes());
    let mut i = 1;
    while i + name.len() + 2 <= bytes.len() {
        if bytes[i - 1] == b' '
            && bytes[i..].starts_with(name)
            && bytes[i + name.len()..].starts_with(b"=\"")
        {
            let value = i + name.len() + 2;
            return tag[value..].split('"').next().unwrap_or("");
        }
        i += 1;
    }
    ""
}

/// The number in attribute `name` of a tag.
fn attr(tag: &str, name: &str) -> Option<f64> {
    attr_text(tag, name).parse().ok()
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
pub(super) fn escape(o: &mut String, s: &str) {
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
