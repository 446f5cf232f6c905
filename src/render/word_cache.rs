//! UI words that every page and data file asks for again and again (a period in
//! words, a status in words), formatted once per render, when first asked for. A
//! report of 1,000 indicators asks for the same "Quarter 2 2019-20" 2,000 times;
//! Fluent formats it once.

use crate::content::Unit;
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::figures::Figures;
use crate::figures::{Rounded, Travel};
use crate::i18n::{Arg, I18n};
use crate::model::{Movement, NoStatus, Site, Status, StatusKey, TravelKey};
use crate::period::Period;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// What the words of a direction of travel depend on: its judgement, movement, the
/// unit and the change.
type TravelWordsKey = (TravelKey, Option<Movement>, Unit, Option<Rounded>);

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

/// The financial years whose words are kept: periods outside are formatted each
/// time they are asked for.
const FIRST_YEAR: u16 = 1950;
const YEARS: usize = 150;

/// A direction of travel's words (see [`WordCache::travel_words`]): shared with the
/// cache, not copied, as a build asks for 200,000 at 1,000 indicators.
#[derive(Debug, Clone)]
pub enum TravelWords<'a> {
    /// Words with the change, as kept.
    Kept(Arc<str>),
    /// The key's own words.
    Key(&'a str),
}

impl std::ops::Deref for TravelWords<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            TravelWords::Kept(words) => words,
            TravelWords::Key(words) => words,
        }
    }
}

impl serde::Serialize for TravelWords<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// The words of one render, per language.
pub(super) struct WordCache<'a> {
    i18n: &'a I18n,
    /// Per language: its strings file, which a problem with its words names.
    ui_files: Vec<PathBuf>,
    /// Per language, a slot per period of the years kept, filled when first asked for
    /// (a table rather than a list of the site's periods, which would mean reading
    /// every indicator at every render).
    periods: Vec<Vec<OnceLock<Result<PeriodWords, Diagnostic>>>>,
    /// Per language: on target, close, off target, no value, not appropriate, no
    /// direction.
    statuses: Vec<[String; 7]>,
    /// Per language: each direction of travel, in [`TravelKey::ALL`] order.
    travels: Vec<[String; TravelKey::ALL.len()]>,
    /// Per language: the words of each direction of travel with its change seen
    /// ("Down 5 days: improved"), or `None` for its key's words. A figure's words
    /// are asked for by its pages and three data files; distinct changes are far
    /// fewer than figures, and Fluent formats each once.
    travel_words: Vec<Mutex<FxHashMap<TravelWordsKey, Option<Arc<str>>>>>,
    /// Per language: figures in words.
    figures: Vec<Figures<'a>>,
    /// Per language: what every page's header and footer show of the site (see
    /// `Renderer::site_info`), made once per render rather than once per page.
    pub(super) site_info: Vec<OnceLock<Result<minijinja::Value, Diagnostic>>>,
}

impl<'a> WordCache<'a> {
    /// The words of `site`'s languages.
    /// Problems name the language's strings file.
    pub(super) fn new(site: &Site, i18n: &'a I18n) -> Result<WordCache<'a>, Diagnostics> {
        let mut periods = Vec::new();
        let mut statuses = Vec::new();
        let mut travels = Vec::new();
        let mut figures = Vec::new();
        for lang in 0..site.config.languages.len() {
            let t = |key: &str| {
                i18n.t(lang, key, &[])
                    .map_err(|m| Diagnostics(vec![super::ui_strings_error(site, lang, m)]))
            };
            statuses.push([
                t("status-on-target")?,
                t("status-close")?,
                t("status-off-target")?,
                t("status-no-value")?,
                t("status-not-appropriate")?,
                t("status-no-direction")?,
                t("status-not-stated")?,
            ]);
            let words = TravelKey::ALL
                .iter()
                .map(|k| t(&format!("travel-{}", k.code())))
                .collect::<Result<Vec<_>, _>>()?;
            travels.push(words.try_into().expect("one word per travel key"));
            periods.push((0..YEARS * 5).map(|_| OnceLock::new()).collect());
            figures.push(Figures::new(i18n, lang));
        }
        Ok(WordCache {
            i18n,
            ui_files: (0..site.config.languages.len())
                .map(|lang| super::ui_strings_file(&site.config, lang))
                .collect(),
            periods,
            statuses,
            travel_words: travels.iter().map(|_| Mutex::default()).collect(),
            travels,
            figures,
            site_info: (0..site.config.languages.len())
                .map(|_| OnceLock::new())
                .collect(),
        })
    }

    /// A direction of travel in words: "Improved".
    pub(super) fn travel(&self, lang: usize, key: TravelKey) -> &str {
        &self.travels[lang][key as usize]
    }

    /// A direction of travel in words with its change ("Down 5 days: improved"),
    /// or, when the figure did not move or is not comparable, its key's words.
    pub(super) fn travel_words(
        &self,
        lang: usize,
        unit: Unit,
        t: &Travel,
    ) -> Result<TravelWords<'_>, Diagnostic> {
        let key = (t.key, t.movement, unit, t.change);
        let seen = |words: &Option<Arc<str>>| match words {
            Some(words) => TravelWords::Kept(words.clone()),
            None => TravelWords::Key(self.travel(lang, t.key)),
        };
        let cache = &self.travel_words[lang];
        if let Some(words) = super::lock(cache).get(&key) {
            return Ok(seen(words));
        }
        let words = self.figures[lang]
            .travel(unit, t)
            .map_err(|m| Diagnostic::in_file(Code::MissingUiString, &self.ui_files[lang], m))?
            .map(Arc::from);
        let shown = seen(&words);
        super::lock(cache).insert(key, words);
        Ok(shown)
    }

