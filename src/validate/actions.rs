//! An indicator off target in a report's period should say what is being done about
//! it: a scrutiny committee asks.

use super::IndicatorIds;
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::figures;
use crate::model::{Indicator, Status};
use std::sync::Arc;

/// Warns of each report's indicators that are off target in its period with no
/// `actions` for the period.
pub(super) fn check(
    config: &Config,
    content: &Content,
    indicators: &[Arc<Indicator>],
    by_id: &IndicatorIds<'_>,
    diags: &mut Diagnostics,
) {
    for r in content
        .reports
        .iter()
        .filter(|l| config.drafts || !l.source.front.draft)
    {
        let src = &r.source.source;
        let period = r.source.front.period.value;
        for id in r.source.front.sections.iter().flat_map(|s| &s.indicators) {
            let Some(ind) = by_id.index.get(id.as_str()).map(|&i| &indicators[i]) else {
                continue;
            };
            let off =
                figures::indicator_status(ind, period, config.status) == Ok(Status::OffTarget);
            if off && !ind.text[config.default].actions.contains_key(&period) {
                let d = Diagnostic::in_file(Code::NoActions,
                    &src.path,
                    format!("`{id}` is off target in {period}, but has no actions for {period}: readers see no plan"),
                )
                .help(format!("add `{period}: <what is being done>` under `actions` in content/indicators/{id}.md, and its translations"))
                // A report may list a thousand indicators off target: its lines
                // are found once (see `LineStarts`).
                .at_line(src.lines(), id.pos);
                diags.push(d);
            }
        }
    }
}
