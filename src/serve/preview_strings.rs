//! The preview's own words (the build-error panel, the page shown before the first
//! build, the "wrong address" page), from the theme's UI strings (`preview-*` keys),
//! in each of the site's languages. A page's language is the language whose URL
//! prefix (from `site.toml`, as `serve` publishes it) starts the page's path, so a
//! site whose Welsh is published under `/cym/` gets Welsh words there.

use crate::config::Config;
use crate::i18n::{Arg, I18n};
use std::sync::Arc;

/// The words of one language.
#[derive(Debug, Clone)]
pub(crate) struct LangWords {
    /// The language's code, for `lang` attributes.
    pub(crate) code: String,
    /// The key prefix of its pages (`cy/`), empty if its pages are at the root.
    prefix: String,
    /// The panel's words as the JSON the live-reload script reads, escaped for an
    /// attribute value.
    panel_attr: String,
    no_site_title: String,
    no_site_body: String,
    wrong_host_title: String,
    /// With `{address}` where the address goes.
    wrong_host_body: String,
}

/// Every language's words, and which language a path without a prefix is in.
#[derive(Debug, Clone)]
pub(crate) struct PreviewWords {
    langs: Vec<LangWords>,
    default: usize,
    /// The UI strings, for the words that hold a number (how many problems a failed
    /// rebuild found); `None` when they could not be read.
    i18n: Option<Arc<I18n>>,
}

/// Where the address goes in the wrong-address message (Fluent gives it as text;
/// it becomes a link once the words are escaped).
const ADDRESS: &str = "\u{1}address\u{1}";

impl PreviewWords {
    /// The words of `config`'s languages from `i18n`. A theme without the
    /// `preview-*` keys gets the English words the default theme has (the panel
    /// then still says what is wrong with the site).
    pub(crate) fn new(config: &Config, i18n: &Arc<I18n>) -> PreviewWords {
        let langs = config
            .languages
            .iter()
            .enumerate()
            .map(|(lang, l)| {
                let t = |key: &str| i18n.t(lang, key, &[]).unwrap_or_else(|_| english(key));
                let address = [("address", Arg::Text(ADDRESS.into()))];
                let wrong_host_body = i18n
                    .t(lang, "preview-wrong-host-body", &address)
                    .unwrap_or_else(|_| english("preview-wrong-host-body"));
                let prefix = l.root.path.trim_start_matches('/').to_string();
                words(
                    &l.code,
                    prefix,
                    t("preview-error-title"),
                    t("preview-error-intro"),
                    t("preview-error-line"),
                    t("preview-error-help"),
                    t("preview-error-close"),
                    t("preview-no-site-title"),
                    t("preview-no-site-body"),
                    t("preview-wrong-host-title"),
                    wrong_host_body,
                )
            })
            .collect();
        PreviewWords {
            langs,
            default: config.default,
            i18n: Some(i18n.clone()),
        }
    }

    /// The words used when the site's configuration or UI strings cannot be read
    /// (the panel then shows why): the default theme's English.
    pub(crate) fn fallback() -> PreviewWords {
        let f = english;
        PreviewWords {
            langs: vec![words(
                "en",
                String::new(),
                f("preview-error-title"),
                f("preview-error-intro"),
                f("preview-error-line"),
                f("preview-error-help"),
                f("preview-error-close"),
                f("preview-no-site-title"),
                f("preview-no-site-body"),
                f("preview-wrong-host-title"),
                f("preview-wrong-host-body"),
            )],
            default: 0,
            i18n: None,
        }
    }

    /// How many errors and warnings a failed rebuild found, in words, in every
    /// language, by language code: the panel shows its page's language's above the
    /// problems ("1 error (and 2 warnings)", "1 gwall (2 rybudd hefyd)").
    pub(crate) fn counts(&self, errors: usize, warnings: usize) -> serde_json::Value {
        let counts: serde_json::Map<String, serde_json::Value> = self
            .langs
            .iter()
            .enumerate()
            .map(|(lang, l)| (l.code.clone(), self.count(lang, errors, warnings).into()))
            .collect();
        counts.into()
    }

    /// [`PreviewWords::counts`] in language `lang`: the UI strings
    /// `preview-error-count`, `preview-warning-count` (each with its plural forms)
    /// and `preview-error-counts`, which puts the two together; English if the theme
    /// lacks them.
    fn count(&self, lang: usize, errors: usize, warnings: usize) -> String {
        let english = || crate::watch::counted(errors, warnings);
        let Some(i18n) = &self.i18n else {
            return english();
        };
        let n =
            |key: &str, count: usize| i18n.t(lang, key, &[("count", Arg::Number(count as f64))]);
        let words = || -> Result<String, String> {
            let errors = n("preview-error-count", errors)?;
            if warnings == 0 {
                return Ok(errors);
            }
            let warnings = n("preview-warning-count", warnings)?;
            i18n.t(
                lang,
                "preview-error-counts",
                &[
                    ("errors", Arg::Text(errors)),
                    ("warnings", Arg::Text(warnings)),
                ],
            )
        };
        words().unwrap_or_else(|_| english())
    }

