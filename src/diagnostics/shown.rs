//! Which problems are printed: at most [`SHOWN_PER_CODE`] of one kind (code), then
//! how many more of that kind there are. A site (or a spreadsheet) with one mistake
//! made ten thousand times gets a page of it, not ten thousand; every command that
//! prints problems (build, check, watch, serve's terminal and panel, import) goes
//! through [`shown`]. `check --format json` keeps every one, for tools.

use super::{Code, Severity};

/// How many problems of one code are printed; the rest are counted.
pub const SHOWN_PER_CODE: usize = 50;

/// One entry of a bounded report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a, T> {
    /// A problem, printed in full.
    One(&'a T),
    /// In place of the next problem of `code`: `count` more of it, not printed.
    More {
        /// Their code.
        code: Code,
        /// How many are not printed.
        count: usize,
    },
}

/// The problems of `all`, in their order, to print: the first [`SHOWN_PER_CODE`] of
/// each code, then, where the next of that code would be, how many more of it there
/// are. Linear in the number of problems (one pass to count, one to pick).
pub fn shown<T>(all: &[T], code_of: impl Fn(&T) -> Code) -> Vec<Shown<'_, T>> {
    let mut total = vec![0usize; Code::ALL.len()];
    for item in all {
        total[code_of(item) as usize] += 1;
    }
    let mut seen = vec![0usize; Code::ALL.len()];
    let mut out = Vec::with_capacity(all.len().min(SHOWN_PER_CODE * 4));
    for item in all {
        let code = code_of(item);
        let n = &mut seen[code as usize];
        *n += 1;
        if *n <= SHOWN_PER_CODE {
            out.push(Shown::One(item));
        } else if *n == SHOWN_PER_CODE + 1 {
            out.push(Shown::More {
                code,
                count: total[code as usize] - SHOWN_PER_CODE,
            });
        }
    }
    out
}

/// What a [`Shown::More`] says: "and 2956 more of this kind".
pub fn more_message(count: usize) -> String {
    format!(
        "and {count} more of this kind, not shown (`dangos check --format json` lists them all)"
    )
}

/// The first line of a [`Shown::More`] as build and check print it:
/// `warning[no-actions]: and 2956 more of this kind, …`.
pub fn more_line(code: Code, count: usize) -> String {
    let severity = match code.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{severity}[{code}]: {}", more_message(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_fifty_of_a_kind_then_how_many_more() {
        let mut all = vec![Code::NoActions; 120];
        all.insert(3, Code::BrokenLink);
        all.push(Code::BrokenLink);
        let picked = shown(&all, |c| *c);
        let ones = |code| {
            picked
                .iter()
                .filter(|s| matches!(s, Shown::One(c) if **c == code))
                .count()
        };
        assert_eq!(ones(Code::NoActions), SHOWN_PER_CODE);
        assert_eq!(ones(Code::BrokenLink), 2);
        let more: Vec<_> = picked
            .iter()
            .filter_map(|s| match s {
                Shown::More { code, count } => Some((*code, *count)),
                Shown::One(_) => None,
            })
            .collect();
        assert_eq!(more, [(Code::NoActions, 70)]);
        // The count comes where the 51st would have been: the later broken link
        // follows it, in its own order.
        let at = picked
            .iter()
            .position(|s| matches!(s, Shown::More { .. }))
            .unwrap();
        assert_eq!(at, SHOWN_PER_CODE + 1);
        assert_eq!(picked.last(), Some(&Shown::One(&Code::BrokenLink)));
    }

    #[test]
    fn fifty_exactly_have_no_more_line() {
        let all = vec![Code::Todo; SHOWN_PER_CODE];
        let picked = shown(&all, |c| *c);
        assert_eq!(picked.len(), SHOWN_PER_CODE);
        assert!(picked.iter().all(|s| matches!(s, Shown::One(_))));
    }
}
