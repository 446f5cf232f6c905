//! The rules for provisional and revised values: a marker belongs to a value, and a
//! revision says why.

use crate::content::{IndicatorFront, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

pub(super) fn check(src: &Source, f: &IndicatorFront, diags: &mut Diagnostics) {
    let problem = |pos, code, message: String, help: String| {
        Diagnostic::in_file(code, &src.path, message)
            .at_line(src.lines(), pos)
            .help(help)
    };
    for p in f.provisional.iter().filter(|p| !f.values.contains_key(p)) {
        diags.push(problem(
            p.pos,
            Code::MarkerWithoutValue,
            format!("{} is marked provisional, but has no value", p.value),
            format!(
                "add `{}: <value>` under `values`, or remove it from `provisional`",
                p.value
            ),
        ));
    }
    for p in f.revised.keys().filter(|p| !f.values.contains_key(p)) {
        diags.push(problem(
            f.revised.pos(p),
            Code::MarkerWithoutValue,
            format!("{p} is marked revised, but has no value"),
            format!("add `{p}: <value>` under `values`, or remove it from `revised`"),
        ));
    }
    for p in f
        .revision_reason
        .keys()
        .filter(|p| !f.revised.contains_key(p))
    {
        diags.push(problem(
            f.revision_reason.pos(p),
            Code::MarkerWithoutValue,
            format!("a revision reason for {p}, but {p} is not marked revised"),
            format!("add `{p}: <date of the revision>` under `revised`, or remove the reason"),
        ));
    }
    for p in f.revised.keys() {
        if f.revision_reason.get(p).is_none_or(|r| r.trim().is_empty()) {
            diags.push(problem(
                f.revised.pos(p),
                Code::RevisionWithoutReason,
                format!("the value for {p} is marked revised, but no reason is given: readers see only the date"),
                format!("add `{p}: <why the figure was revised>` under `revision_reason`, and its translation"),
            ));
        }
    }
}
