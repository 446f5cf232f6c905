//! The index of all indicators, each with its latest figure, grouped: by `theme`
//! when indicators have one, otherwise by the section of the latest report that
//! lists them; in title order within a group, and "Other indicators" last.

use crate::diagnostics::Diagnostic;
use crate::render::renderer::Renderer;
use crate::render::ser;
use rustc_hash::FxHashMap;

impl Renderer<'_> {
    /// The indicators page's title and its own part of the context.
    pub(super) fn indicators_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let groups = self
            .indicator_groups()
            .into_iter()
            .map(|(title, mut members)| {
                // Title order, ignoring case (dangos has no Welsh collation: `ch`
                // sorts as `c` then `h`).
                members.sort_by_cached_key(|&i| {
                    (site.indicators[i].text[self.lang].title.to_lowercase(), i)
                });
                let rows = members
                    .into_iter()
                    .map(|i| self.indicator_row(i, site.indicators[i].latest(), false))
                    .collect::<Result<Vec<_>, _>>()?;
                let title = match title {
                    Some(t) => t,
                    None => self.t("indicators-other", &[])?,
                };
                Ok(minijinja::context! { title => title, indicators => ser(&rows) })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        Ok((
            self.t("indicators-title", &[])?,
            minijinja::context! { groups => groups, count => site.indicators.len() },
        ))
    }

    /// The groups, in order, each with its title (`None`: "Other indicators") and
    /// its indicators. Groups of the same title (a section in two reports) are one.
    fn indicator_groups(&self) -> Vec<(Option<String>, Vec<usize>)> {
        let site = self.site;
        let lang = self.lang;
        let by_theme = site.indicators.iter().any(|i| i.text[lang].theme.is_some());
        let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        let mut index: FxHashMap<Option<String>, usize> = FxHashMap::default();
        let mut add = |title: Option<String>, i: usize| {
            let g = *index.entry(title.clone()).or_insert_with(|| {
                groups.push((title, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i);
        };
        let mut other = Vec::new();
        if by_theme {
            // Themes in title order.
            let mut themed: Vec<(&str, usize)> = Vec::new();
            for (i, ind) in site.indicators.iter().enumerate() {
                match &ind.text[lang].theme {
                    Some(t) => themed.push((t, i)),
                    None => other.push(i),
                }
            }
            themed.sort_by_cached_key(|&(t, i)| (t.to_lowercase(), i));
            for (t, i) in themed {
                add(Some(t.to_string()), i);
            }
        } else {
            // The latest report's sections first, in its order; then older reports'.
            let mut placed = vec![None; site.indicators.len()];
            for (i, reports) in site.reports_of.iter().enumerate() {
                if let Some(&r) = reports.first() {
                    let s = site.reports[r]
                        .sections
                        .iter()
                        .position(|ids| ids.contains(&i))
                        .unwrap_or(0);
                    placed[i] = Some((r, s));
                }
            }
            let mut listed: Vec<(usize, usize, usize)> = placed
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.map(|(r, s)| (r, s, i)))
                .collect();
            listed.sort_unstable();
            for (r, s, i) in listed {
                add(Some(site.reports[r].text[lang].sections[s].0.clone()), i);
            }
            other.extend((0..site.indicators.len()).filter(|&i| placed[i].is_none()));
        }
        if !other.is_empty() {
            groups.push((None, other));
        }
        groups
    }
}
