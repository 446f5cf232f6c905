//! `sitemap.xml`, with hreflang alternates.

use super::urls::{Links, OutputFile, PageId};
use crate::model::Site;
use std::path::PathBuf;

/// `sitemap.xml` with every page and its hreflang alternates: one at the shared base,
/// or one per language when each has its own base URL.
pub(super) fn sitemaps(site: &Site, pages: &[PageId]) -> Vec<OutputFile> {
    let config = &site.config;
    let links = Links { config };
    // A sitemap lists absolute URLs; a path-only base URL (a preview) has none.
    if config.languages.iter().any(|l| l.root.origin.is_empty()) {
        return Vec::new();
    }
    let groups: Vec<(PathBuf, Vec<usize>)> = match config.shared_base {
        Some(_) => vec![(
            PathBuf::from("sitemap.xml"),
            (0..config.languages.len()).collect(),
        )],
        None => (0..config.languages.len())
            .map(|l| (config.language_dir(l).join("sitemap.xml"), vec![l]))
            .collect(),
    };
    groups
        .into_iter()
        .map(|(path, langs)| {
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
            );
            for page in pages.iter().filter(|p| p.in_sitemap()) {
                let rel = page.path(site);
                for &lang in &langs {
                    xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", xml_escape(&links.absolute(lang, &rel))));
                    for (other, l) in config.languages.iter().enumerate() {
                        xml.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                            l.code,
                            xml_escape(&links.absolute(other, &rel))
                        ));
                    }
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>\n",
                        xml_escape(&links.absolute(config.default, &rel))
                    ));
                }
            }
            xml.push_str("</urlset>\n");
            (path, xml.into_bytes())
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