    /// Figures in words in language `lang`: the one formatter of figures.
    pub(super) fn figures(&self, lang: usize) -> &Figures<'a> {
        &self.figures[lang]
    }

    /// A period's words: kept, or (outside the years kept) formatted now.
    fn of(&self, lang: usize, p: Period) -> Result<Cow<'_, PeriodWords>, Diagnostic> {
        let year = usize::from(p.start_year.wrapping_sub(FIRST_YEAR));
        if year >= YEARS {
            return self.period_words(lang, p).map(Cow::Owned);
        }
        let slot = year * 5 + usize::from(p.quarter.unwrap_or(0).min(4));
        self.periods[lang][slot]
            .get_or_init(|| self.period_words(lang, p))
            .as_ref()
            .map(Cow::Borrowed)
            .map_err(Clone::clone)
    }

    /// "Quarter 2 2019-20", borrowed when it can be.
    pub(super) fn period_str(&self, lang: usize, p: Period) -> Result<Cow<'_, str>, Diagnostic> {
        Ok(match self.of(lang, p)? {
            Cow::Borrowed(w) => Cow::Borrowed(w.long.as_str()),
            Cow::Owned(w) => Cow::Owned(w.long),
        })
    }

    /// A period in words: "Quarter 2 2019-20" (or, `short`, "Q2 2019-20").
    pub(super) fn period(&self, lang: usize, p: Period, short: bool) -> Result<String, Diagnostic> {
        let w = self.of(lang, p)?;
        Ok(if short { &w.short } else { &w.long }.clone())
    }

    /// "in Quarter 2 2019-20", as a whole phrase (see [`I18n::period_in`]).
    pub(super) fn period_in(&self, lang: usize, p: Period) -> Result<String, Diagnostic> {
        Ok(self.of(lang, p)?.within.clone())
    }

    /// Like [`WordCache::status`], borrowing the words when it can.
    pub(super) fn status_str(
        &self,
        lang: usize,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<(StatusKey, Cow<'_, str>), Diagnostic> {
        let s = &self.statuses[lang];
        let key = StatusKey::of(status);
        let fixed = |i: usize| Ok((key, Cow::Borrowed(s[i].as_str())));
        match status {
            Ok(Status::OnTarget) => fixed(0),
            Ok(Status::Close) => fixed(1),
            Ok(Status::OffTarget) => fixed(2),
            Err(NoStatus::NoValue) => fixed(3),
            Err(NoStatus::NoTarget) => Ok((
                key,
                match self.of(lang, period.year())? {
                    Cow::Borrowed(w) => Cow::Borrowed(w.no_target.as_str()),
                    Cow::Owned(w) => Cow::Owned(w.no_target),
                },
            )),
            Err(NoStatus::NotAppropriate) => fixed(4),
            Err(NoStatus::NoDirection) => fixed(5),
            Err(NoStatus::NotStated) => fixed(6),
        }
    }

    /// A status's key (for CSS, icons and data files) and its words, with the
    /// reason when there is none.
    pub(super) fn status(
        &self,
        lang: usize,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<(StatusKey, String), Diagnostic> {
        let (key, words) = self.status_str(lang, status, period)?;
        Ok((key, words.into_owned()))
    }
}

impl WordCache<'_> {
    fn period_words(&self, lang: usize, p: Period) -> Result<PeriodWords, Diagnostic> {
        let i18n = self.i18n;
        let ui = |m: String| Diagnostic::in_file(Code::MissingUiString, &self.ui_files[lang], m);
        Ok(PeriodWords {
            long: i18n.period(lang, p, false).map_err(ui)?,
            short: i18n.period(lang, p, true).map_err(ui)?,
            within: i18n.period_in(lang, p).map_err(ui)?,
            no_target: i18n
                .t(
                    lang,
                    "status-no-target",
                    &[("year", Arg::Text(p.year().year_label()))],
                )
                .map_err(ui)?,
        })
    }

    /// A date as `<time>` shows it: `datetime` in ISO form, words in the language
    /// ("20 May 2020", "20 Mai 2020"). The one formatter of dates.
    pub(super) fn date(&self, lang: usize, d: Date) -> Result<DateView, Diagnostic> {
        let ui = |m: String| Diagnostic::in_file(Code::MissingUiString, &self.ui_files[lang], m);
        let month = self
            .i18n
            .t(lang, &format!("month-{}", d.month), &[])
            .map_err(ui)?;
        let text = self
            .i18n
            .t(
                lang,
                "date",
                &[
                    ("day", Arg::Text(d.day.to_string())),
                    ("month", Arg::Text(month)),
                    ("year", Arg::Text(d.year.to_string())),
                ],
            )
            .map_err(ui)?;
        Ok(DateView {
            datetime: d.to_string(),
            text,
        })
    }
}

/// A date for templates: `<time datetime="{{ d.datetime }}">{{ d.text }}</time>`.
#[derive(Debug, Clone, serde::Serialize)]
pub(super) struct DateView {
    /// `2020-05-20`.
    pub(super) datetime: String,
    /// "20 May 2020".
    pub(super) text: String,
}
