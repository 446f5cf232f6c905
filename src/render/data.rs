//! Open data: every figure of the site as CSV (for spreadsheets) and JSON (for
//! programs), once per language, beside the pages they belong to:
//!
//! - `{lang}/indicators/{id}/{id}.csv`: one indicator, a row per period;
//! - `{lang}/reports/{slug}/{slug}.csv` and `.json`: a report's indicators for its period;
//! - `{lang}/data/indicators.csv` and `.json`: every indicator and every period.
//!
//! Column headings and words (titles, period and status labels, commentary) are in the
//! file's language; codes (period, unit, direction, status) and numbers are the same in
//! every language. Numbers are plain (`1754`, never `1,754`; no trailing zeros) and
//! are the figures as the page shows them ([`crate::figures`]): a value (or a
//! fraction's percentage) and a target rounded to the indicator's decimal places; a
//! numerator and denominator as they were given. CSV
//! follows RFC 4180 (CRLF line ends, quotes only where needed), in UTF-8 with a byte
//! order mark so that spreadsheet programs read Welsh letters such as ŵ correctly.

use super::words::Words;
use super::{Links, OutputFile, PageId, Renderer, language_dir};
use crate::content::{Direction, Unit};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::{self, Rounded};
use crate::i18n::I18n;
use crate::model::{Indicator, Site, StatusKey, Target, Value};

use crate::period::Period;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value as Json;
use std::borrow::Cow;
use std::sync::Arc;

/// The columns of a figure row, in order; each heading is the UI string
/// `data-col-NAME` in the file's language, and each is also the key in JSON.
const FIGURE_COLUMNS: [&str; 9] = [
    "period",
    "period-label",
    "value",
    "numerator",
    "denominator",
    "target",
    "status",
    "status-label",
    "commentary",
];

/// The columns that say which indicator a row is about (site-wide and report files).
const INDICATOR_COLUMNS: [&str; 5] = ["indicator", "code", "title", "unit", "direction"];

/// One indicator's figure for one period, in one language. Words are borrowed from
/// the model and the render's [`Words`]: a site-wide file has a row for every figure.
#[derive(Debug, Serialize)]
pub struct FigureRecord<'a> {
    /// Canonical period: `2019-20 Q2`.
    pub period: String,
    /// The period in words: "Quarter 2 2019-20".
    pub period_label: Cow<'a, str>,
    /// The figure as published, or `None` when no value is stated for the period.
    pub value: Option<Rounded>,
    /// For a fraction: the part, as given.
    pub numerator: Option<Rounded>,
    /// For a fraction: the whole, as given.
    pub denominator: Option<Rounded>,
    /// The target as published, `"not-appropriate"`, or `None` (no target).
    pub target: Option<TargetCell>,
    /// `on-target`, `close`, `off-target` or `none`.
    pub status: StatusKey,
    /// The status in words, with the reason when there is none.
    pub status_label: Cow<'a, str>,
    /// Markdown commentary for the period, in this language.
    pub commentary: Option<&'a str>,
}

impl FigureRecord<'_> {
    /// Appends the record's CSV cells to `row`.
    fn cells<'r>(&'r self, row: &mut Vec<Cow<'r, str>>) {
        row.extend([
            Cow::Borrowed(self.period.as_str()),
            Cow::Borrowed(&*self.period_label),
            cell(self.value),
            cell(self.numerator),
            cell(self.denominator),
            target_cell(self.target),
            Cow::Borrowed(self.status.code()),
            Cow::Borrowed(&*self.status_label),
            Cow::Borrowed(self.commentary.unwrap_or_default()),
        ]);
    }
}

/// Which indicator: the columns before the figures in site-wide and report files.
#[derive(Debug, Serialize)]
pub struct IndicatorRecord<'a> {
    /// The id: the indicator's file name and the last part of its address.
    pub indicator: &'a str,
    /// The official reference.
    pub code: Option<&'a str>,
    /// The name in this language.
    pub title: &'a str,
    /// `count`, `percent` or `days`.
    pub unit: &'static str,
    /// `higher`, `lower` or `none`: which way is better.
    pub direction: &'static str,
    /// Decimal places shown on the pages.
    pub decimals: u8,
    /// The indicator's page.
    pub url: String,
}

