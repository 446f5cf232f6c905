//! The data files of one language: an indicator's CSV, a report's CSV and JSON,
//! and the site-wide files from every indicator's part.

use super::csv::{Csv, cells_and_comma};
use super::json::{PrettyDocument, pretty_indented, section_row, sectioned_document};
use super::records::{
    FIGURE_COLUMNS, FigureRecord, INDICATOR_COLUMNS, IndicatorJson, IndicatorRecord, LicenceJson,
    ReportHead, ReportMeta, ReportRowJson, TargetRecord, direction_code, target_cells, unit_code,
    value_marker,
};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::figures::{self, Published, Travel};
use crate::i18n::I18n;
use crate::model::{Indicator, Site};
use crate::period::Period;
use crate::render::Each;
use crate::render::urls::{Links, OutputFile, PageId};
use crate::render::word_cache::WordCache;
use rayon::prelude::*;
use serde_json::Value as Json;
use std::sync::Arc;

/// One indicator's part of `data/indicators.csv` (its rows) and `.json` (its object,
/// pretty-printed for its place in the array: [`pretty_indented`]), in one language;
/// or its row in a report's CSV (less the section) and JSON ([`section_row`]): kept
/// between rebuilds, so an edit makes again only the parts of the indicators it
/// changed.
#[derive(Debug)]
pub(super) struct Part {
    csv: Vec<u8>,
    json: Vec<u8>,
}

/// The parts of the last render: the site-wide files', per language and indicator,
/// and each report's rows, by language and report, in the report's order.
#[derive(Debug, Default, Clone)]
pub struct Parts {
    pub(super) all: ByLanguage,
    pub(super) reports: ReportRows,
}

/// Every indicator's part of the site-wide files, by language and indicator.
pub(super) type ByLanguage = Vec<Vec<Arc<Part>>>;

/// Each report's rows, by (language, report).
pub(super) type ReportRows = std::collections::BTreeMap<(usize, usize), Rows>;

/// A report's rows, in its order.
pub(super) type Rows = Arc<[Arc<Part>]>;

/// The site-wide CSV and JSON, and what `each` made of the indicators' own CSV files.
pub(super) type SiteWide<R> = (Vec<u8>, Vec<u8>, Vec<R>);

/// Writes the data files of one language.
pub(in crate::render) struct Data<'a> {
    pub(super) site: &'a Site,
    pub(super) i18n: &'a I18n,
    pub(super) words: &'a WordCache<'a>,
    pub(super) lang: usize,
    pub(super) links: Links<'a>,
}

impl<'a> Data<'a> {
    pub(in crate::render) fn t(&self, key: &str) -> Result<String, Diagnostic> {
        self.i18n
            .t(self.lang, key, &[])
            .map_err(|m| crate::render::ui_strings_error(self.site, self.lang, m))
    }

    /// The licence, as the data files state it.
    fn licence(&self) -> Result<LicenceJson, Diagnostic> {
        let (name, url) = crate::render::publication::licence(self.site, self.i18n, self.lang)
            .map_err(|m| crate::render::ui_strings_error(self.site, self.lang, m))?;
        Ok(LicenceJson { name, url })
    }

