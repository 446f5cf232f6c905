//! The small pieces of markup that every row of a table repeats (a status with its
//! icon, a direction of travel with its arrow, a figure's markers), each rendered
//! from the theme's own partial once per render for each distinct input and
//! language, and handed to templates as safe strings.
//!
//! A report of 1,000 indicators shows 1,000 statuses and 2,000 directions of travel,
//! but only a handful of distinct ones. (A direction of travel states its change,
//! "Down 5 days: improved", so its words differ from figure to figure: its partial
//! is rendered once per key and movement with placeholders for the words, which
//! each figure's words, escaped, then replace.) Including `partials/status.html` for each
//! row ran the template engine 3,000 times to write the same dozen strings; now the
//! theme still decides the markup (edit the partial and every row follows), and a
//! row prints `{{ f.status.html }}`. A partial is rendered on its own, so it sees
//! only what it is given (`s`, `d` or `f`) and the environment's globals (`t()`,
//! `status_keys`, ...), not the page's variables.

use super::lock;
use super::renderer::Renderer;
use crate::diagnostics::Diagnostic;
use crate::figures::Travel;
use crate::i18n::Arg;
use crate::model::{Indicator, Movement, StatusKey, TravelKey};
use crate::period::Period;
use crate::theme::templates;
use minijinja::value::{Enumerator, Object};
use minijinja::{Environment, ErrorKind, Value, context};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// The placeholders of a direction of travel's words in its partial: characters
/// of Unicode's private use area, which no escaping changes and no words hold.
const LABEL: &str = "\u{E000}label\u{E000}";
const FROM: &str = "\u{E000}from\u{E000}";

/// Each key, by movement (none, up, down, level), with and without a gap named.
const TRAVEL_SLOTS: usize = TravelKey::ALL.len() * 4 * 2;

/// A direction of travel's partial with placeholders, once rendered.
type TravelCell = OnceLock<Result<Option<Marked>, Diagnostic>>;

/// The views of the directions of travel in one slot, by their words.
type TravelViews = Mutex<FxHashMap<Box<str>, Value>>;

/// A partial rendered with placeholders, split at them: each piece of markup, then
/// what goes after it (the words of the label, or of `from`), if anything.
#[derive(Debug)]
struct Marked(Vec<(String, Option<Slot>)>);

/// Where a figure's words go in a [`Marked`] partial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Label,
    From,
}

impl Marked {
    /// `html` split at every [`LABEL`] and [`FROM`].
    fn split(html: &str) -> Marked {
        let mut pieces = Vec::new();
        let mut rest = html;
        loop {
            let next = [(LABEL, Slot::Label), (FROM, Slot::From)]
                .into_iter()
                .filter_map(|(mark, slot)| Some((rest.find(mark)?, mark, slot)))
                .min_by_key(|(at, _, _)| *at);
            let Some((at, mark, slot)) = next else {
                pieces.push((rest.to_string(), None));
                return Marked(pieces);
            };
            pieces.push((rest[..at].to_string(), Some(slot)));
            rest = &rest[at + mark.len()..];
        }
    }

    /// The markup with `label` and `from` in their places, escaped, each figure in
    /// them ("5 days", "Quarter 2 2019-20") kept on one line as the templates'
    /// `keep_figures` filter keeps it.
    fn fill(&self, label: &str, from: Option<&str>) -> String {
        let size: usize = self.0.iter().map(|(text, _)| text.len() + 24).sum();
        let mut html = String::with_capacity(size + label.len());
        for (text, slot) in &self.0 {
            html.push_str(text);
            let words = match slot {
                Some(Slot::Label) => label,
                Some(Slot::From) => from.unwrap_or_default(),
                None => continue,
            };
            html.push_str(&crate::theme::templates::keep_figures(words));
        }
        html
    }
}

/// Where [`Fragments::travel`] keeps the partial of a direction of travel.
fn travel_slot(t: &Travel, gap: bool) -> usize {
    let movement = match t.movement {
        None => 0,
        Some(Movement::Up) => 1,
        Some(Movement::Down) => 2,
        Some(Movement::Level) => 3,
    };
    ((t.key as usize) * 4 + movement) * 2 + usize::from(gap)
}

/// A figure's direction of travel as templates read it (see [`Fragments::travel`]):
/// an object rather than a map, as there are two for every figure shown.
#[derive(Debug)]
struct TravelView {
    key: &'static str,
    movement: Option<&'static str>,
    label: String,
    from: Option<String>,
    html: Option<Value>,
}

