//! An indicator's chart (drawn for wide pages and for phones), with its text
//! alternative and legend.

use crate::content::Unit;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::figures::{self, Rounded};
use crate::i18n::Arg;
use crate::model::{Indicator, Target};
use crate::period::Period;
use crate::render::chart;
use crate::render::renderer::Renderer;

impl Renderer<'_> {
    /// The period axis's words in language `lang`: each period in short ("Q2
    /// 2019-20"), and for `quarters`, each one's quarter ("Q2") and financial year.
    fn period_words(
        &self,
        lang: usize,
        periods: &[Period],
        quarters: bool,
    ) -> Result<chart::PeriodWords, Diagnostic> {
        let labels = periods
            .iter()
            .map(|&p| self.words.period(lang, p, true))
            .collect::<Result<Vec<_>, _>>()?;
        let quarters = if quarters {
            let t = |key: &str, args: &[(&str, Arg)]| {
                self.i18n
                    .t(lang, key, args)
                    .map_err(|m| crate::render::ui_strings_error(self.site, lang, m))
            };
            let words = (1..=4u8)
                .map(|q| {
                    t(
                        "chart-axis-quarter",
                        &[("quarter", Arg::Number(f64::from(q)))],
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut quarter = Vec::with_capacity(periods.len());
            let mut year: Vec<String> = Vec::with_capacity(periods.len());
            for (i, &p) in periods.iter().enumerate() {
                let q = usize::from(p.quarter.unwrap_or(1).clamp(1, 4));
                quarter.push(words[q - 1].clone());
                match year.last() {
                    Some(last) if periods[i - 1].year() == p.year() => year.push(last.clone()),
                    _ => year.push(self.words.period(lang, p.year(), true)?),
                }
            }
            Some(chart::Quarters { quarter, year })
        } else {
            None
        };
        Ok(chart::PeriodWords { labels, quarters })
    }

    /// The chart of an indicator's values against its targets, with its text
    /// alternative and legend, or `None` without values.
    /// Indicator `i`'s drawing is made once for every language (see
    /// [`chart::draw_shared`]).
    pub(super) fn chart(
        &self,
        i: usize,
        ind: &Indicator,
    ) -> Result<Option<minijinja::Value>, Diagnostic> {
        // From the first value to the last, with the periods in between that have no
        // value, so a gap shows as a gap.
        let periods = ind.periods_spanned();
        let Some(&latest) = periods.last() else {
            return Ok(None);
        };
        let (data, others) = self.chart_data(ind, &periods)?;
        let words = &ind.text[self.lang];
        // The image's name says "with the target" only when a target is drawn.
        let title_key = if data.targets.iter().any(Option::is_some) {
            "chart-title"
        } else {
            "chart-title-no-target"
        };
        let title = self.t(title_key, &[("title", Arg::Text(words.title.clone()))])?;
        let desc = self.chart_description(ind, latest)?;
        let cell = self.figures.charts.get(i);
        let drawn = chart::draw_shared(&data, &others, self.chart, cell)
            .map_err(|e| Diagnostic::new(Code::Internal, e))?;
        // A scale that does not start at zero is said in words under the chart.
        let scale_from = if drawn.axis.min > 0.0 {
            let from = self
                .shown()
                .with_unit(ind.unit, drawn.axis.tick(0))
                .map_err(|m| self.ui_error(m))?;
            Some(self.t("chart-scale-from", &[("value", Arg::Text(from))])?)
        } else {
            None
        };
        let notes = self.no_target_notes(ind, &periods)?;
        Ok(Some(minijinja::context! {
            wide => minijinja::Value::from_safe_string(drawn.wide),
            narrow => minijinja::Value::from_safe_string(drawn.narrow),
            title => title,
            description => desc,
            has_target => data.targets.iter().any(Option::is_some),
            notes => notes,
            scale_from => scale_from,
            bars => data.shape == chart::Shape::Bars,
        }))
    }

    /// What indicator `ind`'s chart over `periods` draws, in the page's language, and
    /// its period words in the other languages.
    fn chart_data(
        &self,
        ind: &Indicator,
        periods: &[Period],
    ) -> Result<(chart::ChartData, Vec<chart::PeriodWords>), Diagnostic> {
        let values: Vec<Option<f64>> = periods
            .iter()
            .map(|p| {
                ind.values
                    .get(p)
                    .map(|v| Rounded::value(*v, ind.decimals).to_f64())
            })
            .collect();
        let targets: Vec<Option<f64>> = periods
            .iter()
            .map(|&p| {
                ind.target_for(p)
                    .and_then(|t| figures::target(t, ind.decimals).value())
                    .map(Rounded::to_f64)
            })
            .collect();
        let quarters = periods.iter().all(|p| p.quarter.is_some());
        let words = self.period_words(self.lang, periods, quarters)?;
        // The same periods in the other languages, so every language's chart is
        // laid out alike and one drawing serves them all.
        let others = (0..self.site.config.languages.len())
            .filter(|&lang| lang != self.lang)
            .map(|lang| self.period_words(lang, periods, quarters))
            .collect::<Result<Vec<_>, _>>()?;
        let shape = chart::Shape::for_periods(periods.len());
        let unit_key = match ind.unit {
            Unit::Count => "chart-axis-count",
            Unit::Percent => "chart-axis-percent",
            Unit::Days => "chart-axis-days",
        };
        let data = chart::ChartData {
            words,
            values,
            targets,
            shape,
            from_zero: shape == chart::Shape::Bars,
            whole: ind.decimals == 0,
            ceiling: (ind.unit == Unit::Percent).then_some(100.0),
            unit: self.t(unit_key, &[])?,
            format: self.shown().format().clone(),
        };
        Ok((data, others))
    }

    /// The legend's notes, HTML beside the chart in the page's language: they name
    /// every year of the chart that has no target line, and why, one line per reason
    /// (a long history would otherwise list a line per year).
    fn no_target_notes(
        &self,
        ind: &Indicator,
        periods: &[Period],
    ) -> Result<Vec<String>, Diagnostic> {
        let mut years: Vec<Period> = periods.iter().map(|p| p.year()).collect();
        years.dedup();
        let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
        for year in years {
            let key = match ind.targets.get(&year) {
                Some(Target::Value(_)) => continue,
                Some(Target::NotAppropriate) => "chart-no-target-line-not-appropriate",
                Some(Target::NotStated) => "chart-no-target-line-not-stated",
                None => "chart-no-target-line",
            };
            match reasons.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(year.year_label()),
                None => reasons.push((key, vec![year.year_label()])),
            }
        }
        reasons
            .into_iter()
            .map(|(key, list)| self.t(key, &[("year", Arg::Text(list.join(", ")))]))
            .collect()
    }

    /// The chart's text alternative: the latest value, the change since the period
    /// before, the target, and the periods with no figure between two that have one,
    /// as whole sentences in the page's language.
    fn chart_description(&self, ind: &Indicator, latest: Period) -> Result<String, Diagnostic> {
        let mut sentences = vec![self.change_sentence(ind, latest)?];
        let year = ("year", Arg::Text(latest.year_label()));
        sentences.push(match ind.target_for(latest) {
            Some(Target::Value(t)) => self.t(
                "chart-desc-target",
                &[
                    year,
                    (
                        "target",
                        Arg::Text(self.target_text(ind, Target::Value(t))?),
                    ),
                ],
            )?,
            Some(Target::NotAppropriate) => self.t("chart-desc-not-appropriate", &[year])?,
            Some(Target::NotStated) => self.t("chart-desc-not-stated", &[year])?,
            None => self.t("chart-desc-no-target", &[year])?,
        });
        if let Ok(status) = figures::indicator_status(ind, latest, self.site.config.status) {
            let label = self.status_view(Ok(status), latest)?.label;
            sentences.push(self.t("chart-desc-status", &[("status", Arg::Text(label))])?);
        }
        let count = ind.values.len();
        if count > 1 {
            sentences.push(self.t("chart-desc-count", &[("count", Arg::Number(count as f64))])?);
        }
        self.gap_sentences(ind, &mut sentences)?;
        Ok(sentences.join(" "))
    }

    /// The description's first sentence: the latest value, and whether it went up,
    /// down or stayed the same since the period before (if any).
    fn change_sentence(&self, ind: &Indicator, latest: Period) -> Result<String, Diagnostic> {
        let when = |p: Period| self.words.period_in(self.lang, p);
        let value = |p: Period| -> Result<String, Diagnostic> {
            let v = ind.values[&p];
            self.value_text(ind, v).map(|(a, _)| a)
        };
        let previous = ind.values.range(..latest).next_back().map(|(p, _)| *p);
        let latest_args =
            |extra: Vec<(&'static str, Arg)>| -> Result<Vec<(&'static str, Arg)>, Diagnostic> {
                let mut a = vec![
                    ("value", Arg::Text(value(latest)?)),
                    ("when", Arg::Text(when(latest)?)),
                ];
                a.extend(extra);
                Ok(a)
            };
        Ok(match previous {
            None => self.t("chart-desc-only", &latest_args(vec![])?)?,
            Some(prev) => {
                // Compared as shown: two figures that read the same are the same.
                let shown = |p: Period| Rounded::value(ind.values[&p], ind.decimals).to_f64();
                let (now, before) = (shown(latest), shown(prev));
                let key = if now == before {
                    "chart-desc-same"
                } else if now > before {
                    "chart-desc-up"
                } else {
                    "chart-desc-down"
                };
                self.t(
                    key,
                    &latest_args(vec![
                        ("previous", Arg::Text(value(prev)?)),
                        ("previous_when", Arg::Text(when(prev)?)),
                    ])?,
                )?
            }
        })
    }

    /// A gap is named, never skipped: one sentence for each run of periods with no
    /// figure, like the rows of the history table.
    fn gap_sentences(
        &self,
        ind: &Indicator,
        sentences: &mut Vec<String>,
    ) -> Result<(), Diagnostic> {
        let missing = ind.missing_periods();
        for run in missing.chunk_by(|a, b| a.next() == *b) {
            let (first, last) = (run[0], run[run.len() - 1]);
            let words = |p: Period| -> Result<Arg, Diagnostic> {
                Ok(Arg::Text(self.words.period_str(self.lang, p)?.into_owned()))
            };
            sentences.push(self.t(
                "chart-desc-gap",
                &[
                    ("missing", Arg::Number(run.len() as f64)),
                    ("first", words(first)?),
                    ("last", words(last)?),
                ],
            )?);
        }
        Ok(())
    }
}
