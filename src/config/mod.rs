//! `site.toml`: the site's languages, base URLs, output folder, theme and status
//! thresholds. Unknown keys are errors, so a misspelling is caught, not ignored.

use crate::diagnostics::{Code, Diagnostic, explain_toml, line_col};
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.toml";

mod publisher;

pub use publisher::{Contact, Licence, Logo};

const CONFIG_SYNTAX_HELP: &str = "site.toml could not be read: look at the line shown for a missing `=`, words not in quotes (`title = \"Performance\"`), or a `[` not closed";

const BASE_URL_HELP: &str =
    "give the address the site is published at, such as `https://www.example.gov.uk/performance/`";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: Option<Spanned<String>>,
    #[serde(default = "default_output")]
    output: PathBuf,
    #[serde(default = "default_theme")]
    theme: String,
    default_language: Spanned<String>,
    languages: Spanned<Vec<RawLanguage>>,
    status: Option<Spanned<Thresholds>>,
    travel: Option<Spanned<Travel>>,
    licence: Option<publisher::RawLicence>,
    contact: Option<publisher::RawContact>,
    logo: Option<publisher::RawLogo>,
}

fn default_output() -> PathBuf {
    PathBuf::from("public")
}

fn default_theme() -> String {
    "default".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: Spanned<String>,
    name: String,
    title: String,
    description: String,
    base_url: Option<Spanned<String>>,
}

/// How far from its target a value may be and still count as close.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// A value on the wrong side of its target by at most this percentage of the
    /// target is "close to target"; further away it is "off target".
    pub close_within: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { close_within: 5.0 }
    }
}

/// When a change between two periods counts as no change (direction of travel).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Travel {
    /// A figure that differs from the earlier one by at most this percentage of the
    /// earlier figure is "unchanged". 0: only figures equal as published.
    #[serde(default)]
    pub unchanged_within: f64,
}

/// One language of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// BCP 47 code, also the file suffix (`cy` in `fam-kpi-01.cy.md`).
    pub code: String,
    /// The language's name in itself ("Cymraeg"), used on the language toggle.
    pub name: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// Where this language's pages are published.
    pub root: BaseUrl,
}

/// A base URL split into origin (`https://example.gov.uk`, possibly empty) and
/// path (`/performance/`, always starting and ending with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host, or empty for a path-only base.
    pub origin: String,
    /// Path, starting and ending with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/path/`, `https://host` or `/path/`.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let url = url.trim();
        let (origin, path) = if let Some(idx) = url.find("://") {
            let after = &url[idx + 3..];
            let host_end = after.find('/').unwrap_or(after.len());
            if host_end == 0 {
                return Err(format!("`{url}` has no host name"));
            }
            (&url[..idx + 3 + host_end], &after[host_end..])
        } else if url.starts_with('/') {
            ("", url)
        } else {
            return Err(format!(
                "`{url}` is not a base URL: expected `https://www.example.gov.uk/performance/` or a path such as `/performance/`"
            ));
        };
        if path.contains(['?', '#']) {
            return Err(format!("`{url}` must not have a query or fragment"));
        }
        let mut path = if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        };
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: origin.to_string(),
            path,
        })
    }

    /// This base joined with a site path such as `reports/2019-20-q2/`.
    pub fn join(&self, rel: &str) -> BaseUrl {
        BaseUrl {
            origin: self.origin.clone(),
            path: format!("{}{rel}", self.path),
        }
    }

    /// The full URL (or the path, for a path-only base).
    pub fn full(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }
}

/// The validated configuration of a site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Languages in the order `site.toml` lists them (the order of bilingual pages).
    pub languages: Vec<Language>,
    /// Index into `languages` of the default language (whose files hold the figures).
    pub default: usize,
    /// True when every language shares one base URL (`/en/`, `/cy/` under it).
    pub shared_base: Option<BaseUrl>,
    /// Output folder, absolute.
    pub output: PathBuf,
    /// Theme folder, absolute.
    pub theme_dir: PathBuf,
    /// Status thresholds.
    pub status: Thresholds,
    /// Direction-of-travel tolerance.
    pub travel: Travel,
    /// Include drafts.
    pub drafts: bool,
    /// The licence, or `None` for the theme's default (the Open Government Licence).
    pub licence: Option<Licence>,
    /// Who to contact, if given.
    pub contact: Option<Contact>,
    /// The organisation's logo, if given.
    pub logo: Option<Logo>,
}

/// Command-line overrides of `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--output`.
    pub output: Option<PathBuf>,
    /// `--base-url`: replaces every base URL, with one folder per language under it.
    pub base_url: Option<String>,
    /// `--drafts`.
    pub drafts: bool,
}

