//! The context of each kind of page.

mod chart;
mod data;
mod home;
mod indicator;
mod indicators;
mod lists;
mod plain;
mod report;
mod site_info;
mod target_year;

use super::renderer::Renderer;
use super::ser;
use super::urls::PageId;
use super::views::{Alternate, Nav};
use crate::diagnostics::Diagnostic;
use crate::model::ACCESSIBILITY_SLUG;

impl Renderer<'_> {
    /// The context of one page: what every page has, plus its own.
    pub(in crate::render) fn context(&self, page: PageId) -> Result<minijinja::Value, Diagnostic> {
        let site = self.site;
        let config = &site.config;
        let lang = self.lang;
        let path = page.path(site);
        let alternates: Vec<Alternate> = config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| Alternate {
                code: l.code.clone(),
                name: l.name.clone(),
                href: self.links.href(lang, i, &path),
                absolute: self.links.absolute(i, &path),
                current: i == lang,
            })
            .collect();
        let accessibility = site
            .pages
            .iter()
            .position(|p| p.slug == ACCESSIBILITY_SLUG)
            .map(PageId::Page);
        let nav = Nav {
            home: self.url(PageId::Home),
            reports: self.url(PageId::Reports),
            indicators: self.url(PageId::Indicators),
            targets: self.url(PageId::Targets),
            data: self.url(PageId::Data),
            accessibility: accessibility.map(|p| self.url(p)).unwrap_or_default(),
            current: self.url(page),
            section: page.section(),
        };
        let (title, own) = self.own_context(page)?;
        let language = &config.languages[lang];
        Ok(minijinja::context! {
            lang => language.code.clone(),
            lang_name => language.name.clone(),
            site_title => language.title.clone(),
            site_description => language.description.clone(),
            page_title => title,
            kind => page.template().trim_end_matches(".html"),
            canonical => self.links.absolute(lang, &path),
            alternates => ser(&alternates),
            x_default => self.links.absolute(config.default, &path),
            nav => ser(&nav),
            downloads => self.downloads(page),
            static_url => self.links.static_url(lang),
            publication => match page {
                PageId::Report(i) => Some(self.report_link(i)?),
                _ => None,
            },
            site_info => self.site_info()?,
            ..own
        })
    }

    /// The page's title and its own part of the context.
    fn own_context(&self, page: PageId) -> Result<(String, minijinja::Value), Diagnostic> {
        match page {
            PageId::Home => self.home_context(),
            PageId::Report(i) => self.report_context(i),
            PageId::Indicator(i) => self.indicator_context(i),
            PageId::Indicators => self.indicators_context(),
            PageId::TargetYear(i) => self.target_year_context(i),
            PageId::Page(i) => self.page_context(i),
            PageId::NotFound => self.not_found_context(),
            PageId::Data => self.data_context(),
            PageId::Reports => self.reports_context(),
            PageId::Targets => self.targets_context(),
        }
    }
}
