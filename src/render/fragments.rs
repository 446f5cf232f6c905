//! The small pieces of markup that every row of a table repeats (a status with its
//! icon, a direction of travel with its arrow, a figure's markers), each rendered
//! from the theme's own partial once per render for each distinct input and
//! language, and handed to templates as safe strings.
//!
//! A report of 1,000 indicators shows 1,000 statuses and 2,000 directions of travel,
//! but only a handful of distinct ones. Including `partials/status.html` for each
//! row ran the template engine 3,000 times to write the same dozen strings; now the
//! theme still decides the markup (edit the partial and every row follows), and a
//! row prints `{{ f.status.html }}`. A partial is rendered on its own, so it sees
//! only what it is given (`s`, `d` or `f`) and the environment's globals (`t()`,
//! `status_keys`, ...), not the page's variables.

use crate::diagnostics::Diagnostic;
use crate::model::{StatusKey, TravelKey};
use crate::theme::templates;
use minijinja::{Environment, ErrorKind, Value, context};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

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
    /// Per language: each direction of travel, in [`TravelKey::ALL`] order, with
    /// `key`, `label` and `html`.
    travels: Vec<[OnceLock<Result<Value, Diagnostic>>; TravelKey::ALL.len()]>,
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
            travels: envs.iter().map(|_| Default::default()).collect(),
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
        let mut seen = self.statuses[lang]
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, v)) = seen.iter().find(|(k, l, _)| *k == key && l == label) {
            return Ok(v.clone());
        }
        let value = self.keyed(lang, STATUS, "s", key.code(), label)?;
        seen.push((key, label.to_string(), value.clone()));
        Ok(value)
    }

    /// A direction of travel with its words (`label`, the same for every figure of
    /// a language), as templates read it: `key`, `label`, and `html`
    /// (`partials/travel.html` with `d` set to the first two).
    pub(super) fn travel(
        &self,
        lang: usize,
        key: TravelKey,
        label: &str,
    ) -> Result<Value, Diagnostic> {
        self.travels[lang][key as usize]
            .get_or_init(|| self.keyed(lang, TRAVEL, "d", key.code(), label))
            .clone()
    }

    /// The markup of a figure's markers (`partials/marker.html` with `f` carrying
    /// `marker`, `provisional` and `revised`).
    pub(super) fn markers(&self, lang: usize, markers: Markers) -> Result<Value, Diagnostic> {
        let mut seen = self.markers[lang].lock().unwrap_or_else(|e| e.into_inner());
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
