//! Open data: every figure of the site as CSV (for spreadsheets) and JSON (for
//! programs), once per language, beside the pages they belong to:
//!
//! - `{lang}/indicators/{id}/{id}.csv`: one indicator, a row per period;
//! - `{lang}/reports/{slug}/{slug}.csv` and `.json`: a report's indicators for its period;
//! - `{lang}/data/indicators.csv` and `.json`: every indicator and every period.
//!
//! Column headings and words (titles, period and status labels, commentary) are in the
//! file's language; codes (period, unit, direction, status) and numbers are the same in
//! every language. Numbers are plain (`1754`, never `1,754`): a value is the stored
//! figure exactly, except that a value given as a numerator and denominator is the
//! percentage rounded to the indicator's decimal places, as the page shows it. CSV
//! follows RFC 4180 (CRLF line ends, quotes only where needed), in UTF-8 with a byte
//! order mark so that spreadsheet programs read Welsh letters such as ŵ correctly.

use super::{Links, OutputFile, PageId, Renderer, language_dir};
use crate::content::{Direction, Unit};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Arg;
use crate::i18n::I18n;
use crate::model::{Indicator, Site, Target, Value};
use crate::model::{NoStatus, Status};
use crate::period::Period;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value as Json;

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

/// One indicator's figure for one period, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRecord {
    /// Canonical period: `2019-20 Q2`.
    pub period: String,
    /// The period in words: "Quarter 2 2019-20".
    pub period_label: String,
    /// The figure, or `None` when no value is stated for the period.
    pub value: Option<Json>,
    /// For a fraction: the part.
    pub numerator: Option<Json>,
    /// For a fraction: the whole.
    pub denominator: Option<Json>,
    /// A number, `"not-appropriate"`, or `None` (no target).
    pub target: Option<Json>,
    /// `on-target`, `close`, `off-target` or `none`.
    pub status: &'static str,
    /// The status in words, with the reason when there is none.
    pub status_label: String,
    /// Markdown commentary for the period, in this language.
    pub commentary: Option<String>,
}

impl FigureRecord {
    fn cells(&self) -> Vec<String> {
        vec![
            self.period.clone(),
            self.period_label.clone(),
            cell(&self.value),
            cell(&self.numerator),
            cell(&self.denominator),
            cell(&self.target),
            self.status.to_string(),
            self.status_label.clone(),
            self.commentary.clone().unwrap_or_default(),
        ]
    }
}

/// Which indicator: the columns before the figures in site-wide and report files.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRecord {
    /// The id: the indicator's file name and the last part of its address.
    pub indicator: String,
    /// The official reference.
    pub code: Option<String>,
    /// The name in this language.
    pub title: String,
    /// `count`, `percent` or `days`.
    pub unit: &'static str,
    /// `higher`, `lower` or `none`: which way is better.
    pub direction: &'static str,
    /// Decimal places shown on the pages.
    pub decimals: u8,
    /// The indicator's page.
    pub url: String,
}

impl IndicatorRecord {
    fn cells(&self) -> Vec<String> {
        vec![
            self.indicator.clone(),
            self.code.clone().unwrap_or_default(),
            self.title.clone(),
            self.unit.to_string(),
            self.direction.to_string(),
        ]
    }
}

/// A target for one year, in the site-wide JSON.
#[derive(Debug, Clone, Serialize)]
struct TargetRecord {
    year: String,
    target: Json,
    rationale: Option<String>,
}

/// An indicator with all its figures and targets, in the site-wide JSON.
#[derive(Debug, Serialize)]
struct IndicatorJson {
    #[serde(flatten)]
    who: IndicatorRecord,
    figures: Vec<FigureRecord>,
    targets: Vec<TargetRecord>,
}

/// `data/indicators.json`.
#[derive(Debug, Serialize)]
struct SiteJson<'a> {
    language: &'a str,
    site: &'a str,
    indicators: Vec<IndicatorJson>,
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
    period_label: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    title: &'a str,
    indicators: Vec<ReportRowJson>,
}

/// An indicator with its figure for the report's period, in a report's JSON.
#[derive(Debug, Serialize)]
struct ReportRowJson {
    #[serde(flatten)]
    who: IndicatorRecord,
    figure: FigureRecord,
}

/// A number as written in data files: whole numbers without `.0`, others exactly as
/// stored (Rust prints the shortest form that reads back to the same number).
pub fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn num(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        Json::from(x as i64)
    } else {
        serde_json::Number::from_f64(x)
            .map(Json::Number)
            .unwrap_or(Json::Null)
    }
}

