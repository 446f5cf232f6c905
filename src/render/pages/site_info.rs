//! What every page's header, `<head>` and footer show of the site: the logo, the
//! feeds, the licence and the contact.

use crate::diagnostics::Diagnostic;
use crate::i18n::Arg;
use crate::render::publication::{FEED_FILE, has_feed, licence};
use crate::render::renderer::Renderer;

impl Renderer<'_> {
    /// The same for every page of a language, so made once per language.
    pub(super) fn site_info(&self) -> Result<minijinja::Value, Diagnostic> {
        self.words.site_info[self.lang]
            .get_or_init(|| self.make_site_info())
            .clone()
    }

    fn make_site_info(&self) -> Result<minijinja::Value, Diagnostic> {
        let site = self.site;
        let config = &site.config;
        let lang = self.lang;
        let (licence_name, licence_url) =
            licence(site, self.i18n, lang).map_err(|m| self.ui_error(m))?;
        let contact = config.contact.as_ref().map(|c| {
            minijinja::context! {
                team => c.team[lang].clone(),
                email => c.email.clone(),
                telephone => c.telephone.clone(),
                telephone_href => c.telephone_uri(),
            }
        });
        let logo = config.logo.as_ref().map(|l| {
            minijinja::context! {
                src => format!("{}{}", self.links.static_url(lang), l.file),
                alt => l.alt[lang].clone(),
            }
        });
        // The feed of the page's language, titled in it.
        let feed = if has_feed(site) {
            let site_title = Arg::Text(config.languages[lang].title.clone());
            Some(minijinja::context! {
                href => self.links.href(lang, lang, FEED_FILE),
                title => self.t("feed-title", &[("site", site_title)])?,
            })
        } else {
            None
        };
        // The month names for the printed footer's date (filled in by print.js).
        let months = (1..=12)
            .map(|m| self.t(&format!("month-{m}"), &[]))
            .collect::<Result<Vec<_>, _>>()?
            .join(",");
        Ok(minijinja::context! {
            months => months,
            licence => minijinja::context! { name => licence_name, url => licence_url },
            contact => contact,
            logo => logo,
            feed => feed,
        })
    }
}