    /// The words of the language a built file is in: the language with the longest
    /// URL prefix that starts `key`, or the default language.
    pub(crate) fn of(&self, key: &str) -> &LangWords {
        self.langs
            .iter()
            .filter(|l| !l.prefix.is_empty() && key.starts_with(&l.prefix))
            .max_by_key(|l| l.prefix.len())
            .unwrap_or(&self.langs[self.default])
    }

    /// The page answering a request addressed to another name: in every language
    /// (the request says nothing of the visitor's), the site's first language first.
    pub(crate) fn wrong_host_page(&self, home: &str) -> String {
        let link = format!("<a href=\"{0}\">{0}</a>", escape(home));
        let mut body = String::new();
        for (i, l) in self.langs.iter().enumerate() {
            let text = escape(&l.wrong_host_body).replacen(&escape(ADDRESS), &link, 1);
            let title = escape(&l.wrong_host_title);
            if i == 0 {
                body.push_str(&format!("<h1>{title}</h1><p>{text}</p>"));
            } else {
                body.push_str(&format!(
                    "<div lang=\"{}\"><h2>{title}</h2><p>{text}</p></div>",
                    escape(&l.code)
                ));
            }
        }
        let first = &self.langs[0];
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title>\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\n\
             <body><main>{body}</main></body>\n</html>\n",
            escape(&first.code),
            escape(&first.wrong_host_title)
        )
    }
}

impl LangWords {
    /// The page served at `key` while no build has succeeded yet; its script shows
    /// the problems and reloads when the site builds.
    pub(crate) fn no_site_page(&self) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{title}</title>\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\n\
             <body><main><h1>{title}</h1><p>{}</p></main></body>\n</html>\n",
            escape(&self.code),
            escape(&self.no_site_body),
            title = escape(&self.no_site_title),
        )
    }

    /// The panel's words, as a `data-words` attribute for the live-reload script.
    pub(crate) fn panel_attr(&self) -> &str {
        &self.panel_attr
    }
}

#[allow(clippy::too_many_arguments)]
fn words(
    code: &str,
    prefix: String,
    title: String,
    intro: String,
    line: String,
    help: String,
    close: String,
    no_site_title: String,
    no_site_body: String,
    wrong_host_title: String,
    wrong_host_body: String,
) -> LangWords {
    let panel = serde_json::json!({
        "lang": code,
        "title": title,
        "intro": intro,
        "line": line,
        "help": help,
        "close": close,
    });
    LangWords {
        code: code.to_string(),
        prefix,
        panel_attr: escape(&panel.to_string()),
        no_site_title,
        no_site_body,
        wrong_host_title,
        wrong_host_body,
    }
}

/// The default theme's English words for the preview, for a theme that lacks them.
fn english(key: &str) -> String {
    let text = match key {
        "preview-error-title" | "preview-no-site-title" => "The build failed",
        "preview-error-intro" => {
            "This page shows the last version that built successfully. It will reload by itself when the problem is fixed."
        }
        "preview-error-line" => "line",
        "preview-error-help" => "Help",
        "preview-error-close" => "Close",
        "preview-no-site-body" => {
            "The site has not built yet. This page will reload when the problem is fixed."
        }
        "preview-wrong-host-title" => "Wrong address",
        "preview-wrong-host-body" => {
            "This preview answers only at this computer’s own address, { $address }, so that other web sites cannot read it."
        }
        _ => "",
    };
    text.replace("{ $address }", ADDRESS)
}

/// `s` escaped for HTML text and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_links_the_address_and_escapes_words() {
        let w = PreviewWords::fallback();
        let page = w.wrong_host_page("http://127.0.0.1:1111/");
        assert!(page.contains(
            "address, <a href=\"http://127.0.0.1:1111/\">http://127.0.0.1:1111/</a>, so"
        ));
        assert!(!page.contains('\u{1}'));
        assert_eq!(w.of("cy/index.html").code, "en");
        assert!(
            w.of("")
                .panel_attr()
                .contains("&quot;title&quot;:&quot;The build failed")
        );
    }

    /// The default theme's words for the count, with each language's plural forms
    /// (Welsh mutates after 2: "2 wall", "2 rybudd").
    #[test]
    fn errors_and_warnings_are_counted_apart_in_each_language() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(root, &Default::default()).unwrap();
        let i18n = Arc::new(I18n::load(&config, crate::figures::write_number).unwrap());
        let words = PreviewWords::new(&config, &i18n);
        for (errors, warnings, en, cy) in [
            (1, 0, "1 error", "1 gwall"),
            (1, 2, "1 error (and 2 warnings)", "1 gwall (2 rybudd hefyd)"),
            (2, 1, "2 errors (and 1 warning)", "2 wall (1 rhybudd hefyd)"),
            (
                3,
                6,
                "3 errors (and 6 warnings)",
                "3 gwall (6 rhybudd hefyd)",
            ),
            (
                1000,
                1,
                "1,000 errors (and 1 warning)",
                "1,000 gwall (1 rhybudd hefyd)",
            ),
        ] {
            let counts = words.counts(errors, warnings);
            assert_eq!(counts["en"], en);
            assert_eq!(counts["cy"], cy);
        }
        // A theme without the words, or none read: the terminal's English.
        assert_eq!(
            PreviewWords::fallback().counts(1, 2)["en"],
            "1 error (and 2 warnings)"
        );
    }

    #[test]
    fn escapes_what_html_reads() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