impl<'a> IndicatorRecord<'a> {
    /// Appends the record's CSV cells to `row`.
    fn cells(&self, row: &mut Vec<Cow<'a, str>>) {
        row.extend([
            Cow::Borrowed(self.indicator),
            Cow::Borrowed(self.code.unwrap_or_default()),
            Cow::Borrowed(self.title),
            Cow::Borrowed(self.unit),
            Cow::Borrowed(self.direction),
        ]);
    }
}

/// A target for one year, in the site-wide JSON.
#[derive(Debug, Serialize)]
struct TargetRecord<'a> {
    year: String,
    target: TargetCell,
    rationale: Option<&'a str>,
}

/// An indicator with all its figures and targets, in the site-wide JSON.
#[derive(Debug, Serialize)]
struct IndicatorJson<'a> {
    #[serde(flatten)]
    who: IndicatorRecord<'a>,
    figures: Vec<FigureRecord<'a>>,
    targets: Vec<TargetRecord<'a>>,
}

/// One indicator's part of `data/indicators.csv` (its rows) and `.json` (its object,
/// pretty-printed and [`indented`] for its place in the array), in one language:
/// kept between rebuilds, so an edit makes again only the parts of the indicators it
/// changed.
#[derive(Debug)]
pub struct Part {
    csv: Vec<u8>,
    json: Vec<u8>,
}

/// The site-wide files' parts of the last render, per language and indicator.
#[derive(Debug, Default, Clone)]
pub struct Parts(Vec<Vec<Arc<Part>>>);

/// A pretty-printed JSON value moved two levels in, to sit in an array in an object:
/// every line four spaces further in. (A JSON string has no raw line break, so the
/// lines are the value's own.)
fn indented(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    for (l, line) in json.split(|&b| b == b'\n').enumerate() {
        if l > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(b"    ");
        out.extend_from_slice(line);
    }
    out
}

/// A pretty-printed JSON object of some fields and then an array of items (each
/// pretty-printed on its own and [`indented`]), written item by item: byte for byte
/// what serde_json prints for the whole document, without serialising every item
/// again.
struct PrettyDocument {
    out: Vec<u8>,
    items: usize,
}

impl PrettyDocument {
    /// The document's `fields`, then the start of the array `key`.
    fn new(fields: &[(&str, Json)], key: &str, size: usize) -> Result<PrettyDocument, String> {
        let quoted = |s: &str| serde_json::to_vec(s).map_err(|e| e.to_string());
        let mut out = Vec::with_capacity(size + 256);
        out.extend_from_slice(b"{\n");
        for (name, value) in fields {
            out.extend_from_slice(b"  ");
            out.extend(quoted(name)?);
            out.extend_from_slice(b": ");
            out.extend(serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?);
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"  ");
        out.extend(quoted(key)?);
        Ok(PrettyDocument { out, items: 0 })
    }

    fn push(&mut self, item: &[u8]) {
        self.out
            .extend_from_slice(if self.items == 0 { b": [\n" } else { b",\n" });
        self.out.extend_from_slice(item);
        self.items += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(if self.items == 0 {
            &b": []\n}\n"[..]
        } else {
            &b"\n  ]\n}\n"[..]
        });
        self.out
    }
}

/// A report's JSON.
#[derive(Debug, Serialize)]
struct ReportJson<'a> {
    language: &'a str,
    report: ReportMeta<'a>,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Debug, Serialize)]
struct ReportMeta<'a> {
    slug: &'a str,
    title: &'a str,
    period: String,
    period_label: Cow<'a, str>,
    url: String,
}

#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    title: &'a str,
    indicators: Vec<ReportRowJson<'a>>,
}

/// An indicator with its figure for the report's period, in a report's JSON.
#[derive(Debug, Serialize)]
struct ReportRowJson<'a> {
    #[serde(flatten)]
    who: IndicatorRecord<'a>,
    figure: FigureRecord<'a>,
}

