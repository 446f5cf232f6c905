//! An import's problems as printed: at most [`MAX_OF_A_KIND`] of each code, then how
//! many more there are, so that 50,000 bad rows make a report one can read (and
//! print in a moment), not 250,000 lines.
//!
//! `build` and `check` bound their reports the same way; the two should become one
//! function in `diagnostics.rs`.

use crate::diagnostics::{Code, Diagnostics};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The most problems of one kind (one code) printed.
pub const MAX_OF_A_KIND: usize = 50;

/// The problems, in their order, at most [`MAX_OF_A_KIND`] of each code, and a line
/// for each code with more: "and 49950 more of this kind (import-indicator)".
pub fn report(diags: &Diagnostics) -> String {
    let mut seen: BTreeMap<Code, usize> = BTreeMap::new();
    let mut out = String::new();
    for d in &diags.0 {
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if *n <= MAX_OF_A_KIND {
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{d}");
        }
    }
    for (code, n) in seen {
        if n > MAX_OF_A_KIND {
            let _ = writeln!(
                out,
                "\n... and {} more of this kind ({code})",
                n - MAX_OF_A_KIND
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn each_kind_is_cut_at_fifty() {
        let mut diags = Diagnostics::default();
        for i in 0..120 {
            diags.push(Diagnostic::new(format!("row {i}")).with_code(Code::ImportIndicator));
        }
        diags.push(Diagnostic::new("one more").with_code(Code::ImportPeriod));
        let text = report(&diags);
        assert_eq!(text.matches("error[import-indicator]").count(), 50);
        assert!(text.contains("row 49\n"));
        assert!(!text.contains("row 50\n"));
        assert!(text.contains("error[import-period]: one more"));
        assert!(text.contains("... and 70 more of this kind (import-indicator)"));
        assert!(!text.contains("more of this kind (import-period)"));
    }
}
