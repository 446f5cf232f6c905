//! Edits to the SVG charts-rs writes, where it cannot print what dangos publishes:
//! the y-axis labels (charts-rs would print its own f32 arithmetic, 1,199,999,942,656
//! for 1.2 trillion, so it draws none and dangos adds them beside its ticks), each
//! bar's `data-value`, and a zero bar (of no height, it would look like a missing
//! period). The edits follow charts-rs's own layout, so the chart stays its drawing.

use crate::figures::Rounded;

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

/// Adds the y-axis labels to `svg`, which charts-rs drew without (it would print its
/// own f32 arithmetic): each beside its tick, right-aligned `gap` before the axis, as
/// charts-rs places its own, after the group of the axis's ticks. The ticks are
/// charts-rs's short horizontal lines leftwards of the axis, top first; the lowest is
/// tick 0.
pub(super) fn add_y_labels(
    svg: &mut String,
    labels: &[String],
    gap: f32,
    font: &LabelFont<'_>,
) -> Result<(), String> {
    // (x of the axis, y of the tick) of each tick, and where its group ends.
    let mut ticks: Vec<(f32, f32)> = Vec::with_capacity(labels.len());
    let mut from = 0;
    let mut group_end = None;
    while ticks.len() < labels.len() {
        let at = svg[from..]
            .find("<line ")
            .map(|i| i + from)
            .ok_or("charts-rs drew fewer y-axis ticks than labels")?;
        let end = svg[at..].find("/>").map_or(svg.len(), |e| at + e + 2);
        let tag = &svg[at..end];
        // Horizontal (the same y written twice), then leftwards: numbers are read
        // only for the few lines that may be ticks.
        let y = attr_text(tag, "y1");
        if y == attr_text(tag, "y2")
            && let (Some(x1), Some(x2)) = (attr(tag, "x1"), attr(tag, "x2"))
            && x2 < x1
            && let Ok(y) = y.parse::<f32>()
        {
            ticks.push((x1, y));
            if ticks.len() == labels.len() {
                // Where charts-rs writes its labels: the line after the group.
                group_end = svg[end..].find("</g>\n").map(|g| end + g + 5);
            }
        }
        from = end;
    }
    let at = group_end.ok_or("the y-axis ticks are not in a group")?;
    let mut text = String::with_capacity(labels.len() * 112);
    let n = ticks.len();
    for (i, (x, y)) in ticks.into_iter().enumerate() {
        // As charts-rs centres a label on its tick, one a line.
        let y = y + font.size / 2.0 - 2.0;
        if i > 0 {
            text.push('\n');
        }
        text.push_str("<text font-size=\"");
        text.push_str(&plain_coordinate(font.size));
        text.push_str("\" x=\"");
        text.push_str(&tenths(f64::from(x - gap)));
        text.push_str("\" text-anchor=\"end\" y=\"");
        text.push_str(&plain_coordinate(y));
        text.push_str("\" font-family=\"");
        text.push_str(font.family);
        text.push_str("\" fill=\"");
        text.push_str(font.fill);
        text.push_str("\">");
        text.push_str(&labels[n - 1 - i]);
        text.push_str("</text>");
    }
    svg.insert_str(at, &text);
    Ok(())
}

/// A coordinate as charts-rs writes one: at most one decimal place, none when whole
/// ("17", "58.5").
fn plain_coordinate(x: f32) -> String {
    let t = tenths(f64::from(x));
    match t.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => t,
    }
}

/// The number in attribute `name` of a tag.
fn attr(tag: &str, name: &str) -> Option<f32> {
    attr_text(tag, name).parse().ok()
}

/// A non-negative coordinate to one decimal place, "4.0", printed as integers.
pub(super) fn tenths(x: f64) -> String {
    let t = (x.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}
