//! The files of a build in memory, by output path, and what changed between two builds.

use crate::render::OutputFile;
use bytes::Bytes;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Output files by their path under the output folder, `/`-separated
/// (`en/indicators/fam-kpi-01/index.html`). Keys and bytes are shared, not copied,
/// between the rebuilder, the server and the writer: a rebuild copies the map, not
/// its contents. A file's bytes are the buffer it was made in, not a copy (a rebuild
/// makes the site-wide data files anew, 16 MB at 1,000 indicators).
pub type Files = BTreeMap<Arc<str>, Bytes>;

/// The `/`-separated key of an output path.
pub fn key(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files of a render, keyed for [`Files`].
pub(crate) fn to_files(files: Vec<OutputFile>) -> Files {
    files
        .into_iter()
        .map(|(path, bytes)| (Arc::from(key(&path)), Bytes::from(bytes)))
        .collect()
}

/// The files of `new` that are new or changed since `old`, and those that went: one
/// walk through both maps in their (shared) order; bytes shared by both are the same.
pub fn diff(old: &Files, new: &Files) -> (Vec<String>, Vec<String>) {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let (mut changed, mut deleted) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
    loop {
        // A key only in `old` comes first as "less"; only in `new`, as "greater".
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => Less,
            (None, Some(_)) => Greater,
            (Some((ka, _)), Some((kb, _))) => ka.cmp(kb),
        };
        match order {
            Less => deleted.extend(a.next().map(|(k, _)| k.to_string())),
            Greater => changed.extend(b.next().map(|(k, _)| k.to_string())),
            Equal => {
                if let (Some((_, va)), Some((k, vb))) = (a.next(), b.next())
                    // The same buffer is the same file, without reading it.
                    && !(va.as_ptr() == vb.as_ptr() && va.len() == vb.len())
                    && va[..] != vb[..]
                {
                    changed.push(k.to_string());
                }
            }
        }
    }
    (changed, deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_finds_changed_new_and_deleted_files() {
        let f = |pairs: &[(&str, &str)]| -> Files {
            pairs
                .iter()
                .map(|(k, v)| (Arc::from(*k), Bytes::copy_from_slice(v.as_bytes())))
                .collect()
        };
        let old = f(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let new = f(&[("a", "1"), ("b", "two"), ("d", "4")]);
        let (changed, deleted) = diff(&old, &new);
        assert_eq!(changed, vec!["b", "d"]);
        assert_eq!(deleted, vec!["c"]);
    }

    #[test]
    fn keys_use_forward_slashes() {
        assert_eq!(
            key(&Path::new("en").join("indicators").join("index.html")),
            "en/indicators/index.html"
        );
    }
}