    /// Indicator `ind`'s figure for `period` as the data files write it: as
    /// published ([`Published`]), as the pages show it.
    fn figure_record(
        &self,
        ind: &'a Indicator,
        period: Period,
    ) -> Result<FigureRecord<'a>, Diagnostic> {
        let published = Published::of(ind, period, &self.site.config);
        let value = published.value;
        let (numerator, denominator) = published.parts.unzip();
        let (status, status_label) = self.words.status_str(self.lang, published.status, period)?;
        let travel = |t: Travel| {
            let words = self.words.travel_words(self.lang, ind.unit, &t)?;
            Ok::<_, Diagnostic>((t, words))
        };
        let [previous, year] = published.travel;
        let (travel_previous, travel_year) = (travel(previous)?, travel(year)?);
        let revised = ind.revised.get(&period);
        let (target, target_marker) = published.target.map_or((None, None), target_cells);
        Ok(FigureRecord {
            period: period.code(),
            period_label: self.words.period_str(self.lang, period)?,
            marker: value_marker(
                value.is_some(),
                ind.provisional.contains(&period),
                revised.is_some(),
            ),
            value,
            numerator,
            denominator,
            target,
            target_marker,
            status,
            status_label,
            travel_previous: travel_previous.0.key,
            travel_previous_label: travel_previous.1,
            travel_previous_change: travel_previous.0.change,
            travel_previous_from: travel_previous.0.from.map(Period::code),
            travel_year: travel_year.0.key,
            travel_year_label: travel_year.1,
            travel_year_change: travel_year.0.change,
            travel_year_from: travel_year.0.from.map(Period::code),
            revised: revised.map(ToString::to_string),
            words: ind.words_for(self.lang, period),
        })
    }

    fn indicator_record(&self, i: usize) -> IndicatorRecord<'a> {
        let ind = &self.site.indicators[i];
        IndicatorRecord {
            indicator: &ind.id,
            code: ind.code.as_deref(),
            title: &ind.text[self.lang].title,
            unit: unit_code(ind.unit),
            direction: direction_code(ind.direction),
            decimals: ind.decimals,
            url: self
                .links
                .absolute(self.lang, &PageId::Indicator(i).path(self.site)),
        }
    }

    /// A CSV file whose first row is the headings of `columns`.
    pub(in crate::render) fn csv(&self, columns: &[&str], rows: usize) -> Result<Csv, Diagnostic> {
        let mut csv = Csv::new(rows);
        let headings = columns
            .iter()
            .map(|c| self.t(&format!("data-col-{c}")))
            .collect::<Result<Vec<_>, _>>()?;
        csv.row(&headings)?;
        Ok(csv)
    }

    /// Where indicator `i`'s own CSV file goes, in this language.
    fn indicator_csv_path(&self, i: usize) -> std::path::PathBuf {
        let id = &self.site.indicators[i].id;
        self.site
            .config
            .language_dir(self.lang)
            .join(super::paths::indicator_csv(id))
    }

    /// The start of every indicator's own CSV file: the byte order mark and the
    /// headings.
    pub(in crate::render) fn indicator_heading(&self) -> Result<Vec<u8>, Diagnostic> {
        self.csv(&FIGURE_COLUMNS, 0)?.finish()
    }

    /// Indicator `i`'s own CSV file (after `heading`, [`Data::indicator_heading`]) and
    /// its part of the site-wide files: its CSV rows and its JSON object
    /// (pretty-printed, as at the top level). Each figure's record is made once, and
    /// its cells written once, for both CSV files.
    pub(in crate::render) fn indicator_files(
        &self,
        i: usize,
        heading: &[u8],
    ) -> Result<(OutputFile, Part), Diagnostic> {
        let ind = &self.site.indicators[i];
        let who = self.indicator_record(i);
        let periods = ind.periods_shown(self.lang);
        let mut rows = Csv::headless(periods.len());
        let mut ends = Vec::with_capacity(periods.len());
        let mut figures = Vec::with_capacity(periods.len());
        for p in periods {
            let f = self.figure_record(ind, p)?;
            let mut row = Vec::with_capacity(FIGURE_COLUMNS.len());
            f.cells(&mut row);
            rows.row(&row)?;
            drop(row);
            ends.push(rows.written()?);
            figures.push(f);
        }
        let rows = rows.finish()?;
        let mut own = Vec::with_capacity(heading.len() + rows.len());
        own.extend_from_slice(heading);
        own.extend_from_slice(&rows);
        // The site-wide rows: which indicator, then the same figure cells.
        let mut who_cells = Vec::with_capacity(INDICATOR_COLUMNS.len());
        who.cells(&mut who_cells);
        let who_bytes = cells_and_comma(&who_cells)?;
        let mut csv = Vec::with_capacity(rows.len() + who_bytes.len() * ends.len());
        let mut start = 0;
        for end in ends {
            csv.extend_from_slice(&who_bytes);
            csv.extend_from_slice(&rows[start..end]);
            start = end;
        }
        let targets: Vec<TargetRecord> = ind
            .targets
            .iter()
            .map(|(year, t)| {
                let (target, target_marker) = target_cells(figures::target(*t, ind.decimals));
                TargetRecord {
                    year: year.code(),
                    target,
                    target_marker,
                    rationale: ind.text[self.lang].rationale.get(year).map(String::as_str),
                }
            })
            .collect();
        let json = IndicatorJson {
            who,
            figures,
            targets,
        };
        let part = Part {
            csv,
            json: pretty_indented(&json)?,
        };
        Ok(((self.indicator_csv_path(i), own), part))
    }

    /// `data/indicators.csv` and `.json`, from every indicator's part: those `kept`
    /// (see [`Parts`]), or made now, a batch at a time in parallel, so the parts of
    /// thousands of indicators are never all held at once. Parts made now come with
    /// their indicator's own CSV file, handed to `each`.
    pub(in crate::render) fn all_indicators<R: Send>(
        &self,
        kept: Option<&[Arc<Part>]>,
        each: &Each<'_, R>,
    ) -> Result<SiteWide<R>, Diagnostic> {
        let site = self.site;
        let mut columns = INDICATOR_COLUMNS.to_vec();
        columns.extend(FIGURE_COLUMNS);
        let mut csv = self.csv(&columns, 0)?.finish()?;
        let language = &site.config.languages[self.lang];
        let licence = self.licence()?;
        let fields = [
            ("language", Json::from(language.code.as_str())),
            ("site", Json::from(language.title.as_str())),
            (
                "licence",
                serde_json::to_value(&licence)
                    .map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))?,
            ),
        ];
        let size = kept.map_or(0, |k| k.iter().map(|p| p.json.len() + 2).sum());
        let mut json = PrettyDocument::new(&fields, "indicators", size)?;
        let mut owned = Vec::new();
        match kept {
            Some(parts) => {
                csv.reserve(parts.iter().map(|p| p.csv.len()).sum());
                append(&mut csv, &mut json, parts.iter().map(|p| &**p));
            }
            None => {
                let heading = self.indicator_heading()?;
                let all: Vec<usize> = (0..site.indicators.len()).collect();
                for (k, batch) in all.chunks(64).enumerate() {
                    let made = batch
                        .par_iter()
                        .map(|&i| {
                            let (file, part) = self.indicator_files(i, &heading)?;
                            Ok((each(file)?, part))
                        })
                        .collect::<Result<Vec<_>, Diagnostic>>()?;
                    for (done, part) in made {
                        owned.push(done);
                        append(&mut csv, &mut json, [&part]);
                    }
                    if k == 0 {
                        // Sized from the first batch: each doubling would copy
                        // megabytes, and hold both copies for a moment.
                        let whole = |now: usize| now / batch.len() * all.len() * 9 / 8;
                        csv.reserve(whole(csv.len()).saturating_sub(csv.len()));
                        json.reserve(whole(json.len()).saturating_sub(json.len()));
                    }
                }
            }
        }
        Ok((csv, json.finish(), owned))
    }

    /// Report `r`'s CSV and JSON, and its rows, each [`Part`] made now or, when `kept`
    /// gives it (by the row's place in the report and its indicator), kept.
    pub(in crate::render) fn report_data(
        &self,
        r: usize,
        kept: &dyn Fn(usize, usize) -> Option<Arc<Part>>,
    ) -> Result<(Vec<u8>, Vec<u8>, Rows), Diagnostic> {
        let site = self.site;
        let report = &site.reports[r];
        let words = &report.text[self.lang];
        let rows: Rows = report
            .sections
            .iter()
            .flatten()
            .enumerate()
            .map(|(k, &i)| match kept(k, i) {
                Some(part) => Ok(part),
                None => self.report_row(i, report.period).map(Arc::new),
            })
            .collect::<Result<_, _>>()?;
        let mut columns = vec!["section"];
        columns.extend(INDICATOR_COLUMNS);
        columns.extend(FIGURE_COLUMNS);
        let mut csv = self.csv(&columns, 0)?.finish()?;
        csv.reserve(rows.iter().map(|p| p.csv.len() + 64).sum());
        let mut sections = Vec::with_capacity(report.sections.len());
        let mut at = 0;
        for (s, ids) in report.sections.iter().enumerate() {
            let title = words.sections[s].0.as_str();
            let here = &rows[at..at + ids.len()];
            at += ids.len();
            let section = cells_and_comma(&[title])?;
            for part in here {
                csv.extend_from_slice(&section);
                csv.extend_from_slice(&part.csv);
            }
            sections.push((title, here.iter().map(|p| &p.json[..]).collect()));
        }
        let head = ReportHead {
            language: &site.config.languages[self.lang].code,
            licence: self.licence()?,
            report: ReportMeta::of(
                report,
                &words.title,
                self.words.period_str(self.lang, report.period)?,
                self.links
                    .absolute(self.lang, &PageId::Report(r).path(site)),
            ),
        };
        let size = rows.iter().map(|p| p.json.len() + 2).sum();
        let json = sectioned_document(&head, sections.into_iter(), size)?;
        Ok((csv, json, rows))
    }

    /// Indicator `i`'s row in a report of `period`: its CSV cells after the section,
    /// and its JSON object.
    fn report_row(&self, i: usize, period: Period) -> Result<Part, Diagnostic> {
        let who = self.indicator_record(i);
        let figure = self.figure_record(&self.site.indicators[i], period)?;
        let mut row = Vec::with_capacity(INDICATOR_COLUMNS.len() + FIGURE_COLUMNS.len());
        who.cells(&mut row);
        figure.cells(&mut row);
        let mut csv = Csv::headless(1);
        csv.row(&row)?;
        drop(row);
        Ok(Part {
            csv: csv.finish()?,
            json: section_row(&ReportRowJson { who, figure })?,
        })
    }
}

/// `parts` added to the site-wide CSV and JSON.
fn append<'p>(
    csv: &mut Vec<u8>,
    json: &mut PrettyDocument,
    parts: impl IntoIterator<Item = &'p Part>,
) {
    for part in parts {
        csv.extend_from_slice(&part.csv);
        json.push(&part.json);
    }
}
