//! A plain page (Markdown alone), and the "page not found" page.

use crate::diagnostics::Diagnostic;
use crate::render::renderer::Renderer;

impl Renderer<'_> {
    /// A plain page's title and its own part of the context.
    pub(super) fn page_context(&self, i: usize) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let lang = self.lang;
        let text = &site.pages[i].text[lang];
        Ok((
            text.title.clone(),
            minijinja::context! { body_html => self.markdown(&text.body)? },
        ))
    }

    /// The "page not found" page's title; it has no part of its own.
    pub(super) fn not_found_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        Ok((self.t("not-found-title", &[])?, minijinja::context! {}))
    }
}
