//! What every page and data file says about its publication: the licence, and the
//! feed of reports.

use crate::i18n::I18n;
use crate::model::Site;

/// The feed of each language, under the language's root.
pub(super) const FEED_FILE: &str = "feed.xml";

/// The licence's name and address in language `lang`: the one `site.toml` gives, or
/// the theme's default (the Open Government Licence, whose Welsh page Welsh pages
/// link to).
pub(super) fn licence(site: &Site, i18n: &I18n, lang: usize) -> Result<(String, String), String> {
    match &site.config.licence {
        Some(l) => Ok((l.name[lang].clone(), l.url[lang].clone())),
        None => Ok((
            i18n.t(lang, "licence-default-name", &[])?,
            i18n.t(lang, "licence-default-url", &[])?,
        )),
    }
}

/// Whether the site has feeds: when some report says when it was published (a
/// feed entry needs a date, and dangos never makes one up) and every language has
/// a host to make the feed's absolute addresses with (a path-only preview has none).
pub(super) fn has_feed(site: &Site) -> bool {
    site.reports.iter().any(|r| r.published.is_some())
        && site
            .config
            .languages
            .iter()
            .all(|l| !l.root.origin.is_empty())
}