fn cell(v: &Option<Json>) -> String {
    match v {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => match n.as_f64() {
            Some(x) => plain(x),
            None => n.to_string(),
        },
        Some(other) => other.to_string(),
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

/// A value as data: the figure (rounded like the page for a fraction) and, for a
/// fraction, its numerator and denominator.
fn value_record(ind: &Indicator, v: Value) -> (Json, Option<Json>, Option<Json>) {
    match v {
        Value::Number(n) => (num(n), None, None),
        Value::Fraction {
            numerator,
            denominator,
        } => {
            let shown: f64 = format!("{:.*}", ind.decimals as usize, v.figure())
                .parse()
                .unwrap_or(v.figure());
            (num(shown), Some(num(numerator)), Some(num(denominator)))
        }
    }
}

fn target_json(t: Target) -> Json {
    match t {
        Target::Value(v) => num(v),
        Target::NotAppropriate => Json::from("not-appropriate"),
    }
}

/// Writes the data files of one language.
struct Data<'a> {
    site: &'a Site,
    i18n: &'a I18n,
    lang: usize,
    links: Links<'a>,
}

impl Data<'_> {
    fn t(&self, key: &str) -> Result<String, String> {
        self.i18n.t(self.lang, key, &[])
    }

    /// The status code and its words, as the pages show them.
    fn status(&self, ind: &Indicator, period: Period) -> Result<(&'static str, String), String> {
        let year = || ("year", Arg::Text(period.year_label()));
        let t = |key: &str, args: &[(&str, Arg)]| self.i18n.t(self.lang, key, args);
        Ok(match ind.status(period, self.site.config.status) {
            Ok(Status::OnTarget) => ("on-target", t("status-on-target", &[])?),
            Ok(Status::Close) => ("close", t("status-close", &[])?),
            Ok(Status::OffTarget) => ("off-target", t("status-off-target", &[])?),
            Err(NoStatus::NoValue) => ("none", t("status-no-value", &[])?),
            Err(NoStatus::NoTarget) => ("none", t("status-no-target", &[year()])?),
            Err(NoStatus::NotAppropriate) => ("none", t("status-not-appropriate", &[])?),
            Err(NoStatus::NoDirection) => ("none", t("status-no-direction", &[])?),
        })
    }

    fn figure_record(&self, ind: &Indicator, period: Period) -> Result<FigureRecord, String> {
        let (value, numerator, denominator) = match ind.values.get(&period) {
            Some(v) => {
                let (a, b, c) = value_record(ind, *v);
                (Some(a), b, c)
            }
            None => (None, None, None),
        };
        let (status, status_label) = self.status(ind, period)?;
        Ok(FigureRecord {
            period: period.to_string(),
            period_label: self.i18n.period(self.lang, period, false)?,
            value,
            numerator,
            denominator,
            target: ind.target_for(period).map(target_json),
            status,
            status_label,
            commentary: ind.text[self.lang].commentary.get(&period).cloned(),
        })
    }

    fn indicator_record(&self, i: usize) -> IndicatorRecord {
        let ind = &self.site.indicators[i];
        IndicatorRecord {
            indicator: ind.id.clone(),
            code: ind.code.clone(),
            title: ind.text[self.lang].title.clone(),
            unit: unit_code(ind.unit),
            direction: direction_code(ind.direction),
            decimals: ind.decimals,
            url: self
                .links
                .absolute(self.lang, &PageId::Indicator(i).path(self.site)),
        }
    }

    /// Every period an indicator's page lists (a value or commentary), oldest first.
    fn periods(&self, ind: &Indicator) -> Vec<Period> {
        let mut periods: Vec<Period> = ind
            .values
            .keys()
            .chain(ind.text[self.lang].commentary.keys())
            .copied()
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    fn headings(&self, columns: &[&str]) -> Result<Vec<String>, String> {
        columns
            .iter()
            .map(|c| self.t(&format!("data-col-{c}")))
            .collect()
    }

    fn indicator_csv(&self, i: usize) -> Result<Vec<u8>, String> {
        let ind = &self.site.indicators[i];
        let mut rows = vec![self.headings(&FIGURE_COLUMNS)?];
        for p in self.periods(ind) {
            rows.push(self.figure_record(ind, p)?.cells());
        }
        csv_bytes(&rows)
    }

    fn all_indicators(&self) -> Result<(Vec<u8>, Vec<u8>), String> {
        let mut columns = INDICATOR_COLUMNS.to_vec();
        columns.extend(FIGURE_COLUMNS);
        let mut rows = vec![self.headings(&columns)?];
        let mut json = Vec::new();
        for (i, ind) in self.site.indicators.iter().enumerate() {
            let who = self.indicator_record(i);
            let mut figures = Vec::new();
            for p in self.periods(ind) {
                let f = self.figure_record(ind, p)?;
                let mut row = who.cells();
                row.extend(f.cells());
                rows.push(row);
                figures.push(f);
            }
            let targets: Vec<TargetRecord> = ind
                .targets
                .iter()
                .map(|(year, t)| TargetRecord {
                    year: year.to_string(),
                    target: target_json(*t),
                    rationale: ind.text[self.lang].rationale.get(year).cloned(),
                })
                .collect();
            json.push(IndicatorJson {
                who,
                figures,
                targets,
            });
        }
        let json = SiteJson {
            language: &self.site.config.languages[self.lang].code,
            site: &self.site.config.languages[self.lang].title,
            indicators: json,
        };
        Ok((csv_bytes(&rows)?, json_bytes(&json)?))
    }

    fn report_data(&self, r: usize) -> Result<(Vec<u8>, Vec<u8>), String> {
        let report = &self.site.reports[r];
        let words = &report.text[self.lang];
        let mut columns = vec!["section"];
        columns.extend(INDICATOR_COLUMNS);
        columns.extend(FIGURE_COLUMNS);
        let mut rows = vec![self.headings(&columns)?];
        let mut sections = Vec::new();
        for (s, ids) in report.sections.iter().enumerate() {
            let title = &words.sections[s].0;
            let mut indicators = Vec::new();
            for &i in ids {
                let who = self.indicator_record(i);
                let f = self.figure_record(&self.site.indicators[i], report.period)?;
                let mut row = vec![title.clone()];
                row.extend(who.cells());
                row.extend(f.cells());
                rows.push(row);
                indicators.push(ReportRowJson { who, figure: f });
            }
            sections.push(SectionJson { title, indicators });
        }
        let json = ReportJson {
            language: &self.site.config.languages[self.lang].code,
            report: ReportMeta {
                slug: &report.slug,
                title: &words.title,
                period: report.period.to_string(),
                period_label: self.i18n.period(self.lang, report.period, false)?,
                url: self
                    .links
                    .absolute(self.lang, &PageId::Report(r).path(self.site)),
            },
            sections,
        };
        Ok((csv_bytes(&rows)?, json_bytes(&json)?))
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
                    period => self.i18n.period(self.lang, report.period, false)?,
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

fn csv_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    for row in rows {
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn json_bytes(v: &impl Serialize) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec_pretty(v).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// Every data file of the site, in every language.
pub fn data_files(site: &Site, i18n: &I18n) -> Result<Vec<OutputFile>, Diagnostics> {
    data_files_of(site, i18n, None, &Ok)
}

/// The data files a content change can have altered (see [`super::Affected`]); all of
/// them with `None`. Each file is handed to `each` as soon as it is made (see
/// [`super::render_each`]).
pub fn data_files_of<R: Send>(
    site: &Site,
    i18n: &I18n,
    affected: Option<&super::Affected>,
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
        .filter(|&(_, job)| match (affected, job) {
            (None, _) => true,
            (Some(a), Job::Indicator(i)) => a.indicators[i],
            (Some(a), Job::Report(r)) => a.reports[r],
            (Some(a), Job::All) => a.any_indicator(),
        })
        .collect();
    let made: Vec<Result<Vec<R>, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(lang, job)| {
            let r = Data {
                site,
                i18n,
                lang,
                links: Links {
                    config: &site.config,
                },
            };
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
                Job::All => r.all_indicators().map(|(csv, json)| {
                    vec![
                        (dir.join("data/indicators.csv"), csv),
                        (dir.join("data/indicators.json"), json),
                    ]
                }),
            };
            // What can fail here is a UI string (a column heading, a status): name the
            // language's strings file.
            made.map_err(|m| {
                let ui = site
                    .config
                    .theme_dir
                    .join("i18n")
                    .join(format!("{}.ftl", site.config.languages[lang].code));
                let ui = ui.strip_prefix(&site.config.root).unwrap_or(&ui);
                Diagnostic::in_file(ui, m)
            })
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
    diags.into_result(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain() {
        assert_eq!(plain(1754.0), "1754");
        assert_eq!(plain(76.1), "76.1");
        assert_eq!(plain(-2.0), "-2");
        assert_eq!(plain(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(82.0).to_string(), "82");
        assert_eq!(num(3.7).to_string(), "3.7");
    }

    #[test]
    fn csv_quotes_only_where_needed_and_ends_lines_with_crlf() {
        let rows = vec![
            vec!["a".to_string(), "b, c".to_string()],
            vec!["\"q\"".to_string(), "ŵ".to_string()],
        ];
        let bytes = csv_bytes(&rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,\"b, c\"\r\n\"\"\"q\"\"\",ŵ\r\n");
    }
}
