//! Pretty-printed JSON, and the site-wide document written part by part.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use serde::Serialize;
use serde_json::Value as Json;
use serde_json::ser::Formatter;
use std::io;

/// `v` pretty-printed two levels in, to sit in an array in an object: what
/// serde_json prints for it, every line four spaces further in. Printed so in one
/// pass: the site-wide file has a million lines, and indenting them afterwards cost
/// more than adding a column to every file.
pub(in crate::render) fn pretty_indented(v: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(INDENT);
    pretty_in(v, 2, &mut out)?;
    Ok(out)
}

/// `v` pretty-printed `levels` levels in, after `out`: its first line goes on from
/// where `out` ends, each further line starts `levels` levels (two spaces each) in.
fn pretty_in(v: &impl Serialize, levels: usize, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
    let formatter = LevelsIn {
        base: levels,
        level: 0,
        has_value: false,
    };
    v.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
        .map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))
}

/// The indent of a value two levels into a pretty-printed document.
const INDENT: &[u8] = b"    ";

/// Spaces to indent a line with, as many as most documents need at once.
const SPACES: &[u8] = &[b' '; 64];

/// serde_json's `PrettyFormatter` (two spaces a level), starting `base` levels in.
struct LevelsIn {
    base: usize,
    level: usize,
    has_value: bool,
}

impl LevelsIn {
    fn line<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        let mut spaces = 2 * (self.base + self.level);
        while spaces > 0 {
            let now = spaces.min(SPACES.len());
            w.write_all(&SPACES[..now])?;
            spaces -= now;
        }
        Ok(())
    }

    /// `[` or `{`: one level further in.
    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own when there was anything inside.
    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.line(w)?;
        }
        w.write_all(bracket)
    }

    /// The start of an array's value or an object's key: on a new line.
    fn entry<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.line(w)
    }
}

