//! Edits to the SVG charts-rs writes, where it cannot print what dangos publishes:
//! the y-axis labels (charts-rs prints its own f32 arithmetic, 1,199,999,942,656 for
//! 1.2 trillion), each bar's `data-value`, and a zero bar (of no height, it would look
//! like a missing period). The edits work on charts-rs's own output, at the places it
//! chose, so its layout stays its own.

use crate::figures::Rounded;

/// Marks the y-axis labels charts-rs writes (its label formatter puts it first), so
/// that [`own_y_labels`] can put the exact ones in their place.
pub(super) const Y_LABEL_MARK: char = '\u{E000}';

/// Measures text as charts-rs does: font family, size, text → width.
pub(super) type Measure<'a> = dyn Fn(&str, f32, &str) -> f32 + 'a;

/// The font a label added to the chart is written in.
pub(super) struct LabelFont<'a> {
    /// Size in pixels.
    pub(super) size: f32,
    /// Font family.
    pub(super) family: &'a str,
    /// Colour.
    pub(super) fill: &'a str,
}

/// `svg` with each bar's `data-value` the figure as published (charts-rs writes its
/// f32), and a zero bar drawn as a stub labelled with the figure: a bar of no
/// height would look like a missing period, which has no bar at all.
pub(super) fn own_bar_values(
    svg: &str,
    values: &[Option<f64>],
    font: &LabelFont<'_>,
    label: &dyn Fn(Rounded) -> String,
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
        if v != 0.0 {
            // Most bars: only the value changes.
            out.push_str(&svg[last..value_at]);
            out.push_str(&shown.plain());
            last = value_end;
            continue;
        }
        let start = svg[..at].rfind('<').unwrap_or(at);
        out.push_str(&svg[last..start]);
        let tag = format!(
            "{}{}{}",
            &svg[start..value_at],
            shown.plain(),
            &svg[value_end..end]
        );
        match (attr(&tag, "x"), attr(&tag, "y"), attr(&tag, "width")) {
            (Some(x), Some(y), Some(w)) => {
                let stub = 3.0;
                let tag = tag
                    .replacen(
                        &format!(" y=\"{}\"", attr_text(&tag, "y")),
                        &format!(" y=\"{}\"", tenths(f64::from(y - stub))),
                        1,
                    )
                    .replacen(
                        &format!(" height=\"{}\"", attr_text(&tag, "height")),
                        &format!(" height=\"{stub}\""),
                        1,
                    );
                out.push_str(&tag);
                let label = label(shown);
                out.push_str(&format!(
                    "<text font-size=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"{}\" fill=\"{}\">{label}</text>",
                    font.size,
                    tenths(f64::from(x + w / 2.0)),
                    tenths(f64::from(y - stub - 4.0)),
                    font.family,
                    font.fill,
                ));
            }
            _ => out.push_str(&tag),
        }
        last = end;
    }
    out.push_str(&svg[last..]);
    out
}

/// The text of attribute `name` of a tag ("" when absent).
fn attr_text<'t>(tag: &'t str, name: &str) -> &'t str {
    for (at, _) in tag.match_indices(name) {
        let value = at + name.len() + 2;
        if tag[..at].ends_with(' ') && tag[at + name.len()..].starts_with("=\"") {
            return tag[value..].split('"').next().unwrap_or("");
        }
    }
    ""
}

/// `svg` with each y-axis label charts-rs wrote (marked by [`Y_LABEL_MARK`]) replaced
/// by ours, right-aligned where charts-rs right-aligned its own: the lowest on
/// screen is tick 0.
pub(super) fn own_y_labels(
    svg: &str,
    labels: &[String],
    measure: &Measure<'_>,
) -> Result<String, String> {
    // Each marked label: the start of its `<text`, the end of its `</text>`, its y.
    let mut found: Vec<(usize, usize, f32)> = Vec::with_capacity(labels.len());
    let mut from = 0;
    // Stop at the last label rather than search the rest of the chart for more.
    while found.len() < labels.len()
        && let Some(at) = svg[from..].find(Y_LABEL_MARK).map(|i| i + from)
    {
        let start = svg[..at].rfind("<text").ok_or("a y label outside <text>")?;
        let end = svg[at..].find("</text>").ok_or("an unclosed y label")? + at + 7;
        let y = attr(&svg[start..at], "y").ok_or("a y label without y")?;
        found.push((start, end, y));
        from = end;
    }
    if found.len() != labels.len() {
        return Err(format!(
            "charts-rs drew {} y-axis labels where {} were expected",
            found.len(),
            labels.len()
        ));
    }
    let mut by_height: Vec<usize> = (0..found.len()).collect();
    by_height.sort_by(|&a, &b| found[b].2.total_cmp(&found[a].2));
    let mut tick = vec![0; found.len()];
    for (rank, &i) in by_height.iter().enumerate() {
        tick[i] = rank;
    }
    let mut out = String::with_capacity(svg.len() + 64);
    let mut last = 0;
    // Every label ends at the axis: measured once.
    let mut right = None;
    for (i, &(start, end, _)) in found.iter().enumerate() {
        out.push_str(&svg[last..start]);
        let open = &svg[start..svg[start..end].find('>').map_or(end, |g| start + g + 1)];
        let body = &svg[start + open.len()..end - 7];
        let x = attr(open, "x").ok_or("a y label without x")?;
        // Right edge of charts-rs's label, measured as charts-rs measured it.
        let right = *right.get_or_insert_with(|| x + measured(open, body, measure));
        push_x_end(&mut out, open, right);
        out.push_str(&labels[tick[i]]);
        out.push_str("</text>");
        last = end;
    }
    out.push_str(&svg[last..]);
    Ok(out)
}

/// The number in attribute `name` of a tag.
fn attr(tag: &str, name: &str) -> Option<f32> {
    attr_text(tag, name).parse().ok()
}

/// The width charts-rs gave a label's text, in the tag's font.
fn measured(open: &str, body: &str, measure: &Measure<'_>) -> f32 {
    let family = open
        .split(" font-family=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("Roboto");
    let size = attr(open, "font-size").unwrap_or(14.0);
    measure(family, size, body)
}

/// Writes the opening tag with `x` at `right` and anchored at its end.
fn push_x_end(out: &mut String, open: &str, right: f32) {
    let key = " x=\"";
    let Some(at) = open.find(key).map(|i| i + key.len()) else {
        out.push_str(open);
        return;
    };
    let end = open[at..].find('"').map_or(open.len(), |e| at + e);
    out.push_str(&open[..at]);
    out.push_str(&tenths(f64::from(right)));
    out.push('"');
    out.push_str(" text-anchor=\"end\"");
    out.push_str(&open[end + 1..]);
}

/// A non-negative coordinate to one decimal place, "4.0", printed as integers.
pub(super) fn tenths(x: f64) -> String {
    let t = (x.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}
