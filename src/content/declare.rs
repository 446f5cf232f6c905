//! `content_kind!`: declares a content kind's front-matter fields once, each a
//! figure or words, in the order `dangos new` writes them; the shapes and lists every
//! other part of dangos reads come from that one declaration (see `kinds.rs`).
//!
//! From a declaration come: the source struct (every field), the translation struct
//! (the words fields, and `translated_from`), the key lists (`KEYS`, `FIGURE_KEYS`,
//! `WORD_KEYS`), the words the word checks read ([`HasWords`]), the model's text in
//! one language (`model_text`), how a translation lines up with its source
//! ([`Translates`]), and the per-period maps checked for repeated periods
//! ([`HasPeriods`]). What each field's type does there is in `fields.rs`.

use super::fields::{Shape, WordAt};
use super::span::Repeat;
use crate::diagnostics::Pos;

/// Declares one content kind (or a part of one, such as a report's section). Each
/// field is `figure NAME: TYPE` or `words(CONVERSION) NAME: TYPE`, the latter with
/// `| TRANSLATION_TYPE` when the translation holds it in another type, and
/// `, parts PART` when its items are a declared part whose figures count as the
/// kind's; `CONVERSION` names the function of `fields.rs` that makes the model's
/// text of it (`label`: typeset short text; `text`: as written).
macro_rules! content_kind {
    // The words a source or a translation holds, as the word checks read them.
    (@words $Type:ident; $($wk:ident),*) => {
        impl $crate::content::declare::HasWords for $Type {
            fn each_word<'a>(
                &'a self,
                outer: Option<&'static str>,
                out: &mut dyn FnMut($crate::content::fields::WordAt<'a>),
            ) {
                $($crate::content::fields::WordsField::each_word(
                    &self.$wk, outer.unwrap_or(stringify!($wk)), out);)*
            }
        }
    };
    // A kind: its source and translation files, and its words in the model.
    (
        $(#[$source_doc:meta])*
        source $Source:ident;
        $(#[$words_doc:meta])*
        translation $Words:ident;
        model $Model:ident;
        fields { $($fields:tt)* }
    ) => {
        content_kind!(@field
            head [[$(#[$source_doc])*] $Source [$(#[$words_doc])*] $Words [$Model]
                [
                    /// A short hash of the source file's words when this translation
                    /// was made (written by `dangos translated`); `dangos check`
                    /// reports the translation as stale when the source's words no
                    /// longer hash to it.
                    #[serde(default)]
                    pub translated_from: Option<String>,
                ]]
            source [] words [] keys [] figures [] word_keys [] parts []
            $($fields)*
        );
    };
    // A part of a kind: a shape within its files, with no model of its own.
    (
        $(#[$source_doc:meta])*
        part $Source:ident;
        $(#[$words_doc:meta])*
        translation $Words:ident;
        fields { $($fields:tt)* }
    ) => {
        content_kind!(@field
            head [[$(#[$source_doc])*] $Source [$(#[$words_doc])*] $Words [] []]
            source [] words [] keys [] figures [] word_keys [] parts []
            $($fields)*
        );
    };
    // A figure: in the source file only.
    (@field head $head:tt source [$($s:tt)*] words [$($w:tt)*] keys [$($k:ident)*]
        figures [$($f:ident)*] word_keys [$($wk:tt)*] parts [$($p:ident)*]
        $(#[$m:meta])* figure $name:ident : $ty:ty, $($rest:tt)*
    ) => {
        content_kind!(@field head $head
            source [$($s)* $(#[$m])* pub $name: $ty,]
            words [$($w)*]
            keys [$($k)* $name]
            figures [$($f)* $name]
            word_keys [$($wk)*]
            parts [$($p)*]
            $($rest)*);
    };
    // Words: in the source file and in each translation.
    (@field head $head:tt source [$($s:tt)*] words [$($w:tt)*] keys [$($k:ident)*]
        figures [$($f:ident)*] word_keys [$($wk:tt)*] parts [$($p:ident)*]
        $(#[$m:meta])* words($conv:ident $(, parts $part:ident)?) $name:ident : $ty:ty
            $(| $tty:ty)?, $($rest:tt)*
    ) => {
        content_kind!(@field head $head
            source [$($s)* $(#[$m])* pub $name: $ty,]
            words [$($w)* $(#[$m])* pub $name: content_kind!(@translated $ty $(| $tty)?),]
            keys [$($k)* $name]
            figures [$($f)*]
            word_keys [$($wk)* ($name $conv)]
            parts [$($p)* $($part)?]
            $($rest)*);
    };
    (@translated $ty:ty) => { $ty };
    (@translated $ty:ty | $tty:ty) => { $tty };
    // Every field read: the items.
    (@field
        head [[$($source_doc:tt)*] $Source:ident [$($words_doc:tt)*] $Words:ident
            [$($Model:ident)?] [$($extra:tt)*]]
        source [$($s:tt)*] words [$($w:tt)*] keys [$($k:ident)*]
        figures [$($f:ident)*] word_keys [$(($wk:ident $conv:ident))*] parts [$($p:ident)*]
    ) => {
        $($source_doc)*
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $Source {
            $($s)*
        }

        $($words_doc)*
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $Words {
            $($w)*
            $($extra)*
        }

        impl $Source {
            /// Every key, in the order `dangos new` writes them and `import` puts a
            /// new one.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($k)),*];
            /// The keys that are figures or structure, its parts' too: they belong in
            /// the default-language file only, and a translation's hash leaves them
            /// out.
            pub const FIGURE_KEYS: &'static [&'static str] = {
                const LISTS: &[&[&str]] = &[&[$(stringify!($f)),*] $(, $p::FIGURE_KEYS)*];
                const ALL: [&str; $crate::content::declare::total(LISTS)] =
                    $crate::content::declare::concat(LISTS);
                &ALL
            };
            /// The keys that are words, given in every language.
            pub const WORD_KEYS: &'static [&'static str] = &[$(stringify!($wk)),*];
        }

        $crate::content::declare::content_kind!(@words $Source; $($wk),*);
        $crate::content::declare::content_kind!(@words $Words; $($wk),*);

        impl $crate::content::declare::Translates<$Words> for $Source {
            fn each_pair<'a>(
                &'a self,
                translated: &'a $Words,
                out: &mut dyn FnMut(&'static str, $crate::content::fields::Shape<'a>),
            ) {
                $(out(stringify!($wk), $crate::content::fields::Paired::shape(
                    &self.$wk, &translated.$wk));)*
            }
        }

        impl $crate::content::declare::HasPeriods for $Source {
            fn each_repeats(&self, out: &mut dyn FnMut(&'static str, &[$crate::content::Repeat])) {
                $(if let Some(r) = $crate::content::fields::Field::repeats(&self.$k) {
                    out(stringify!($k), r);
                })*
            }
        }

        content_kind!(@model [$($Model)?] $Source $Words $(($wk $conv))*);
    };
    (@model [] $($rest:tt)*) => {};
    (@model [$Model:ident] $Source:ident $Words:ident $(($wk:ident $conv:ident))*) => {
        impl $crate::content::declare::ModelText for $Source {
            type Model = $Model;
            fn model_text(&self, body: &str) -> $Model {
                $Model {
                    body: body.to_string(),
                    $($wk: $crate::content::fields::$conv(&self.$wk),)*
                }
            }
        }

        impl $crate::content::declare::ModelText for $Words {
            type Model = $Model;
            fn model_text(&self, body: &str) -> $Model {
                $Model {
                    body: body.to_string(),
                    $($wk: $crate::content::fields::$conv(&self.$wk),)*
                }
            }
        }
    };
}

pub(crate) use content_kind;

/// The words of a file (or part of one), in declared order: what the word checks
/// (untranslated, TODO, left empty) read.
pub trait HasWords {
    /// Calls `out` with each piece of words, under its key, or under `outer` for a
    /// part (a report's section's words are under `sections`).
    fn each_word<'a>(&'a self, outer: Option<&'static str>, out: &mut dyn FnMut(WordAt<'a>));

    /// Where its first words are (every kind's first words are its title).
    fn first_pos(&self) -> Pos {
        let mut first = None;
        self.each_word(None, &mut |w| {
            first.get_or_insert(w.pos);
        });
        first.unwrap_or_default()
    }
}

/// A source file beside its translation `W`: each words field's two versions.
pub trait Translates<W> {
    /// Calls `out` with each words field's key and how the translation's version
    /// lines up with the source's.
    fn each_pair<'a>(&'a self, translated: &'a W, out: &mut dyn FnMut(&'static str, Shape<'a>));
}

/// A file's words as the model holds them in one language.
pub trait ModelText {
    /// The model's words of the kind.
    type Model;
    /// Its words, with `body`, the Markdown after the front matter.
    fn model_text(&self, body: &str) -> Self::Model;
}

/// The per-period maps of a source file, checked for periods given twice.
pub trait HasPeriods {
    /// Calls `out` with each per-period field's key and the periods given again in it.
    fn each_repeats(&self, out: &mut dyn FnMut(&'static str, &[Repeat]));
}

/// How many keys `lists` hold together.
pub(crate) const fn total(lists: &[&[&str]]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < lists.len() {
        n += lists[i].len();
        i += 1;
    }
    n
}

/// The keys of `lists`, one after another (`N` is their [`total`]).
pub(crate) const fn concat<const N: usize>(lists: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            out[n] = lists[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    out
}
