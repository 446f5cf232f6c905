//! The publisher's details in `site.toml`: the licence of the figures, who to
//! contact, and the organisation's logo, each with words per language.

use crate::diagnostics::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Words or an address in each language, by language code.
type PerLanguage = Spanned<BTreeMap<String, Spanned<String>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLicence {
    name: PerLanguage,
    url: PerLanguage,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContact {
    team: PerLanguage,
    email: Option<Spanned<String>>,
    telephone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLogo {
    file: Spanned<String>,
    alt: PerLanguage,
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

/// The licence, contact and logo, each if given.
pub(super) type Publisher = (Option<Licence>, Option<Contact>, Option<Logo>);

/// The `[licence]`, `[contact]` and `[logo]` tables, checked; `langs_codes` are the
/// site's language codes, in order, and `err` makes a diagnostic at a span of
/// `site.toml`.
pub(super) fn read(
    root: &Path,
    langs_codes: &[String],
    licence: Option<&RawLicence>,
    contact: Option<&RawContact>,
    logo: Option<&RawLogo>,
    err: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Result<Publisher, Diagnostic> {
    let tables = Tables {
        root,
        langs_codes,
        err,
    };
    let licence = licence.map(|l| tables.licence(l)).transpose()?;
    let contact = contact.map(|c| tables.contact(c)).transpose()?;
    let logo = logo.map(|l| tables.logo(l)).transpose()?;
    Ok((licence, contact, logo))
}

/// What the publisher's tables are checked against.
struct Tables<'a> {
    root: &'a Path,
    langs_codes: &'a [String],
    err: &'a dyn Fn(Range<usize>, String) -> Diagnostic,
}

impl Tables<'_> {
    /// Words per language: every language of the site, and no other.
    fn in_each_language(&self, map: &PerLanguage, what: &str) -> Result<Vec<String>, Diagnostic> {
        let (err, langs_codes) = (self.err, self.langs_codes);
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
    }

    /// `[licence]`: a name and a web address in each language.
    fn licence(&self, l: &RawLicence) -> Result<Licence, Diagnostic> {
        let url = self.in_each_language(&l.url, "licence.url")?;
        for (u, v) in url.iter().zip(l.url.get_ref().values()) {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                return Err((self.err)(
                    v.span(),
                    format!("licence.url `{u}` is not a web address"),
                )
                .help("give the address of the licence's page, starting with https://"));
            }
        }
        Ok(Licence {
            name: self.in_each_language(&l.name, "licence.name")?,
            url,
        })
    }

    /// `[contact]`: a team in each language, and an email address or telephone
    /// number that look like one.
    fn contact(&self, c: &RawContact) -> Result<Contact, Diagnostic> {
        let err = self.err;
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
        Ok(Contact {
            team: self.in_each_language(&c.team, "contact.team")?,
            email: c.email.as_ref().map(|e| e.get_ref().trim().to_string()),
            telephone: c.telephone.as_ref().map(|t| t.get_ref().trim().to_string()),
        })
    }

    /// `[logo]`: a file in the site's `static/` folder, and its text alternative in
    /// each language.
    fn logo(&self, l: &RawLogo) -> Result<Logo, Diagnostic> {
        let err = self.err;
        let file = l.file.get_ref().trim().trim_start_matches('/');
        let bad = file.is_empty()
            || file.contains('\\')
            || file
                .split('/')
                .any(|part| part == ".." || part == "." || part.is_empty());
        if bad {
            return Err(err(
                l.file.span(),
                format!("logo.file `{file}` is not a file in the site's static/ folder"),
            )
            .help(
                "put the image in static/ and give its name there, such as `file = \"logo.svg\"`",
            ));
        }
        if !self.root.join("static").join(file).is_file() {
            return Err(err(
                l.file.span(),
                format!("logo.file: there is no file static/{file}"),
            )
            .help(
                "put the image in the site's static/ folder (beside content/), or correct its name",
            ));
        }
        Ok(Logo {
            file: file.to_string(),
            alt: self.in_each_language(&l.alt, "logo.alt")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::OK;

    #[test]
    fn licence_contact_and_logo_are_read_per_language_and_checked() {
        let c = crate::config::Config::parse(
            std::path::Path::new("/s"),
            OK,
            &crate::config::Overrides::default(),
        )
        .unwrap();
        assert!(c.licence.is_none() && c.contact.is_none() && c.logo.is_none());
        let text = format!(
            "{OK}[contact]\nteam = {{ en = \"Team\", cy = \"Tîm\" }}\nemail = \"a@b.example\"\ntelephone = \"+44 29 2087 2087\"\n"
        );
        let c = crate::config::Config::parse(
            std::path::Path::new("/s"),
            &text,
            &crate::config::Overrides::default(),
        )
        .unwrap();
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
            let e = crate::config::Config::parse(
                std::path::Path::new("/s"),
                &text.replace(bad, says),
                &crate::config::Overrides::default(),
            )
            .unwrap_err();
            assert!(e.line.is_some_and(|l| l > 13), "{e}");
        }
        let logo = format!("{OK}[logo]\nfile = \"logo.svg\"\nalt = {{ en = \"A\", cy = \"B\" }}\n");
        let e = crate::config::Config::parse(
            std::path::Path::new("/no/such/site"),
            &logo,
            &crate::config::Overrides::default(),
        )
        .unwrap_err();
        assert!(e.message.contains("no file static/logo.svg"), "{e}");
        let e = crate::config::Config::parse(
            std::path::Path::new("/s"),
            &logo.replace("logo.svg", "../x.svg"),
            &crate::config::Overrides::default(),
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("not a file in the site's static/ folder"),
            "{e}"
        );
    }
}
