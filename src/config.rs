//! `site.toml`: the site's languages, base URLs, output folder, theme and status
//! thresholds. Unknown keys are errors, so a misspelling is caught, not ignored.

use crate::diagnostics::{Code, Diagnostic, explain_toml, line_col};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.toml";

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
    licence: Option<RawLicence>,
    contact: Option<RawContact>,
    logo: Option<RawLogo>,
}

/// Words or an address in each language, by language code.
type PerLanguage = Spanned<BTreeMap<String, Spanned<String>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLicence {
    name: PerLanguage,
    url: PerLanguage,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    team: PerLanguage,
    email: Option<Spanned<String>>,
    telephone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogo {
    file: Spanned<String>,
    alt: PerLanguage,
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

/// The licence the site's figures are published under, per language index.
#[derive(Debug, Clone, PartialEq)]
pub struct Licence {
    /// Its name in each language.
    pub name: Vec<String>,
    /// Its page in each language.
    pub url: Vec<String>,
}

/// Who readers can ask about the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The team's name in each language.
    pub team: Vec<String>,
    /// An email address.
    pub email: Option<String>,
    /// A telephone number, as written for people.
    pub telephone: Option<String>,
}

impl Contact {
    /// The number for a `tel:` link: its digits (and a leading `+`) alone.
    pub fn telephone_uri(&self) -> Option<String> {
        let t = self.telephone.as_deref()?.trim();
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        Some(format!(
            "tel:{}{digits}",
            if t.starts_with('+') { "+" } else { "" }
        ))
    }
}

/// The organisation's logo, shown in every page's header.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The image, relative to the site's `static/` folder (which is copied to the
    /// output's `static/`).
    pub file: String,
    /// Its text alternative in each language: the organisation's name.
    pub alt: Vec<String>,
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
            let (code, message, help, _, at) = explain_toml(&e, text, CONFIG_SYNTAX_HELP);
            let d = Diagnostic::in_file(CONFIG_FILE, message)
                .with_code(if code == Code::InvalidValue {
                    Code::Config
                } else {
                    code
                })
                .help(help);
            match at {
                Some((line, col)) => d.at(Some(text), line, Some(col)),
                None => d,
            }
        })?;
        // A problem at the value the parser read at `span`.
        let err = |span: std::ops::Range<usize>, msg: String| {
            let (line, col) = line_col(text, span.start);
            Diagnostic::in_file(CONFIG_FILE, msg).at(Some(text), line, Some(col))
        };

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
        let default = raw
            .languages
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
            })?;
        let langs = raw.languages.get_ref();
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

        let override_base = overrides.base_url.as_deref();
        let shared = match (override_base, &raw.base_url) {
            (Some(url), _) => Some(BaseUrl::parse(url).map_err(|m| {
                Diagnostic::new(format!("--base-url: {m}"))
                    .with_code(Code::Config)
                    .help(BASE_URL_HELP)
            })?),
            (None, Some(url)) => Some(
                BaseUrl::parse(url.get_ref())
                    .map_err(|m| err(url.span(), m).help(BASE_URL_HELP))?,
            ),
            (None, None) => None,
        };
        let langs_codes: Vec<String> = langs.iter().map(|l| l.code.get_ref().clone()).collect();
        let mut languages = Vec::new();
        let per_language = override_base.is_none() && langs.iter().any(|l| l.base_url.is_some());
        for l in raw.languages.into_inner() {
            let root_url = if per_language {
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
                BaseUrl::parse(url.get_ref()).map_err(|m| err(url.span(), m).help(BASE_URL_HELP))?
            } else {
                let base = shared.clone().ok_or_else(|| {
                    Diagnostic::in_file(CONFIG_FILE, "no base_url")
                        .help("add `base_url = \"https://www.example.gov.uk/performance/\"` (or a base_url per language)")
                })?;
                base.join(&format!("{}/", l.code.get_ref()))
            };
            languages.push(Language {
                code: l.code.into_inner(),
                name: l.name,
                title: l.title,
                description: l.description,
                root: root_url,
            });
        }
        // Words per language: every language of the site, and no other.
        let in_each_language = |map: &PerLanguage, what: &str| -> Result<Vec<String>, Diagnostic> {
            if let Some((code, _)) = map
                .get_ref()
                .iter()
                .find(|(code, _)| !langs_codes.contains(code))
            {
                let v = &map.get_ref()[code];
                return Err(err(
                    v.span(),
                    format!(
                        "{what}: `{code}` is not one of the [[languages]] codes ({})",
                        langs_codes.join(", ")
                    ),
                )
                .help(format!(
                    "give {what} for each of {}",
                    langs_codes.join(", ")
                )));
            }
            langs_codes
                .iter()
                .map(|code| match map.get_ref().get(code) {
                    Some(v) if !v.get_ref().trim().is_empty() => Ok(v.get_ref().trim().to_string()),
                    _ => Err(err(
                        map.span(),
                        format!("{what} has nothing for language `{code}`"),
                    )
                    .help(format!(
                        "give {what} in every language, such as `{code} = \"…\"`"
                    ))),
                })
                .collect()
        };
        let licence = match &raw.licence {
            Some(l) => {
                let url = in_each_language(&l.url, "licence.url")?;
                for (u, v) in url.iter().zip(l.url.get_ref().values()) {
                    if !(u.starts_with("https://") || u.starts_with("http://")) {
                        return Err(err(
                            v.span(),
                            format!("licence.url `{u}` is not a web address"),
                        )
                        .help("give the address of the licence's page, starting with https://"));
                    }
                }
                Some(Licence {
                    name: in_each_language(&l.name, "licence.name")?,
                    url,
                })
            }
            None => None,
        };
        let contact = match &raw.contact {
            Some(c) => {
                if let Some(e) = &c.email {
                    let e_ = e.get_ref().trim();
                    if !e_.contains('@') || e_.contains(char::is_whitespace) || e_.contains(':') {
                        return Err(err(
                            e.span(),
                            format!("contact.email `{e_}` is not an email address"),
                        )
                        .help("give an address such as `performance@example.gov.uk`"));
                    }
                }
                if let Some(t) = &c.telephone {
                    let t_ = t.get_ref();
                    let digits = t_.chars().filter(char::is_ascii_digit).count();
                    if digits < 3
                        || t_
                            .chars()
                            .any(|ch| !(ch.is_ascii_digit() || " +-().".contains(ch)))
                    {
                        return Err(err(t.span(), format!("contact.telephone `{t_}` is not a telephone number"))
                            .help("give the number as people dial it, such as `029 2087 2087` or `+44 29 2087 2087`"));
                    }
                }
                Some(Contact {
                    team: in_each_language(&c.team, "contact.team")?,
                    email: c.email.as_ref().map(|e| e.get_ref().trim().to_string()),
                    telephone: c.telephone.as_ref().map(|t| t.get_ref().trim().to_string()),
                })
            }
            None => None,
        };
        let logo = match &raw.logo {
            Some(l) => {
                let file = l.file.get_ref().trim().trim_start_matches('/');
                let bad = file.is_empty()
                    || file.contains('\\')
                    || file
                        .split('/')
                        .any(|part| part == ".." || part == "." || part.is_empty());
                if bad {
                    return Err(err(l.file.span(), format!("logo.file `{file}` is not a file in the site's static/ folder"))
                        .help("put the image in static/ and give its name there, such as `file = \"logo.svg\"`"));
                }
                if !root.join("static").join(file).is_file() {
                    return Err(err(l.file.span(), format!("logo.file: there is no file static/{file}"))
                        .help("put the image in the site's static/ folder (beside content/), or correct its name"));
                }
                Some(Logo {
                    file: file.to_string(),
                    alt: in_each_language(&l.alt, "logo.alt")?,
                })
            }
            None => None,
        };
        let output = overrides.output.clone().unwrap_or(raw.output);
        Ok(Config {
            root: root.to_path_buf(),
            default,
            shared_base: if per_language { None } else { shared },
            output: root.join(output),
            theme_dir: root.join("themes").join(&raw.theme),
            languages,
            status,
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
    fn licence_contact_and_logo_are_read_per_language_and_checked() {
        let c = Config::parse(Path::new("/s"), OK, &Overrides::default()).unwrap();
        assert!(c.licence.is_none() && c.contact.is_none() && c.logo.is_none());
        let text = format!(
            "{OK}[contact]\nteam = {{ en = \"Team\", cy = \"Tîm\" }}\nemail = \"a@b.example\"\ntelephone = \"+44 29 2087 2087\"\n"
        );
        let c = Config::parse(Path::new("/s"), &text, &Overrides::default()).unwrap();
        let contact = c.contact.unwrap();
        assert_eq!(
            contact.team,
            ["Tîm", "Team"],
            "in the order of [[languages]]"
        );
        assert_eq!(contact.telephone_uri().unwrap(), "tel:+442920872087");
        for (bad, says) in [
            ("email = \"a@b.example\"", "email = \"not an address\""),
            (
                "telephone = \"+44 29 2087 2087\"",
                "telephone = \"ring us\"",
            ),
            ("cy = \"Tîm\"", "fr = \"Équipe\""),
        ] {
            let e = Config::parse(
                Path::new("/s"),
                &text.replace(bad, says),
                &Overrides::default(),
            )
            .unwrap_err();
            assert!(e.line.is_some_and(|l| l > 13), "{e}");
        }
        let logo = format!("{OK}[logo]\nfile = \"logo.svg\"\nalt = {{ en = \"A\", cy = \"B\" }}\n");
        let e =
            Config::parse(Path::new("/no/such/site"), &logo, &Overrides::default()).unwrap_err();
        assert!(e.message.contains("no file static/logo.svg"), "{e}");
        let e = Config::parse(
            Path::new("/s"),
            &logo.replace("logo.svg", "../x.svg"),
            &Overrides::default(),
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("not a file in the site's static/ folder"),
            "{e}"
        );
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