/// A target in a data file: the figure as published, or `not-appropriate`.
#[derive(Debug, Clone, Copy)]
pub enum TargetCell {
    /// The target, rounded as the page shows it.
    Figure(Rounded),
    /// Target setting not appropriate.
    NotAppropriate,
}

impl TargetCell {
    const NOT_APPROPRIATE: &'static str = "not-appropriate";

    fn of(t: Target, decimals: u8) -> TargetCell {
        match figures::target(t, decimals) {
            Some(r) => TargetCell::Figure(r),
            None => TargetCell::NotAppropriate,
        }
    }
}

impl Serialize for TargetCell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TargetCell::Figure(r) => r.serialize(s),
            TargetCell::NotAppropriate => s.serialize_str(Self::NOT_APPROPRIATE),
        }
    }
}

/// A figure's CSV cell: as published, plainly (see [`Rounded::plain`]).
fn cell(v: Option<Rounded>) -> Cow<'static, str> {
    v.map_or(Cow::Borrowed(""), |r| Cow::Owned(r.plain()))
}

fn target_cell(t: Option<TargetCell>) -> Cow<'static, str> {
    match t {
        None => Cow::Borrowed(""),
        Some(TargetCell::Figure(r)) => Cow::Owned(r.plain()),
        Some(TargetCell::NotAppropriate) => Cow::Borrowed(TargetCell::NOT_APPROPRIATE),
    }
}

/// The stable code of a unit, as in front matter.
pub fn unit_code(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Percent => "percent",
        Unit::Days => "days",
    }
}

/// The stable code of a direction, as in front matter.
pub fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "higher",
        Direction::Lower => "lower",
        Direction::None => "none",
    }
}

/// A value as data: the figure as published and, for a fraction, its numerator and
/// denominator as they were given.
fn value_record(ind: &Indicator, v: Value) -> (Rounded, Option<Rounded>, Option<Rounded>) {
    let shown = Rounded::value(v, ind.decimals);
    match v {
        Value::Number(_) => (shown, None, None),
        Value::Fraction {
            numerator,
            denominator,
        } => (
            shown,
            Some(Rounded::as_given(numerator)),
            Some(Rounded::as_given(denominator)),
        ),
    }
}

/// Writes the data files of one language.
struct Data<'a> {
    site: &'a Site,
    i18n: &'a I18n,
    words: &'a Words<'a>,
    lang: usize,
    links: Links<'a>,
}

impl<'a> Data<'a> {
    fn t(&self, key: &str) -> Result<String, String> {
        self.i18n.t(self.lang, key, &[])
    }

