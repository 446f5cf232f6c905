//! `site.toml`: the site's languages, base URLs, output folder, theme and status
//! thresholds. Unknown keys are errors, so a misspelling is caught, not ignored.

use crate::diagnostics::{Diagnostic, line_col};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: Option<String>,
    #[serde(default = "default_output")]
    output: PathBuf,
    #[serde(default = "default_theme")]
    theme: String,
    default_language: String,
    languages: Vec<RawLanguage>,
    #[serde(default)]
    status: Thresholds,
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
    code: String,
    name: String,
    title: String,
    description: String,
    base_url: Option<String>,
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
    /// Include drafts.
    pub drafts: bool,
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

impl Config {
    /// Reads and validates `ROOT/site.toml`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::in_file(
                CONFIG_FILE,
                format!("cannot read the site configuration: {e}"),
            )
            .help(format!(
                "run dangos in the site folder (the one holding {CONFIG_FILE}), or pass --root DIR"
            ))
        })?;
        Config::parse(root, &text, overrides)
    }

    /// Validates the text of a `site.toml`.
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let d = Diagnostic::in_file(CONFIG_FILE, e.message().trim().to_string());
            match e.span() {
                Some(span) => {
                    let (line, col) = line_col(text, span.start);
                    d.at(Some(text), line, Some(col))
                }
                None => d,
            }
        })?;
        let err =
            |needle: &str, msg: String| Diagnostic::in_file(CONFIG_FILE, msg).at_text(text, needle);

        if raw.languages.is_empty() {
            return Err(err(
                "languages",
                "no languages: add a [[languages]] table for each".into(),
            ));
        }
        let default = raw
            .languages
            .iter()
            .position(|l| l.code == raw.default_language)
            .ok_or_else(|| {
                err(
                    "default_language",
                    format!(
                        "default_language `{}` is not one of the [[languages]] codes ({})",
                        raw.default_language,
                        raw.languages
                            .iter()
                            .map(|l| l.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;
        for (i, l) in raw.languages.iter().enumerate() {
            if l.code.parse::<unic_langid::LanguageIdentifier>().is_err() || l.code.contains('.') {
                return Err(err(
                    &l.code,
                    format!("`{}` is not a language code such as `en` or `cy`", l.code),
                ));
            }
            if raw.languages[..i].iter().any(|o| o.code == l.code) {
                return Err(err(
                    &l.code,
                    format!("language `{}` is listed twice", l.code),
                ));
            }
        }
        if !(raw.status.close_within >= 0.0 && raw.status.close_within.is_finite()) {
            return Err(err(
                "close_within",
                "status.close_within must be a number of 0 or more".into(),
            ));
        }

        let override_base = overrides.base_url.as_deref();
        let shared = match override_base.or(raw.base_url.as_deref()) {
            Some(url) => Some(BaseUrl::parse(url).map_err(|m| err("base_url", m))?),
            None => None,
        };
        let mut languages = Vec::new();
        let per_language =
            override_base.is_none() && raw.languages.iter().any(|l| l.base_url.is_some());
        for l in raw.languages {
            let root_url = if per_language {
                let url = l.base_url.as_deref().ok_or_else(|| {
                    err(
                        &l.code,
                        format!(
                            "language `{}` has no base_url, but another language has one",
                            l.code
                        ),
                    )
                    .help("give every language a base_url, or none and one top-level base_url")
                })?;
                BaseUrl::parse(url).map_err(|m| err(url, m))?
            } else {
                let base = shared.clone().ok_or_else(|| {
                    Diagnostic::in_file(CONFIG_FILE, "no base_url")
                        .help("add `base_url = \"https://www.example.gov.uk/performance/\"` (or a base_url per language)")
                })?;
                base.join(&format!("{}/", l.code))
            };
            languages.push(Language {
                code: l.code,
                name: l.name,
                title: l.title,
                description: l.description,
                root: root_url,
            });
        }
        let output = overrides.output.clone().unwrap_or(raw.output);
        Ok(Config {
            root: root.to_path_buf(),
            default,
            shared_base: if per_language { None } else { shared },
            output: root.join(output),
            theme_dir: root.join("themes").join(&raw.theme),
            languages,
            status: raw.status,
            drafts: overrides.drafts,
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

    const OK: &str = r#"
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
