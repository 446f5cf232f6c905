//! Finding a row's indicator by its id or its `code`, in constant time per row: a
//! file of 50,000 rows costs 50,000 look-ups, not 50,000 scans of every indicator.
//! The "did you mean" search, which compares the name with every indicator, is made
//! for the first names not found only (those a report prints; see `diagnostics::shown`).

use super::rows::Known;
use rustc_hash::FxHashMap;

/// How many names not found get a "did you mean" search.
const SUGGESTED: usize = crate::diagnostics::SHOWN_PER_CODE;

/// Finds indicators by id or by code.
pub(crate) struct Lookup<'a> {
    known: &'a [Known<'a>],
    /// Exact ids.
    by_id: FxHashMap<&'a str, usize>,
    /// Ids in lower case and codes as compared ([`norm`]), the first indicator each.
    by_name: FxHashMap<String, usize>,
    /// Ids of indicators whose files could not be read, by the id in lower case.
    broken: FxHashMap<String, String>,
    /// Searches made so far.
    searched: std::cell::Cell<usize>,
}

/// A code as compared: `fam kpi  01` is `FAM KPI 01`.
pub(crate) fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(known: &'a [Known<'a>], broken: &[&str]) -> Self {
        let mut by_id = FxHashMap::default();
        let mut by_name = FxHashMap::default();
        for (i, k) in known.iter().enumerate() {
            by_id.entry(k.id).or_insert(i);
            by_name.entry(k.id.to_ascii_lowercase()).or_insert(i);
        }
        // An id wins over a code that reads the same.
        for (i, k) in known.iter().enumerate() {
            if let Some(code) = k.front.code.as_deref() {
                by_name.entry(norm(code)).or_insert(i);
            }
        }
        Lookup {
            known,
            by_id,
            by_name,
            broken: broken
                .iter()
                .map(|b| (b.to_ascii_lowercase(), b.to_string()))
                .collect(),
            searched: std::cell::Cell::new(0),
        }
    }

    /// The indicator `name` names, or the help to give.
    pub(crate) fn find(&self, name: &str) -> Result<&'a Known<'a>, String> {
        if let Some(&i) = self.by_id.get(name) {
            return Ok(&self.known[i]);
        }
        let n = norm(name);
        if let Some(&i) = self.by_name.get(&n) {
            return Ok(&self.known[i]);
        }
        if let Some(id) = self.broken.get(&n) {
            return Err(format!(
                "content/indicators/{id}.md could not be read: correct it first (`dangos check` says what is wrong)"
            ));
        }
        const WRITE: &str = "write an indicator's id (its file name in content/indicators/, without .md) or its `code`";
        if self.searched.get() >= SUGGESTED {
            return Err(WRITE.into());
        }
        self.searched.set(self.searched.get() + 1);
        let best = self
            .known
            .iter()
            .flat_map(|k| {
                let by_code = k.front.code.as_deref().map(|c| (norm(c), k.id));
                [(k.id.to_string(), k.id)].into_iter().chain(by_code)
            })
            .map(|(name, id)| (strsim::jaro_winkler(&name, &n), id))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        Err(match best {
            Some((score, id)) if score >= 0.8 => format!("did you mean {id}?"),
            _ => WRITE.into(),
        })
    }
}
