//! What each type of front-matter field does in the code `content_kind!` derives:
//! how its words are read by the word checks ([`WordsField`]), how a translation's
//! version lines up with the source's ([`Paired`]), whether it is a per-period map
//! ([`Field`]), and how it becomes the model's text ([`label`], [`text`]).

use super::kinds::{SectionFront, SectionWords};
use super::span::{At, Periods, Repeat};
use super::{Direction, Unit};
use crate::date::Date;
use crate::diagnostics::Pos;
use crate::period::Period;
use crate::typography::smart_quotes;
use std::collections::BTreeMap;

/// One piece of words in a file: the key it is under, the period within that key
/// (for per-period words), its text, and where the parser found it.
#[derive(Debug, Clone, Copy)]
pub struct WordAt<'a> {
    /// The top-level key (`sections` for a section's words).
    pub key: &'static str,
    /// The period, for words given per period.
    pub period: Option<Period>,
    /// The words as written.
    pub text: &'a str,
    /// Where they were written (line 0 when not given).
    pub pos: Pos,
}

impl<'a> WordAt<'a> {
    fn of(key: &'static str, text: &'a At<String>) -> Self {
        WordAt {
            key,
            period: None,
            text: &text.value,
            pos: text.pos,
        }
    }
}

/// A field that holds words, read piece by piece.
pub(super) trait WordsField {
    /// Calls `out` with each piece, under `key`. A field that may be left out gives
    /// an empty piece when it is, so that a source's words and its translation's line
    /// up.
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>));
}

impl WordsField for At<String> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        out(WordAt::of(key, self));
    }
}

impl WordsField for Option<At<String>> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        out(match self {
            Some(text) => WordAt::of(key, text),
            None => WordAt {
                key,
                period: None,
                text: "",
                pos: Pos::default(),
            },
        });
    }
}

impl WordsField for Periods<String> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        for (p, text) in self.iter() {
            out(WordAt {
                key,
                period: Some(*p),
                text,
                pos: self.pos(p),
            });
        }
    }
}

impl WordsField for Vec<At<String>> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        for item in self {
            out(WordAt::of(key, item));
        }
    }
}

impl WordsField for At<Vec<At<String>>> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        self.value.each_word(key, out);
    }
}

impl WordsField for Vec<SectionFront> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        for part in self {
            super::HasWords::each_word(part, Some(key), out);
        }
    }
}

impl WordsField for At<Vec<SectionWords>> {
    fn each_word<'a>(&'a self, key: &'static str, out: &mut dyn FnMut(WordAt<'a>)) {
        for part in &self.value {
            super::HasWords::each_word(part, Some(key), out);
        }
    }
}

/// How a translation's version of a words field lines up with its source's.
#[derive(Debug)]
pub enum Shape<'a> {
    /// Given in both, always (a title).
    Fixed,
    /// May be left out: given in both or in neither.
    Optional {
        /// Whether the source gives it.
        source: bool,
        /// Where the translation gives it, if it does.
        translated: Option<Pos>,
    },
    /// Words per period: the same periods in both.
    Periods {
        /// The source's.
        source: &'a Periods<String>,
        /// The translation's.
        translated: &'a Periods<String>,
    },
    /// A list: as many items in both, in the same order; each a part with words
    /// fields of its own (`parts`, one per item both have) or plain words (none).
    Items {
        /// How many the source has.
        source: usize,
        /// How many the translation has.
        translated: usize,
        /// Where the translation's list is.
        pos: Pos,
        /// For each item both have: where the translation's item starts, and its
        /// words fields' shapes.
        parts: Vec<(Pos, Vec<(&'static str, Shape<'a>)>)>,
    },
}

/// A source's words field beside the translation's version, of type `T`.
pub(super) trait Paired<T> {
    /// How the two line up.
    fn shape<'a>(&'a self, translated: &'a T) -> Shape<'a>;
}

impl Paired<At<String>> for At<String> {
    fn shape<'a>(&'a self, _: &'a At<String>) -> Shape<'a> {
        Shape::Fixed
    }
}

impl Paired<Option<At<String>>> for Option<At<String>> {
    fn shape<'a>(&'a self, translated: &'a Option<At<String>>) -> Shape<'a> {
        Shape::Optional {
            source: self.is_some(),
            translated: translated.as_ref().map(|t| t.pos),
        }
    }
}

impl Paired<Periods<String>> for Periods<String> {
    fn shape<'a>(&'a self, translated: &'a Periods<String>) -> Shape<'a> {
        Shape::Periods {
            source: self,
            translated,
        }
    }
}