/// A `site.toml` that is not TOML, or not of the expected shape.
fn syntax_error(e: &toml::de::Error, text: &str) -> Diagnostic {
    let (code, message, help, _, at) = explain_toml::<RawConfig>(e, text, CONFIG_SYNTAX_HELP);
    let d = Diagnostic::in_file(
        if code == Code::InvalidValue {
            Code::Config
        } else {
            code
        },
        CONFIG_FILE,
        message,
    )
    .help(help);
    match at {
        Some((line, col)) => d.at(Some(text), line, Some(col)),
        None => d,
    }
}

/// A problem at the value the parser read at `span` of `text`.
fn at_value(text: &str, span: Range<usize>, msg: String) -> Diagnostic {
    let (line, col) = line_col(text, span.start);
    Diagnostic::in_file(Code::Config, CONFIG_FILE, msg).at(Some(text), line, Some(col))
}

/// The index of the default language among the `[[languages]]`.
fn default_language(
    raw: &RawConfig,
    err: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Result<usize, Diagnostic> {
    if raw.languages.get_ref().is_empty() {
        return Err(err(
            raw.languages.span(),
            "no languages: add a [[languages]] table for each".into(),
        )
        .help("see README § site.toml reference for a [[languages]] table"));
    }
    let codes = || {
        raw.languages
            .get_ref()
            .iter()
            .map(|l| l.code.get_ref().as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    raw.languages
        .get_ref()
        .iter()
        .position(|l| l.code.get_ref() == raw.default_language.get_ref())
        .ok_or_else(|| {
            err(
                raw.default_language.span(),
                format!(
                    "default_language `{}` is not one of the [[languages]] codes ({})",
                    raw.default_language.get_ref(),
                    codes()
                ),
            )
            .help(format!("set default_language to one of {}", codes()))
        })
}

/// Each language's code is a language code, and listed once.
fn check_codes(
    langs: &[RawLanguage],
    err: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Result<(), Diagnostic> {
    for (i, l) in langs.iter().enumerate() {
        let code = l.code.get_ref();
        if code.parse::<unic_langid::LanguageIdentifier>().is_err() || code.contains('.') {
            return Err(err(
                l.code.span(),
                format!("`{code}` is not a language code such as `en` or `cy`"),
            )
            .help(
                "use the language's two-letter code (BCP 47): `cy` for Welsh, `en` for English",
            ));
        }
        if langs[..i].iter().any(|o| o.code.get_ref() == code) {
            return Err(
                err(l.code.span(), format!("language `{code}` is listed twice"))
                    .help("keep one [[languages]] table for each language"),
            );
        }
    }
    Ok(())
}

/// The `[status]` and `[travel]` tolerances, each a finite percentage of 0 or more.
fn tolerances(
    raw: &RawConfig,
    err: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Result<(Thresholds, Travel), Diagnostic> {
    let status = raw
        .status
        .as_ref()
        .map(|s| *s.get_ref())
        .unwrap_or_default();
    if !(status.close_within >= 0.0 && status.close_within.is_finite()) {
        return Err(err(
            raw.status.as_ref().map_or(0..0, |s| s.span()),
            "status.close_within must be a number of 0 or more".into(),
        )
        .help("give a percentage of the target, such as `close_within = 5.0`"));
    }
    let travel = raw
        .travel
        .as_ref()
        .map(|t| *t.get_ref())
        .unwrap_or_default();
    if !(travel.unchanged_within >= 0.0 && travel.unchanged_within.is_finite()) {
        return Err(err(
            raw.travel.as_ref().map_or(0..0, |t| t.span()),
            "travel.unchanged_within must be a number of 0 or more".into(),
        )
        .help("give a percentage of the earlier figure, such as `unchanged_within = 1.0`, or 0 for figures equal as published"));
    }
    Ok((status, travel))
}

/// The base URL every language shares, if there is one: `--base-url`, or the
/// top-level `base_url`.
fn shared_base(
    overridden: Option<&str>,
    written: Option<&Spanned<String>>,
    err: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Result<Option<BaseUrl>, Diagnostic> {
    Ok(match (overridden, written) {
        (Some(url), _) => Some(BaseUrl::parse(url).map_err(|m| {
            Diagnostic::new(Code::Config, format!("--base-url: {m}")).help(BASE_URL_HELP)
        })?),
        (None, Some(url)) => Some(
            BaseUrl::parse(url.get_ref()).map_err(|m| err(url.span(), m).help(BASE_URL_HELP))?,
        ),
        (None, None) => None,
    })
}

/// A language's own base URL, when languages have their own.
fn own_base(
    l: &RawLanguage,
    err: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Result<BaseUrl, Diagnostic> {
    let url = l.base_url.as_ref().ok_or_else(|| {
        err(
            l.code.span(),
            format!(
                "language `{}` has no base_url, but another language has one",
                l.code.get_ref()
            ),
        )
        .help("give every language a base_url, or none and one top-level base_url")
    })?;
    BaseUrl::parse(url.get_ref()).map_err(|m| err(url.span(), m).help(BASE_URL_HELP))
}

/// A language's base URL under the shared one: its code's folder.
fn under_shared_base(shared: Option<&BaseUrl>, code: &str) -> Result<BaseUrl, Diagnostic> {
    let base = shared.ok_or_else(|| {
        Diagnostic::in_file(Code::Config, CONFIG_FILE, "no base_url")
            .help("add `base_url = \"https://www.example.gov.uk/performance/\"` (or a base_url per language)")
    })?;
    Ok(base.join(&format!("{code}/")))
}

impl Config {
    /// The output folder of language `lang`: every language has its own folder, so a
    /// site with one domain per language publishes each folder at its own domain's
    /// base path.
    pub fn language_dir(&self, lang: usize) -> PathBuf {
        PathBuf::from(&self.languages[lang].code)
    }

    /// Reads and validates `ROOT/site.toml`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::in_file(
                Code::Config,
                CONFIG_FILE,
                format!("cannot read the site configuration: {e}"),
            )
            .help(format!(
                "run dangos in the site folder (the one holding {CONFIG_FILE}), or pass --root DIR"
            ))
        })?;
        Config::parse(root, &text, overrides)
    }

    /// Validates the text of a `site.toml`. Each section is checked in turn, and the
    /// first problem is reported.
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| syntax_error(&e, text))?;
        let err = |span: Range<usize>, msg: String| at_value(text, span, msg);
        let default = default_language(&raw, &err)?;
        check_codes(raw.languages.get_ref(), &err)?;
        let (status, travel) = tolerances(&raw, &err)?;
        let override_base = overrides.base_url.as_deref();
        let shared = shared_base(override_base, raw.base_url.as_ref(), &err)?;
        let langs_codes: Vec<String> = raw
            .languages
            .get_ref()
            .iter()
            .map(|l| l.code.get_ref().clone())
            .collect();
        let per_language =
            override_base.is_none() && raw.languages.get_ref().iter().any(|l| l.base_url.is_some());
        let mut languages = Vec::new();
        for l in raw.languages.into_inner() {
            let root_url = match per_language {
                true => own_base(&l, &err)?,
                false => under_shared_base(shared.as_ref(), l.code.get_ref())?,
            };
            languages.push(Language {
                code: l.code.into_inner(),
                name: l.name,
                // Typeset as the pages' own words are (see `typography`).
                title: crate::typography::smart_quotes(&l.title).into_owned(),
                description: crate::typography::smart_quotes(&l.description).into_owned(),
                root: root_url,
            });
        }
        let (licence, contact, logo) = publisher::read(
            root,
            &langs_codes,
            raw.licence.as_ref(),
            raw.contact.as_ref(),
            raw.logo.as_ref(),
            &err,
        )?;
        let output = overrides.output.clone().unwrap_or(raw.output);
        Ok(Config {
            root: root.to_path_buf(),
            default,
            shared_base: if per_language { None } else { shared },
            output: root.join(output),
            theme_dir: root.join("themes").join(&raw.theme),
            languages,
            status,
            travel,
            drafts: overrides.drafts,
            licence,
            contact,
            logo,
        })
    }

    /// The default language.
    pub fn default_language(&self) -> &Language {
        &self.languages[self.default]
    }

    /// The index of the language with this code.
    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const OK: &str = r#"
base_url = "https://example.gov.uk/performance"
default_language = "en"
[[languages]]
code = "cy"
name = "Cymraeg"
title = "T"
description = "D"
[[languages]]
code = "en"
name = "English"
title = "T"
description = "D"
"#;

    #[test]
    fn reads_a_shared_base_url() {
        let c = Config::parse(Path::new("/site"), OK, &Overrides::default()).unwrap();
        assert_eq!(c.default_language().code, "en");
        assert_eq!(
            c.languages[0].root.full(),
            "https://example.gov.uk/performance/cy/"
        );
        assert_eq!(c.output, Path::new("/site/public"));
    }

    #[test]
    fn unknown_keys_name_the_key_and_line() {
        let text = OK.replace("default_language", "defualt_language");
        let e = Config::parse(Path::new("/s"), &text, &Overrides::default()).unwrap_err();
        assert!(e.message.contains("defualt_language"), "{e}");
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn base_url_override_replaces_per_language_urls() {
        let text = OK
            .replace(
                "name = \"Cymraeg\"",
                "name = \"Cymraeg\"\nbase_url = \"https://cy.example/\"",
            )
            .replace(
                "name = \"English\"",
                "name = \"English\"\nbase_url = \"https://en.example/\"",
            );
        let c = Config::parse(Path::new("/s"), &text, &Overrides::default()).unwrap();
        assert_eq!(c.languages[0].root.full(), "https://cy.example/");
        assert!(c.shared_base.is_none());
        let o = Overrides {
            base_url: Some("/preview/".into()),
            ..Default::default()
        };
        let c = Config::parse(Path::new("/s"), &text, &o).unwrap();
        assert_eq!(c.languages[1].root.full(), "/preview/en/");
    }
}
