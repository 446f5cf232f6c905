//! What Markdown may link to, and which heading attributes it may give: no script
//! from content. A link or image goes to an `http`, `https`, `mailto` or `tel`
//! address, a relative one (`data.csv`, `/en/`, `#figures`, `//host/path`) or a site
//! link (`@/indicators/ID.md`); anything else (`javascript:`, `vbscript:`, `data:`,
//! `file:`, any other scheme) is an `unsafe-link` error. A heading takes an id and
//! classes (`{#id .class}`) and nothing else: `{onfocus=...}` is an
//! `unsafe-attribute` error. The renderer checks both as it walks the Markdown's
//! events (so every command that renders, `build`, `check`, `import`, `serve`,
//! `watch`, refuses them alike), and never writes a heading attribute whatever it is
//! given.

use crate::diagnostics::{Code, Diagnostic};
use std::borrow::Cow;

/// The schemes a link may have.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What to do about a link to a refused address.
pub(super) const UNSAFE_LINK_HELP: &str = "link to an `http`, `https`, `mailto` or `tel` address, a relative one (`data.csv`, `#figures`), or a content file (`@/indicators/ID.md`); a page of this site can run no script";

/// What to do about a heading attribute.
pub(super) const UNSAFE_ATTRIBUTE_HELP: &str =
    "keep the id and classes, as in `{#figures .wide}`, and remove the rest";

/// Whether a link's address (as pulldown-cmark gives it: entities such as
/// `&#106;` already decoded) is one a page may hold. Decided on the address as a
/// browser would read its scheme, and more strictly: percent escapes decoded,
/// every space and control character removed (a browser drops tabs and newlines
/// anywhere, and spaces and controls at either end), letters folded to lower case.
/// Then a colon before the first `/`, `?` or `#` makes what precedes it the
/// scheme, which must be one of [`SCHEMES`]; with no such colon the address is
/// relative. (A relative address cannot hold a colon in its first part, so
/// `a:b.pdf` is read as a scheme too: write `./a:b.pdf`.)
pub fn is_safe_address(dest: &str) -> bool {
    let decoded: Cow<'_, str> = if dest.contains('%') {
        percent_encoding::percent_decode_str(dest).decode_utf8_lossy()
    } else {
        Cow::Borrowed(dest)
    };
    let mut scheme = String::new();
    for c in decoded.chars() {
        match c {
            '/' | '?' | '#' => return true,
            ':' => return SCHEMES.contains(&scheme.as_str()),
            c if c.is_whitespace() || c.is_control() => {}
            c => scheme.extend(c.to_lowercase()),
        }
    }
    true
}

/// The error for a link or image to `dest`: placed later, by [`super::locate_links`],
/// where it is written.
pub(super) fn unsafe_link(dest: &str) -> Diagnostic {
    Diagnostic::new(Code::UnsafeLink, format!(
        "the link `{}` is refused: a page may link only to http, https, mailto and tel addresses, relative ones, and content files",
        shown(dest)
    ))
    .help(UNSAFE_LINK_HELP)
    .about(dest)
}

/// The error for a heading's attributes other than its id and classes (`written`:
/// as [`attributes_text`] gives them), placed later where they are written.
pub(super) fn unsafe_attribute(written: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnsafeAttribute,
        format!(
            "the heading attribute `{}` is refused: a heading takes an id and classes only",
            shown(written)
        ),
    )
    .help(UNSAFE_ATTRIBUTE_HELP)
    .about(written)
}

/// A heading's attributes as they would read in `{...}`: `onfocus=alert(1) autofocus`.
pub(super) fn attributes_text(
    attrs: &[(
        pulldown_cmark::CowStr<'_>,
        Option<pulldown_cmark::CowStr<'_>>,
    )],
) -> String {
    let mut out = String::new();
    for (name, value) in attrs {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
        if let Some(v) = value {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// `s` for a message: control characters shown as escapes (a tab in a link is
/// part of the trick, and must not disappear from the message), and at most 80
/// characters (a `data:` address may run to megabytes).
fn shown(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_phone_and_relative_addresses_are_safe() {
        for ok in [
            "https://www.example.gov.uk/",
            "HTTP://example.com",
            "mailto:perfformiad@example.gov.uk",
            "tel:+442920872000",
            "data.csv",
            "./a:b.pdf",
            "/en/indicators/",
            "#figures",
            "?q=1:2",
            "//example.com/x",
            "",
            "report%20final.pdf",
            "someone@example.com",
        ] {
            assert!(is_safe_address(ok), "{ok}");
        }
    }

    #[test]
    fn script_and_other_schemes_are_refused_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "%6A%61vascript:alert(1)",
            "javascript%3Aalert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "livescript:alert(1)",
            "a:b.pdf",
            "java\u{200B}script:alert(1)",
        ] {
            assert!(!is_safe_address(bad), "{bad:?}");
        }
    }

    #[test]
    fn messages_show_control_characters_and_stay_short() {
        let d = unsafe_link("java\tscript:alert(1)");
        assert!(d.message.contains("java\\tscript:"), "{}", d.message);
        let long = format!("data:text/html,{}", "A".repeat(10_000));
        assert!(unsafe_link(&long).message.len() < 300);
        assert_eq!(unsafe_link(&long).written.as_deref(), Some(long.as_str()));
    }
}
