//! A target year: every indicator's target for the year, with its rationale.

use crate::diagnostics::Diagnostic;
use crate::model::Target;
use crate::render::renderer::Renderer;
use crate::render::ser;

impl Renderer<'_> {
    /// The target year page's title and its own part of the context.
    pub(super) fn target_year_context(
        &self,
        i: usize,
    ) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let lang = self.lang;
        let ty = &site.target_years[i];
        let text = &ty.text[lang];
        let mut rows = Vec::new();
        for &r in &ty.rows {
            let ind = &site.indicators[r];
            let target = ind
                .targets
                .get(&ty.year)
                .copied()
                .unwrap_or(Target::NotAppropriate);
            rows.push(minijinja::context! {
                indicator => ser(&self.indicator_row(r, None, false)?),
                target => self.target_text(ind, target)?,
                not_appropriate => !matches!(target, Target::Value(_)),
                rationale_html => ind.text[lang].rationale.get(&ty.year).map(|m| self.markdown_part(m, &format!("{}-", ind.id))).transpose()?,
            });
        }
        Ok((
            text.title.clone(),
            minijinja::context! {
                target_year => minijinja::context! {
                    title => text.title.clone(),
                    year => ty.year.year_label(),
                    body_html => self.markdown(&text.body)?,
                    rows => rows,
                }
            },
        ))
    }
}
