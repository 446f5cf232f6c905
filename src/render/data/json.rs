//! Pretty-printed JSON, and the site-wide document written part by part.

use crate::diagnostics::Diagnostic;
use serde::Serialize;
use serde_json::Value as Json;

/// A pretty-printed JSON value moved two levels in, to sit in an array in an object:
/// every line four spaces further in. (A JSON string has no raw line break, so the
/// lines are the value's own.)
pub(in crate::render) fn indented(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    for (l, line) in json.split(|&b| b == b'\n').enumerate() {
        if l > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(b"    ");
        out.extend_from_slice(line);
    }
    out
}

/// A pretty-printed JSON object of some fields and then an array of items (each
/// pretty-printed on its own and [`indented`]), written item by item: byte for byte
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
        let quoted = |s: &str| serde_json::to_vec(s).map_err(|e| Diagnostic::new(e.to_string()));
        let mut out = Vec::with_capacity(size + 256);
        out.extend_from_slice(b"{\n");
        for (name, value) in fields {
            out.extend_from_slice(b"  ");
            out.extend(quoted(name)?);
            out.extend_from_slice(b": ");
            out.extend(
                serde_json::to_vec_pretty(value).map_err(|e| Diagnostic::new(e.to_string()))?,
            );
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

    pub(in crate::render) fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(if self.items == 0 {
            &b": []\n}\n"[..]
        } else {
            &b"\n  ]\n}\n"[..]
        });
        self.out
    }
}

/// Pretty-printed JSON, ending with a newline; `size` is a guess at its length.
pub(in crate::render) fn json_bytes(
    v: &impl Serialize,
    size: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(size);
    serde_json::to_writer_pretty(&mut out, v).map_err(|e| Diagnostic::new(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
                indicators: &items,
            };
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let parts: Vec<Vec<u8>> = items
                .iter()
                .map(|i| indented(&serde_json::to_vec_pretty(i).unwrap()))
                .collect();
            let fields = [
                ("language", Json::from(whole.language)),
                ("site", Json::from(whole.site)),
            ];
            let mut made = PrettyDocument::new(&fields, "indicators", 0).unwrap();
            parts.iter().for_each(|p| made.push(p));
            assert_eq!(
                String::from_utf8(made.finish()).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