impl Paired<At<Vec<At<String>>>> for Vec<At<String>> {
    fn shape<'a>(&'a self, translated: &'a At<Vec<At<String>>>) -> Shape<'a> {
        Shape::Items {
            source: self.len(),
            translated: translated.len(),
            pos: translated.pos,
            parts: Vec::new(),
        }
    }
}

impl Paired<At<Vec<SectionWords>>> for Vec<SectionFront> {
    fn shape<'a>(&'a self, translated: &'a At<Vec<SectionWords>>) -> Shape<'a> {
        let parts = self
            .iter()
            .zip(translated.iter())
            .map(|(s, t)| {
                let mut shapes = Vec::new();
                super::Translates::each_pair(s, t, &mut |key, shape| shapes.push((key, shape)));
                (super::HasWords::first_pos(t), shapes)
            })
            .collect();
        Shape::Items {
            source: self.len(),
            translated: translated.len(),
            pos: translated.pos,
            parts,
        }
    }
}

/// Any field of a declared kind.
pub(super) trait Field {
    /// For a per-period map: the periods given again in it.
    fn repeats(&self) -> Option<&[Repeat]> {
        None
    }
}

impl<V> Field for Periods<V> {
    fn repeats(&self) -> Option<&[Repeat]> {
        Some(&self.repeats)
    }
}

/// Fields that are not per-period maps.
macro_rules! not_periods {
    ($($t:ty),* $(,)?) => {
        $(impl Field for $t {})*
    };
}

not_periods!(
    bool,
    Unit,
    Direction,
    At<String>,
    At<Period>,
    Option<At<String>>,
    Option<At<f64>>,
    Option<At<Date>>,
    Option<At<Vec<At<String>>>>,
    Vec<At<String>>,
    Vec<At<Period>>,
    Vec<SectionFront>,
);

/// Short words typeset for the model: a title or a theme, with curly quotes.
pub(super) fn label<T: Label + ?Sized>(field: &T) -> T::Model {
    field.label()
}

/// Words as written, for the model.
pub(super) fn text<T: Text + ?Sized>(field: &T) -> T::Model {
    field.text()
}

/// A field whose words are a label: typeset with curly quotes.
pub(super) trait Label {
    /// The model's form.
    type Model;
    /// It, typeset.
    fn label(&self) -> Self::Model;
}

impl Label for At<String> {
    type Model = String;
    fn label(&self) -> String {
        smart_quotes(&self.value).into_owned()
    }
}

impl Label for Option<At<String>> {
    type Model = Option<String>;
    fn label(&self) -> Option<String> {
        self.as_ref().map(Label::label)
    }
}

/// A field whose words are taken as written (Markdown, typeset when rendered).
pub(super) trait Text {
    /// The model's form.
    type Model;
    /// It, as the model holds it.
    fn text(&self) -> Self::Model;
}

impl Text for Periods<String> {
    type Model = BTreeMap<Period, String>;
    fn text(&self) -> Self::Model {
        self.to_map()
    }
}

impl Text for Option<At<String>> {
    type Model = Option<String>;
    fn text(&self) -> Option<String> {
        self.as_ref().map(|t| t.value.clone())
    }
}

impl Text for [At<String>] {
    type Model = Vec<String>;
    fn text(&self) -> Vec<String> {
        self.iter().map(|i| i.value.clone()).collect()
    }
}

impl Text for Vec<At<String>> {
    type Model = Vec<String>;
    fn text(&self) -> Vec<String> {
        self.as_slice().text()
    }
}

impl Text for At<Vec<At<String>>> {
    type Model = Vec<String>;
    fn text(&self) -> Vec<String> {
        self.value.text()
    }
}

/// A report's sections: each one's title (a label) and summary (as written).
impl Text for [SectionFront] {
    type Model = Vec<(String, Option<String>)>;
    fn text(&self) -> Self::Model {
        self.iter()
            .map(|s| (s.title.label(), s.summary.text()))
            .collect()
    }
}

impl Text for Vec<SectionFront> {
    type Model = Vec<(String, Option<String>)>;
    fn text(&self) -> Self::Model {
        self.as_slice().text()
    }
}

impl Text for At<Vec<SectionWords>> {
    type Model = Vec<(String, Option<String>)>;
    fn text(&self) -> Self::Model {
        self.value
            .iter()
            .map(|s| (s.title.label(), s.summary.text()))
            .collect()
    }
}