    fn figure_record(
        &self,
        ind: &'a Indicator,
        period: Period,
    ) -> Result<FigureRecord<'a>, String> {
        let (value, numerator, denominator) = match ind.values.get(&period) {
            Some(v) => {
                let (a, b, c) = value_record(ind, *v);
                (Some(a), b, c)
            }
            None => (None, None, None),
        };
        let (status, status_label) = self.words.status_str(
            self.lang,
            figures::indicator_status(ind, period, self.site.config.status),
            period,
        )?;
        Ok(FigureRecord {
            period: period.to_string(),
            period_label: self.words.period_str(self.lang, period)?,
            value,
            numerator,
            denominator,
            target: ind
                .target_for(period)
                .map(|t| TargetCell::of(t, ind.decimals)),
            status,
            status_label,
            commentary: ind.text[self.lang]
                .commentary
                .get(&period)
                .map(String::as_str),
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
    fn csv(&self, columns: &[&str], rows: usize) -> Result<Csv, String> {
        let mut csv = Csv::new(rows);
        let headings = columns
            .iter()
            .map(|c| self.t(&format!("data-col-{c}")))
            .collect::<Result<Vec<_>, _>>()?;
        csv.row(&headings)?;
        Ok(csv)
    }

    fn indicator_csv(&self, i: usize) -> Result<Vec<u8>, String> {
        let ind = &self.site.indicators[i];
        let periods = ind.periods_shown(self.lang);
        let mut csv = self.csv(&FIGURE_COLUMNS, periods.len())?;
        for p in periods {
            let f = self.figure_record(ind, p)?;
            let mut row = Vec::with_capacity(FIGURE_COLUMNS.len());
            f.cells(&mut row);
            csv.row(&row)?;
        }
        csv.finish()
    }

    /// Indicator `i`'s part of the site-wide files: its CSV rows, and its JSON
    /// object (pretty-printed, as at the top level).
    fn indicator_part(&self, i: usize) -> Result<Part, String> {
        let ind = &self.site.indicators[i];
        let who = self.indicator_record(i);
        let periods = ind.periods_shown(self.lang);
        let mut csv = Csv::headless(periods.len());
        let mut figures = Vec::with_capacity(periods.len());
        for p in periods {
            let f = self.figure_record(ind, p)?;
            let mut row = Vec::with_capacity(INDICATOR_COLUMNS.len() + FIGURE_COLUMNS.len());
            who.cells(&mut row);
            f.cells(&mut row);
            csv.row(&row)?;
            drop(row);
            figures.push(f);
        }
        let targets: Vec<TargetRecord> = ind
            .targets
            .iter()
            .map(|(year, t)| TargetRecord {
                year: year.to_string(),
                target: TargetCell::of(*t, ind.decimals),
                rationale: ind.text[self.lang].rationale.get(year).map(String::as_str),
            })
            .collect();
        let json = IndicatorJson {
            who,
            figures,
            targets,
        };
        let json = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
        Ok(Part {
            csv: csv.finish()?,
            json: indented(&json),
        })
    }

    /// `data/indicators.csv` and `.json`, from every indicator's part: those `kept`
    /// (see [`Parts`]), or made now, a batch at a time in parallel, so the parts of
    /// thousands of indicators are never all held at once.
    fn all_indicators(&self, kept: Option<&[Arc<Part>]>) -> Result<(Vec<u8>, Vec<u8>), String> {
        let site = self.site;
        let mut columns = INDICATOR_COLUMNS.to_vec();
        columns.extend(FIGURE_COLUMNS);
        let mut csv = self.csv(&columns, site.indicators.len() * 12)?.finish()?;
        let language = &site.config.languages[self.lang];
        let fields = [
            ("language", Json::from(language.code.as_str())),
            ("site", Json::from(language.title.as_str())),
        ];
        let size = kept.map_or(0, |k| k.iter().map(|p| p.json.len() + 2).sum());
        let mut json = PrettyDocument::new(&fields, "indicators", size)?;
        let mut add = |part: &Part| {
            csv.extend_from_slice(&part.csv);
            json.push(&part.json);
        };
        match kept {
            Some(parts) => parts.iter().for_each(|p| add(p)),
            None => {
                let all: Vec<usize> = (0..site.indicators.len()).collect();
                for batch in all.chunks(64) {
                    let parts = batch
                        .par_iter()
                        .map(|&i| self.indicator_part(i))
                        .collect::<Result<Vec<_>, _>>()?;
                    parts.iter().for_each(&mut add);
                }
            }
        }
        Ok((csv, json.finish()))
    }

    fn report_data(&self, r: usize) -> Result<(Vec<u8>, Vec<u8>), String> {
        let site = self.site;
        let report = &site.reports[r];
        let words = &report.text[self.lang];
        let mut columns = vec!["section"];
        columns.extend(INDICATOR_COLUMNS);
        columns.extend(FIGURE_COLUMNS);
        let count: usize = report.sections.iter().map(Vec::len).sum();
        let mut csv = self.csv(&columns, count)?;
        let mut sections = Vec::new();
        for (s, ids) in report.sections.iter().enumerate() {
            let title = &words.sections[s].0;
            let mut indicators = Vec::new();
            for &i in ids {
                let who = self.indicator_record(i);
                let f = self.figure_record(&site.indicators[i], report.period)?;
                let mut row = Vec::with_capacity(columns.len());
                row.push(Cow::Borrowed(title.as_str()));
                who.cells(&mut row);
                f.cells(&mut row);
                csv.row(&row)?;
                drop(row);
                indicators.push(ReportRowJson { who, figure: f });
            }
            sections.push(SectionJson { title, indicators });
        }
        let json = ReportJson {
            language: &site.config.languages[self.lang].code,
            report: ReportMeta {
                slug: &report.slug,
                title: &words.title,
                period: report.period.to_string(),
                period_label: self.words.period_str(self.lang, report.period)?,
                url: self
                    .links
                    .absolute(self.lang, &PageId::Report(r).path(site)),
            },
            sections,
        };
        Ok((csv.finish()?, json_bytes(&json, count * 1024)?))
    }
}

impl Renderer<'_> {
    fn data_url(&self, rel: &str) -> String {
        self.links.href(self.lang, self.lang, rel)
    }

    /// The downloads that belong to `page`, and the data page's address (for the
    /// footer): what templates show as download links.
    pub(super) fn downloads(&self, page: PageId) -> minijinja::Value {
        let site = self.site;
        let (csv, json) = match page {
            PageId::Indicator(i) => {
                let id = &site.indicators[i].id;
                (
                    Some(self.data_url(&format!("indicators/{id}/{id}.csv"))),
                    None,
                )
            }
            PageId::Report(r) => {
                let s = &site.reports[r].slug;
                (
                    Some(self.data_url(&format!("reports/{s}/{s}.csv"))),
                    Some(self.data_url(&format!("reports/{s}/{s}.json"))),
                )
            }
            PageId::Data => (
                Some(self.data_url("data/indicators.csv")),
                Some(self.data_url("data/indicators.json")),
            ),
            _ => (None, None),
        };
        minijinja::context! {
            page => self.url(PageId::Data),
            csv => csv,
            json => json,
        }
    }

    /// The data page: what can be downloaded, and what the columns mean.
    pub(super) fn data_context(&self) -> Result<(String, minijinja::Value), String> {
        let site = self.site;
        let reports = (0..site.reports.len())
            .map(|r| {
                let report = &site.reports[r];
                let s = &report.slug;
                Ok(minijinja::context! {
                    title => report.text[self.lang].title.clone(),
                    period => self.words.period(self.lang, report.period, false)?,
                    url => self.url(PageId::Report(r)),
                    csv => self.data_url(&format!("reports/{s}/{s}.csv")),
                    json => self.data_url(&format!("reports/{s}/{s}.json")),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let indicators: Vec<_> = (0..site.indicators.len())
            .map(|i| {
                let ind = &site.indicators[i];
                let id = &ind.id;
                minijinja::context! {
                    title => ind.text[self.lang].title.clone(),
                    code => ind.code.clone(),
                    url => self.url(PageId::Indicator(i)),
                    csv => self.data_url(&format!("indicators/{id}/{id}.csv")),
                }
            })
            .collect();
        let mut columns = vec!["section"];
        columns.extend(INDICATOR_COLUMNS);
        columns.extend(FIGURE_COLUMNS);
        let columns = columns
            .iter()
            .map(|c| {
                Ok(minijinja::context! {
                    key => c.replace('-', "_"),
                    heading => self.t(&format!("data-col-{c}"), &[])?,
                    about => self.t(&format!("data-col-{c}-about"), &[])?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok((
            self.t("data-title", &[])?,
            minijinja::context! {
                data => minijinja::context! {
                    csv => self.data_url("data/indicators.csv"),
                    json => self.data_url("data/indicators.json"),
                    reports => reports,
                    indicators => indicators,
                    columns => columns,
                }
            },
        ))
    }
}

/// A CSV file being written: RFC 4180 with CRLF line ends, in UTF-8 with a byte
/// order mark.
struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    /// A file of about `rows` rows.
    fn new(rows: usize) -> Csv {
        let mut bytes = Vec::with_capacity(256 * (rows + 1));
        bytes.extend_from_slice("\u{feff}".as_bytes());
        Csv::writing(bytes)
    }

    /// Rows to go after the start of a file (no byte order mark).
    fn headless(rows: usize) -> Csv {
        Csv::writing(Vec::with_capacity(256 * rows))
    }

    fn writing(bytes: Vec<u8>) -> Csv {
        Csv(csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(bytes))
    }

    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), String> {
        self.0
            .write_record(cells.iter().map(|c| c.as_ref().as_bytes()))
            .map_err(|e| e.to_string())
    }

    fn finish(self) -> Result<Vec<u8>, String> {
        self.0.into_inner().map_err(|e| e.to_string())
    }
}

/// Pretty-printed JSON, ending with a newline; `size` is a guess at its length.
fn json_bytes(v: &impl Serialize, size: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(size);
    serde_json::to_writer_pretty(&mut out, v).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// Every data file of the site, in every language.
pub fn data_files(site: &Site, i18n: &I18n) -> Result<Vec<OutputFile>, Diagnostics> {
    data_files_of(site, i18n, None, None, &Ok)
}

/// The data files a content change can have altered (see [`super::Affected`]); all of
/// them with `None`. Each file is handed to `each` as soon as it is made (see
/// [`super::render_each`]). `parts`, when given, holds the site-wide files' parts of
/// the last render: those of indicators the change did not affect are used again
/// (all are made again with `None`), and the new ones are kept there.
pub fn data_files_of<R: Send>(
    site: &Site,
    i18n: &I18n,
    affected: Option<&super::Affected>,
    parts: Option<&mut Parts>,
    each: &super::Each<'_, R>,
) -> Result<Vec<R>, Diagnostics> {
    /// One data file (or pair) to make, in one language.
    #[derive(Clone, Copy)]
    enum Job {
        Indicator(usize),
        Report(usize),
        All,
    }
    let jobs: Vec<(usize, Job)> = (0..site.config.languages.len())
        .flat_map(|lang| {
            let indicators = (0..site.indicators.len()).map(Job::Indicator);
            let reports = (0..site.reports.len()).map(Job::Report);
            indicators
                .chain(reports)
                .chain([Job::All])
                .map(move |job| (lang, job))
        })
        .filter(|&(lang, job)| match (affected, job) {
            (None, _) => true,
            (Some(a), Job::Indicator(i)) => a.indicators[i].has(lang),
            (Some(a), Job::Report(r)) => a.reports[r].has(lang),
            (Some(a), Job::All) => a.any_indicator().has(lang),
        })
        .collect();
    let words = Words::new(site, i18n)?;
    let data = |lang| Data {
        site,
        i18n,
        words: &words,
        lang,
        links: Links {
            config: &site.config,
        },
    };
    // When the parts are kept, they are made first, in parallel: those of the
    // indicators the change left alone are used again; the rest are made.
    let kept = match parts {
        Some(parts) => {
            let new = kept_parts(site, affected, parts, &data)?;
            Some((parts, new))
        }
        None => None,
    };
    let made: Vec<Result<Vec<R>, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(lang, job)| {
            let r = data(lang);
            let dir = language_dir(&site.config, lang);
            let made = match job {
                Job::Indicator(i) => {
                    let id = &site.indicators[i].id;
                    r.indicator_csv(i)
                        .map(|csv| vec![(dir.join(format!("indicators/{id}/{id}.csv")), csv)])
                }
                Job::Report(i) => {
                    let s = &site.reports[i].slug;
                    r.report_data(i).map(|(csv, json)| {
                        vec![
                            (dir.join(format!("reports/{s}/{s}.csv")), csv),
                            (dir.join(format!("reports/{s}/{s}.json")), json),
                        ]
                    })
                }
                Job::All => r
                    .all_indicators(kept.as_ref().map(|(_, new)| &new[lang][..]))
                    .map(|(csv, json)| {
                        vec![
                            (dir.join("data/indicators.csv"), csv),
                            (dir.join("data/indicators.json"), json),
                        ]
                    }),
            };
            made.map_err(|m| super::ui_strings_error(site, lang, m))
                .and_then(|files| files.into_iter().map(each).collect::<Result<Vec<R>, _>>())
        })
        .collect();
    let mut files = Vec::with_capacity(made.len());
    let mut diags = Diagnostics::default();
    for m in made {
        match m {
            Ok(f) => files.extend(f),
            Err(d) => diags.push(d),
        }
    }
    // The same missing string fails every file of a language: say it once.
    diags.0.dedup();
    let files = diags.into_result(files)?;
    if let Some((parts, new)) = kept {
        parts.0 = new;
    }
    Ok(files)
}

/// The site-wide files' parts after a change (see [`Parts`]): those of indicators
/// `affected` leaves alone, from `parts`; the rest made, in parallel.
fn kept_parts<'a>(
    site: &Site,
    affected: Option<&super::Affected>,
    parts: &Parts,
    data: &(impl Fn(usize) -> Data<'a> + Sync),
) -> Result<Vec<Vec<Arc<Part>>>, Diagnostics> {
    let (n, count) = (site.config.languages.len(), site.indicators.len());
    let reuse = |lang: usize, i: usize| -> Option<Arc<Part>> {
        let affected = affected?;
        (!affected.indicators[i].has(lang)).then(|| parts.0.get(lang)?.get(i).cloned())?
    };
    let made: Vec<Result<Arc<Part>, Diagnostic>> = (0..n * count)
        .into_par_iter()
        .map(|at| {
            let (lang, i) = (at / count, at % count);
            match reuse(lang, i) {
                Some(part) => Ok(part),
                None => data(lang)
                    .indicator_part(i)
                    .map(Arc::new)
                    .map_err(|m| super::ui_strings_error(site, lang, m)),
            }
        })
        .collect();
    let mut new: Vec<Vec<Arc<Part>>> = vec![Vec::with_capacity(count); n];
    let mut diags = Diagnostics::default();
    for (at, part) in made.into_iter().enumerate() {
        match part {
            Ok(p) => new[at / count].push(p),
            Err(d) => diags.push(d),
        }
    }
    diags.0.dedup();
    diags.into_result(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_of_parts_is_what_serde_json_prints_for_the_whole() {
        #[derive(Serialize)]
        struct Item {
            id: String,
            values: Vec<Json>,
            nested: std::collections::BTreeMap<String, Option<String>>,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            language: &'a str,
            site: &'a str,
            indicators: &'a [Item],
        }
        let item = |id: &str, n: usize| Item {
            id: id.to_string(),
            values: (0..n).map(|v| Json::from(v as f64 / 3.0)).collect(),
            nested: [("a \"q\"\nline".to_string(), Some("ŵ".to_string()))]
                .into_iter()
                .chain((0..n).map(|k| (format!("k{k}"), None)))
                .collect(),
        };
        for items in [
            vec![],
            vec![item("one", 0)],
            vec![item("a", 2), item("b", 3)],
        ] {
            let whole = Doc {
                language: "cy",
                site: "Perfformiad \"Caerdydd\"",
                indicators: &items,
            };
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let parts: Vec<Vec<u8>> = items
                .iter()
                .map(|i| indented(&serde_json::to_vec_pretty(i).unwrap()))
                .collect();
            let fields = [
                ("language", Json::from(whole.language)),
                ("site", Json::from(whole.site)),
            ];
            let mut made = PrettyDocument::new(&fields, "indicators", 0).unwrap();
            parts.iter().for_each(|p| made.push(p));
            assert_eq!(
                String::from_utf8(made.finish()).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn csv_quotes_only_where_needed_and_ends_lines_with_crlf() {
        let rows = vec![
            vec!["a".to_string(), "b, c".to_string()],
            vec!["\"q\"".to_string(), "ŵ".to_string()],
        ];
        let mut csv = Csv::new(2);
        for row in &rows {
            csv.row(row).unwrap();
        }
        let bytes = csv.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,\"b, c\"\r\n\"\"\"q\"\"\",ŵ\r\n");
    }
}
