//! UI words that every page and data file asks for again and again (a period in
//! words, a status in words), formatted once per render for the periods the site
//! uses. A report of 1,000 indicators asks for the same "Quarter 2 2019-20" 2,000
//! times; Fluent formats it once.

use crate::i18n::{Arg, I18n};
use crate::model::{NoStatus, Site, Status};
use crate::period::Period;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// A period in words, in one language.
#[derive(Debug, Clone)]
struct PeriodWords {
    /// "Quarter 2 2019-20".
    long: String,
    /// "Q2 2019-20".
    short: String,
    /// "in Quarter 2 2019-20" ("yng Nghwarter 2 2019-20").
    within: String,
    /// "No status: no target for 2019-20" (the period's year).
    no_target: String,
}

/// The words of one render, per language.
pub(super) struct Words<'a> {
    i18n: &'a I18n,
    periods: Vec<HashMap<Period, PeriodWords>>,
    /// Per language: on target, close, off target, no value, not appropriate, no
    /// direction.
    statuses: Vec<[String; 6]>,
}

impl<'a> Words<'a> {
    /// Formats the words of every period `site` names, in every language.
    pub(super) fn new(site: &Site, i18n: &'a I18n) -> Result<Words<'a>, String> {
        let mut used = BTreeSet::new();
        for ind in &site.indicators {
            used.extend(ind.values.keys().copied());
            used.extend(ind.targets.keys().copied());
            for text in &ind.text {
                used.extend(text.commentary.keys().copied());
                used.extend(text.rationale.keys().copied());
            }
        }
        used.extend(site.reports.iter().map(|r| r.period));
        used.extend(site.target_years.iter().map(|t| t.year));
        // A quarter's status names its year.
        let years: Vec<Period> = used.iter().map(|p| p.year()).collect();
        used.extend(years);
        let mut periods = Vec::new();
        let mut statuses = Vec::new();
        for lang in 0..site.config.languages.len() {
            let t = |key: &str| i18n.t(lang, key, &[]);
            statuses.push([
                t("status-on-target")?,
                t("status-close")?,
                t("status-off-target")?,
                t("status-no-value")?,
                t("status-not-appropriate")?,
                t("status-no-direction")?,
            ]);
            let words = used
                .iter()
                .map(|&p| Ok((p, period_words(i18n, lang, p)?)))
                .collect::<Result<HashMap<_, _>, String>>()?;
            periods.push(words);
        }
        Ok(Words {
            i18n,
            periods,
            statuses,
        })
    }

    /// Words for a period the site does not name (a gap in a chart), formatted now.
    fn of(&self, lang: usize, p: Period) -> Result<Cow<'_, PeriodWords>, String> {
        match self.periods[lang].get(&p) {
            Some(w) => Ok(Cow::Borrowed(w)),
            None => period_words(self.i18n, lang, p).map(Cow::Owned),
        }
    }

    /// "Quarter 2 2019-20", borrowed when it can be.
    pub(super) fn period_str(&self, lang: usize, p: Period) -> Result<Cow<'_, str>, String> {
        Ok(match self.of(lang, p)? {
            Cow::Borrowed(w) => Cow::Borrowed(w.long.as_str()),
            Cow::Owned(w) => Cow::Owned(w.long),
        })
    }

    /// A period in words: "Quarter 2 2019-20" (or, `short`, "Q2 2019-20").
    pub(super) fn period(&self, lang: usize, p: Period, short: bool) -> Result<String, String> {
        let w = self.of(lang, p)?;
        Ok(if short { &w.short } else { &w.long }.clone())
    }

    /// "in Quarter 2 2019-20", as a whole phrase (see [`I18n::period_in`]).
    pub(super) fn period_in(&self, lang: usize, p: Period) -> Result<String, String> {
        Ok(self.of(lang, p)?.within.clone())
    }

    /// Like [`Words::status`], borrowing the words when it can.
    pub(super) fn status_str(
        &self,
        lang: usize,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<(&'static str, Cow<'_, str>), String> {
        let s = &self.statuses[lang];
        let fixed = |key, i: usize| Ok((key, Cow::Borrowed(s[i].as_str())));
        match status {
            Ok(Status::OnTarget) => fixed("on-target", 0),
            Ok(Status::Close) => fixed("close", 1),
            Ok(Status::OffTarget) => fixed("off-target", 2),
            Err(NoStatus::NoValue) => fixed("none", 3),
            Err(NoStatus::NoTarget) => Ok((
                "none",
                match self.of(lang, period.year())? {
                    Cow::Borrowed(w) => Cow::Borrowed(w.no_target.as_str()),
                    Cow::Owned(w) => Cow::Owned(w.no_target),
                },
            )),
            Err(NoStatus::NotAppropriate) => fixed("none", 4),
            Err(NoStatus::NoDirection) => fixed("none", 5),
        }
    }

    /// A status's code (`on-target`, `close`, `off-target` or `none`, for CSS, icons
    /// and data files) and its words, with the reason when there is none.
    pub(super) fn status(
        &self,
        lang: usize,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<(&'static str, String), String> {
        let (key, words) = self.status_str(lang, status, period)?;
        Ok((key, words.into_owned()))
    }
}

fn period_words(i18n: &I18n, lang: usize, p: Period) -> Result<PeriodWords, String> {
    Ok(PeriodWords {
        long: i18n.period(lang, p, false)?,
        short: i18n.period(lang, p, true)?,
        within: i18n.period_in(lang, p)?,
        no_target: i18n.t(
            lang,
            "status-no-target",
            &[("year", Arg::Text(p.year().year_label()))],
        )?,
    })
}
