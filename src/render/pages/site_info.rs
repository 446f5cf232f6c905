//! What every page's header, `<head>` and footer show of the site: the logo, the
//! feeds, the licence and the contact.

use super::super::publication::{FEED_FILE, has_feed, licence};
use super::super::renderer::Renderer;
use crate::diagnostics::Diagnostic;
use crate::i18n::Arg;

impl Renderer<'_> {
    pub(super) fn site_info(&self) -> Result<minijinja::Value, Diagnostic> {
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
        Ok(minijinja::context! {
            licence => minijinja::context! { name => licence_name, url => licence_url },
            contact => contact,
            logo => logo,
            feed => feed,
        })
    }
}
