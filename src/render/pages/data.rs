//! The data page, and the downloads that belong to each page.

use crate::diagnostics::Diagnostic;
use crate::render::data::paths;
use crate::render::data::records::{FIGURE_COLUMNS, INDICATOR_COLUMNS, MARKERS};
use crate::render::renderer::Renderer;
use crate::render::urls::PageId;

impl Renderer<'_> {
    fn data_url(&self, rel: &str) -> String {
        self.links.href(self.lang, self.lang, rel)
    }

    /// The downloads that belong to `page`, and the data page's address (for the
    /// footer): what templates show as download links.
    pub(super) fn downloads(&self, page: PageId) -> minijinja::Value {
        let site = self.site;
        let (csv, json) = match page {
            PageId::Indicator(i) => (Some(paths::indicator_csv(&site.indicators[i].id)), None),
            PageId::Report(r) => {
                let s = &site.reports[r].slug;
                (Some(paths::report_csv(s)), Some(paths::report_json(s)))
            }
            PageId::Data => (
                Some(paths::ALL_CSV.to_string()),
                Some(paths::ALL_JSON.to_string()),
            ),
            _ => (None, None),
        };
        // The full address too, for paper (a printed page cannot follow a link).
        let address =
            |rel: &Option<String>| rel.as_deref().map(|r| self.links.absolute(self.lang, r));
        minijinja::context! {
            page => self.url(PageId::Data),
            csv_address => address(&csv),
            json_address => address(&json),
            csv => csv.as_deref().map(|r| self.data_url(r)),
            json => json.as_deref().map(|r| self.data_url(r)),
        }
    }

    /// The data page: what can be downloaded, and what the columns mean.
    pub(super) fn data_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let reports = (0..site.reports.len())
            .map(|r| {
                let report = &site.reports[r];
                let s = &report.slug;
                Ok(minijinja::context! {
                    title => report.text[self.lang].title.clone(),
                    period => self.words.period(self.lang, report.period, false)?,
                    url => self.url(PageId::Report(r)),
                    csv => self.data_url(&paths::report_csv(s)),
                    json => self.data_url(&paths::report_json(s)),
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let indicators: Vec<_> = (0..site.indicators.len())
            .map(|i| {
                let ind = &site.indicators[i];
                let id = &ind.id;
                minijinja::context! {
                    title => ind.text[self.lang].title.clone(),
                    code => ind.code.clone(),
                    url => self.url(PageId::Indicator(i)),
                    csv => self.data_url(&paths::indicator_csv(id)),
                }
            })
            .collect();
        let mut columns = vec!["section"];
        columns.extend(INDICATOR_COLUMNS);
        columns.extend(FIGURE_COLUMNS);
        let columns = columns
            .iter()
            .map(|c| {
                Ok(minijinja::context! {
                    key => c.replace('-', "_"),
                    heading => self.t(&format!("data-col-{c}"), &[])?,
                    about => self.t(&format!("data-col-{c}-about"), &[])?,
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let markers = MARKERS
            .iter()
            .map(|&(mark, meaning)| {
                Ok(minijinja::context! { mark => mark, meaning => self.t(meaning, &[])? })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        Ok((
            self.t("data-title", &[])?,
            minijinja::context! {
                data => minijinja::context! {
                    csv => self.data_url(paths::ALL_CSV),
                    json => self.data_url(paths::ALL_JSON),
                    reports => reports,
                    indicators => indicators,
                    columns => columns,
                    markers => markers,
                }
            },
        ))
    }
}