impl Object for TravelView {
    fn get_value(self: &Arc<Self>, field: &Value) -> Option<Value> {
        Some(match field.as_str()? {
            "key" => Value::from(self.key),
            "movement" => Value::from(self.movement),
            "label" => Value::from(self.label.as_str()),
            "from" => Value::from(self.from.as_deref()),
            "html" => self.html.clone()?,
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match self.html {
            Some(_) => Enumerator::Str(&["key", "movement", "label", "from", "html"]),
            None => Enumerator::Str(&["key", "movement", "label", "from"]),
        }
    }
}

/// The partials rendered here, by name.
const STATUS: &str = "partials/status.html";
const TRAVEL: &str = "partials/travel.html";
const MARKER: &str = "partials/marker.html";

/// A figure's markers, as `partials/marker.html` reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Markers {
    /// `[p]`, `[r]`, `[p] [r]`.
    pub(super) marker: &'static str,
    pub(super) provisional: bool,
    pub(super) revised: bool,
}

/// The fragments of one render, per language, made when first asked for.
pub(super) struct Fragments<'a> {
    envs: &'a [Environment<'static>],
    /// The theme's templates folder, relative to the site root, for messages.
    templates_dir: &'a Path,
    /// Per language: each status seen (key and words) as a template value with
    /// `key`, `label` and `html`. A few per site: the statuses, and "no target for
    /// YEAR" for each year.
    statuses: Vec<Mutex<Vec<(StatusKey, String, Value)>>>,
    /// Per language: `partials/travel.html` for each key, movement and whether a
    /// gap is named (see [`travel_slot`]), with [`LABEL`] and [`FROM`] for the
    /// words; `None` when the theme has no such partial.
    travels: Vec<Vec<TravelCell>>,
    /// Per language and slot of `travels`: each direction of travel seen without a
    /// gap, by its words. Its view is the same for every figure with those words,
    /// and a build shows 100,000 of them at 1,000 indicators; a few hundred differ.
    travel_views: Vec<Vec<TravelViews>>,
    /// Per language: each combination of markers seen, and its markup.
    markers: Vec<Mutex<Vec<(Markers, Value)>>>,
}