impl Formatter for LevelsIn {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.entry(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.entry(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A pretty-printed JSON object of some fields and then an array of items (each
/// [`pretty_indented`]), written item by item: byte for byte
/// what serde_json prints for the whole document, without serialising every item
/// again.
pub(in crate::render) struct PrettyDocument {
    out: Vec<u8>,
    items: usize,
}

impl PrettyDocument {
    /// The document's `fields`, then the start of the array `key`.
    pub(in crate::render) fn new(
        fields: &[(&str, Json)],
        key: &str,
        size: usize,
    ) -> Result<PrettyDocument, Diagnostic> {
        let quoted = |s: &str| {
            serde_json::to_vec(s).map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))
        };
        let mut out = Vec::with_capacity(size + 256);
        out.extend_from_slice(b"{\n");
        for (name, value) in fields {
            out.extend_from_slice(b"  ");
            out.extend(quoted(name)?);
            out.extend_from_slice(b": ");
            // One level in: an object's lines (the licence's) sit under its key.
            pretty_in(value, 1, &mut out)?;
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"  ");
        out.extend(quoted(key)?);
        Ok(PrettyDocument { out, items: 0 })
    }

    pub(in crate::render) fn push(&mut self, item: &[u8]) {
        self.out
            .extend_from_slice(if self.items == 0 { b": [\n" } else { b",\n" });
        self.out.extend_from_slice(item);
        self.items += 1;
    }

    /// Bytes printed so far.
    pub(in crate::render) fn len(&self) -> usize {
        self.out.len()
    }

    /// Room for `more` bytes.
    pub(in crate::render) fn reserve(&mut self, more: usize) {
        self.out.reserve(more);
    }

    pub(in crate::render) fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(if self.items == 0 {
            &b": []\n}\n"[..]
        } else {
            &b"\n  ]\n}\n"[..]
        });
        self.out
    }
}

/// A row of a [`sectioned_document`] (a report's indicator), pretty-printed for its
/// place there: kept between rebuilds, so that an edit prints again only the rows
/// it changed.
pub(in crate::render) fn section_row(v: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(2048);
    out.extend_from_slice(&SPACES[..2 * SECTION_ROW_LEVELS]);
    pretty_in(v, SECTION_ROW_LEVELS, &mut out)?;
    Ok(out)
}

/// How deep a section's row is: the document, `sections`, a section, `indicators`.
const SECTION_ROW_LEVELS: usize = 4;

/// A pretty-printed document: the object `head` (at least one field), then
/// `sections`, an array of objects each of a `title` and `indicators`, an array of
/// rows printed by [`section_row`]; ending with a newline. Byte for byte what
/// serde_json prints for the whole (`to_writer_pretty`), without printing every row
/// again.
pub(in crate::render) fn sectioned_document<'r>(
    head: &impl Serialize,
    sections: impl Iterator<Item = (&'r str, Vec<&'r [u8]>)>,
    size: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let internal = |e: serde_json::Error| Diagnostic::new(Code::Internal, e.to_string());
    let mut out = Vec::with_capacity(size + 1024);
    serde_json::to_writer_pretty(&mut out, head).map_err(internal)?;
    // The head ends `\n}`: the sections go on inside it.
    if !out.ends_with(b"\n}") {
        return Err(Diagnostic::new(
            Code::Internal,
            "a document's head must have fields",
        ));
    }
    out.truncate(out.len() - 2);
    out.extend_from_slice(b",\n  \"sections\": [");
    let mut any_section = false;
    for (title, rows) in sections {
        out.extend_from_slice(if any_section { b",\n" } else { b"\n" });
        any_section = true;
        out.extend_from_slice(b"    {\n      \"title\": ");
        serde_json::to_writer(&mut out, title).map_err(internal)?;
        out.extend_from_slice(b",\n      \"indicators\": [");
        for (i, row) in rows.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            out.extend_from_slice(row);
        }
        if !rows.is_empty() {
            out.extend_from_slice(b"\n      ");
        }
        out.extend_from_slice(b"]\n    }");
    }
    if any_section {
        out.extend_from_slice(b"\n  ");
    }
    out.extend_from_slice(b"]\n}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pretty-printed value with every line four spaces further in.
    fn indented(json: &[u8]) -> Vec<u8> {
        let lines: Vec<Vec<u8>> = json
            .split(|&b| b == b'\n')
            .map(|line| [b"    ", line].concat())
            .collect();
        lines.join(&b'\n')
    }

    #[test]
    fn two_levels_in_is_serde_json_pretty_moved_four_spaces() {
        let values = [
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!({"a": [], "b": {}, "c": [1, {"d": null}], "e": "x\ny"}),
            serde_json::json!([[[]], [{}], "ŵ", 1.5, true]),
        ];
        for v in values {
            let want = indented(&serde_json::to_vec_pretty(&v).unwrap());
            assert_eq!(
                String::from_utf8(pretty_indented(&v).unwrap()).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }

    #[test]
    fn a_document_of_parts_is_what_serde_json_prints_for_the_whole() {
        #[derive(Serialize)]
        struct Item {
            id: String,
            values: Vec<Json>,
            nested: std::collections::BTreeMap<String, Option<String>>,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            language: &'a str,
            site: &'a str,
            licence: Json,
            indicators: &'a [Item],
        }
        let item = |id: &str, n: usize| Item {
            id: id.to_string(),
            values: (0..n).map(|v| Json::from(v as f64 / 3.0)).collect(),
            nested: [("a \"q\"\nline".to_string(), Some("ŵ".to_string()))]
                .into_iter()
                .chain((0..n).map(|k| (format!("k{k}"), None)))
                .collect(),
        };
        for items in [
            vec![],
            vec![item("one", 0)],
            vec![item("a", 2), item("b", 3)],
        ] {
            let whole = Doc {
                language: "cy",
                site: "Perfformiad \"Caerdydd\"",
                // A field that is itself an object: its lines sit one level in.
                licence: serde_json::json!({"name": "OGL", "url": null}),
                indicators: &items,
            };
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let parts: Vec<Vec<u8>> = items.iter().map(|i| pretty_indented(i).unwrap()).collect();
            let fields = [
                ("language", Json::from(whole.language)),
                ("site", Json::from(whole.site)),
                ("licence", whole.licence.clone()),
            ];
            let mut made = PrettyDocument::new(&fields, "indicators", 0).unwrap();
            parts.iter().for_each(|p| made.push(p));
            assert_eq!(
                String::from_utf8(made.finish()).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
    #[test]
    fn a_document_of_sections_of_rows_is_what_serde_json_prints_for_the_whole() {
        #[derive(Serialize)]
        struct Head<'a> {
            language: &'a str,
            licence: std::collections::BTreeMap<&'a str, Json>,
        }
        #[derive(Serialize)]
        struct Section<'a> {
            title: &'a str,
            indicators: Vec<Json>,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            #[serde(flatten)]
            head: &'a Head<'a>,
            sections: Vec<Section<'a>>,
        }
        let head = Head {
            language: "cy",
            licence: [("name", Json::from("OGL \"3\"")), ("url", Json::Null)]
                .into_iter()
                .collect(),
        };
        let row = |n: usize| serde_json::json!({"id": n, "figure": {"v": [n, null], "w": {}}});
        for shape in [vec![], vec![0], vec![2], vec![1, 0, 3]] {
            let sections: Vec<Section> = shape
                .iter()
                .enumerate()
                .map(|(s, &n)| Section {
                    title: ["Ŵ \"a\"", "b\nc", "", "d"][s],
                    indicators: (0..n).map(row).collect(),
                })
                .collect();
            let mut expected = serde_json::to_vec_pretty(&Doc {
                head: &head,
                sections: sections
                    .iter()
                    .map(|s| Section {
                        title: s.title,
                        indicators: s.indicators.clone(),
                    })
                    .collect(),
            })
            .unwrap();
            expected.push(b'\n');
            let rows: Vec<Vec<Vec<u8>>> = sections
                .iter()
                .map(|s| {
                    s.indicators
                        .iter()
                        .map(|r| section_row(r).unwrap())
                        .collect()
                })
                .collect();
            let made = sectioned_document(
                &head,
                sections
                    .iter()
                    .zip(&rows)
                    .map(|(s, r)| (s.title, r.iter().map(Vec::as_slice).collect())),
                0,
            )
            .unwrap();
            assert_eq!(
                String::from_utf8(made).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