impl<'a> Fragments<'a> {
    /// No fragments yet, for the languages of `envs`.
    pub(super) fn new(envs: &'a [Environment<'static>], templates_dir: &'a Path) -> Self {
        Fragments {
            envs,
            templates_dir,
            statuses: envs.iter().map(|_| Mutex::default()).collect(),
            travels: envs
                .iter()
                .map(|_| (0..TRAVEL_SLOTS).map(|_| OnceLock::new()).collect())
                .collect(),
            travel_views: envs
                .iter()
                .map(|_| (0..TRAVEL_SLOTS).map(|_| Mutex::default()).collect())
                .collect(),
            markers: envs.iter().map(|_| Mutex::default()).collect(),
        }
    }

    /// A status with its words, as templates read it: `key`, `label`, and `html`
    /// (`partials/status.html` with `s` set to the first two).
    pub(super) fn status(
        &self,
        lang: usize,
        key: StatusKey,
        label: &str,
    ) -> Result<Value, Diagnostic> {
        let mut seen = lock(&self.statuses[lang]);
        if let Some((_, _, v)) = seen.iter().find(|(k, l, _)| *k == key && l == label) {
            return Ok(v.clone());
        }
        let value = self.keyed(lang, STATUS, "s", key.code(), label)?;
        seen.push((key, label.to_string(), value.clone()));
        Ok(value)
    }

    /// A figure's direction of travel, as templates read it: `key`, `movement`
    /// (`up`, `down`, `level`, or none when not comparable), `label` (its words
    /// with the change), `from` (the period compared with, named across a gap) and
    /// `html` (`partials/travel.html` with `d` set to those).
    pub(super) fn travel(
        &self,
        lang: usize,
        t: &Travel,
        label: &str,
        from: Option<&str>,
    ) -> Result<Value, Diagnostic> {
        let slot = travel_slot(t, from.is_some());
        // Across a gap the words name periods, which differ from figure to figure.
        let seen = from.is_none().then(|| &self.travel_views[lang][slot]);
        if let Some(view) = seen.and_then(|s| lock(s).get(label).cloned()) {
            return Ok(view);
        }
        let (key, movement) = (t.key.code(), t.movement.map(Movement::code));
        let marked = self.travels[lang][slot].get_or_init(|| {
            let d = context! {
                key => key,
                movement => movement,
                label => LABEL,
                from => from.map(|_| FROM),
            };
            Ok(self
                .render(lang, TRAVEL, context! { d => d })?
                .map(|html| Marked::split(&html.to_string())))
        });
        let mut view = TravelView {
            key,
            movement,
            label: label.to_string(),
            from: from.map(str::to_string),
            html: None,
        };
        // Without `html` when the theme has no such partial (a template that asks
        // for it then fails, naming it).
        if let Some(marked) = marked.as_ref().map_err(Clone::clone)? {
            view.html = Some(Value::from_safe_string(marked.fill(label, from)));
        }
        let view = Value::from_object(view);
        if let Some(seen) = seen {
            lock(seen).insert(label.into(), view.clone());
        }
        Ok(view)
    }

    /// The markup of a figure's markers (`partials/marker.html` with `f` carrying
    /// `marker`, `provisional` and `revised`).
    pub(super) fn markers(&self, lang: usize, markers: Markers) -> Result<Value, Diagnostic> {
        let mut seen = lock(&self.markers[lang]);
        if let Some((_, v)) = seen.iter().find(|(m, _)| *m == markers) {
            return Ok(v.clone());
        }
        let f = context! {
            marker => markers.marker,
            provisional => markers.provisional,
            revised => markers.revised,
        };
        let html = self
            .render(lang, MARKER, context! { f => f })?
            .unwrap_or_default();
        seen.push((markers, html.clone()));
        Ok(html)
    }

    /// `key` and `label`, and `html`: the partial `name` rendered with them as
    /// `var`. Without `html` when the theme has no such partial (a template that
    /// asks for it then fails, naming it).
    fn keyed(
        &self,
        lang: usize,
        name: &str,
        var: &str,
        key: &'static str,
        label: &str,
    ) -> Result<Value, Diagnostic> {
        let fields = || context! { key => key, label => label };
        let ctx = Value::from_pairs([(var, fields())]);
        Ok(match self.render(lang, name, ctx)? {
            Some(html) => context! { key => key, label => label, html => html },
            None => fields(),
        })
    }

    /// The partial `name` rendered with `ctx`, as a safe string; `None` if the
    /// theme has no such partial.
    fn render(&self, lang: usize, name: &str, ctx: Value) -> Result<Option<Value>, Diagnostic> {
        let fail = |e: &minijinja::Error| templates::template_error(self.templates_dir, e);
        let template = match self.envs[lang].get_template(name) {
            Ok(t) => t,
            Err(e) if e.kind() == ErrorKind::TemplateNotFound => return Ok(None),
            Err(e) => return Err(fail(&e)),
        };
        let html = template.render(ctx).map_err(|e| fail(&e))?;
        Ok(Some(Value::from_safe_string(html)))
    }
}

impl Renderer<'_> {
    /// Indicator `ind`'s direction of travel `t` for `period`, as templates read it
    /// (see [`Fragments::travel`]).
    pub(super) fn travel_view(
        &self,
        ind: &Indicator,
        period: Period,
        t: Travel,
    ) -> Result<(TravelKey, Value), Diagnostic> {
        let label = self.words.travel_words(self.lang, ind.unit, &t)?;
        let from = match t.from {
            Some(from) if t.skipped > 0 => Some(self.gap_words(period, from, t.skipped)?),
            _ => None,
        };
        let view = self
            .fragments
            .travel(self.lang, &t, &label, from.as_deref())?;
        Ok((t.key, view))
    }

    /// The period a figure is compared with across a gap, and the gap: "since
    /// Quarter 2 2019-20: no figure for Quarter 3 2019-20".
    fn gap_words(&self, period: Period, from: Period, skipped: u8) -> Result<String, Diagnostic> {
        let words = |p: Option<Period>| -> Result<Arg, Diagnostic> {
            let p = p.unwrap_or(period);
            Ok(Arg::Text(self.words.period_str(self.lang, p)?.into_owned()))
        };
        self.t(
            "travel-since-gap",
            &[
                ("period", words(Some(from))?),
                ("missing", Arg::Number(f64::from(skipped))),
                ("first", words(Some(from.next()))?),
                ("last", words(period.previous())?),
            ],
        )
    }
}
