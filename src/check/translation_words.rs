//! Words that are not ready: a translation whose words are the source's words (so
//! Welsh readers get English under `lang="cy"`), and placeholder `TODO` text.

use crate::config::Config;
use crate::content::{Content, HasWords, Localised, Source, WordAt};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{Code, Pos, line_col};

/// One piece of words: where it lives in the front matter, its text, and where the
/// parser found it.
struct Word {
    section: &'static str,
    /// The key under the section (a period), when there is one.
    key: String,
    text: String,
    pos: Pos,
}

impl From<WordAt<'_>> for Word {
    fn from(w: WordAt<'_>) -> Word {
        Word {
            section: w.key,
            key: w.period.map(|p| p.to_string()).unwrap_or_default(),
            text: w.text.to_string(),
            pos: w.pos,
        }
    }
}

/// The Markdown after the front matter, starting at its first line.
fn body(src: &Source) -> Word {
    let start = src.text.len().saturating_sub(src.body.len());
    let (line, column) = line_col(&src.text, start);
    Word {
        section: "body",
        key: String::new(),
        text: src.body.clone(),
        pos: Pos { line, column },
    }
}

/// The line of the `i`th line of `word`'s text, if the word's position is known.
fn line_of(word: &Word, i: usize) -> Option<usize> {
    (word.pos.line > 0).then_some(word.pos.line + i)
}

/// True when `text` reads as prose (several words), so being identical in two
/// languages means it was not translated, rather than being a name or a number.
fn is_prose(text: &str) -> bool {
    text.split_whitespace()
        // A Fluent variable (`{ $day }`) is no word: "{ $day } { $month } { $year }"
        // is the same in every language that writes dates that way.
        .filter(|w| !w.trim_start_matches('{').starts_with('$'))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        >= 3
}

/// Pairs of (source words, translated words) of one item, in the same order.
fn compare(
    config: &Config,
    source: &Source,
    translations: &[Option<(&Source, Vec<Word>)>],
    source_words: &[Word],
    out: &mut Vec<Diagnostic>,
) {
    for (lang, t) in translations.iter().enumerate() {
        let Some((translation, words)) = t else {
            continue;
        };
        let beside = Beside {
            name: &config.languages[lang].name,
            source,
            translation,
        };
        beside.compare(source_words, words, out);
    }
}

/// A translation beside its source.
struct Beside<'a> {
    /// The translation's language's name.
    name: &'a str,
    source: &'a Source,
    translation: &'a Source,
}

impl Beside<'_> {
    /// A finding in the translation.
    fn finding(
        &self,
        code: Code,
        line: Option<usize>,
        message: String,
        help: String,
    ) -> Diagnostic {
        Diagnostic {
            column: None,
            snippet: None,
            written: None,
            file: Some(self.translation.path.clone()),
            line,
            code,
            message,
            help: Some(help),
        }
    }

    /// What the translation leaves untranslated or empty, `words` paired with the
    /// source's `source_words`.
    fn compare(&self, source_words: &[Word], words: &[Word], out: &mut Vec<Diagnostic>) {
        let name = self.name;
        let pairs: Vec<(&Word, &Word)> = source_words.iter().zip(words).collect();
        let filled: Vec<&(&Word, &Word)> = pairs
            .iter()
            .filter(|(a, _)| !a.text.trim().is_empty())
            .collect();
        let same: Vec<&(&Word, &Word)> = filled
            .iter()
            .copied()
            .filter(|(a, b)| a.text.trim() == b.text.trim())
            .collect();
        // All the same, and more than a name or a number: not translated at all.
        if !filled.is_empty()
            && same.len() == filled.len()
            && same.iter().any(|(a, _)| is_prose(&a.text))
        {
            out.push(self.finding(
                Code::UntranslatedPage,
                None,
                format!(
                    "every word of this {name} page is the same as in {}: it has not been translated",
                    self.source.path.display()
                ),
                format!("translate the title and text into {name}"),
            ));
            return;
        }
        self.same_text(&same, out);
        // When the two do not have the same items, the pairs do not line up: the
        // build says so.
        if source_words.len() == words.len() {
            self.left_empty(&pairs, out);
        }
        self.body_left_empty(source_words, words, out);
    }

    /// Prose the same in the translation as in the source.
    fn same_text(&self, same: &[&(&Word, &Word)], out: &mut Vec<Diagnostic>) {
        for (a, b) in same {
            if !is_prose(&a.text) {
                continue;
            }
            let first_line = a.text.trim().lines().next().unwrap_or("");
            out.push(self.finding(
                Code::UntranslatedText,
                line_of(b, 0),
                format!(
                    "this {} text is the same as in {}: \"{}\"",
                    self.name,
                    self.source.path.display(),
                    shorten(first_line)
                ),
                format!("translate it into {}", self.name),
            ));
        }
    }

    /// Words the source has and the translation leaves empty (the body aside).
    fn left_empty(&self, pairs: &[(&Word, &Word)], out: &mut Vec<Diagnostic>) {
        for (a, b) in pairs {
            if !a.text.trim().is_empty() && b.text.trim().is_empty() && a.section != "body" {
                out.push(self.finding(
                    Code::MissingTranslation,
                    line_of(b, 0),
                    format!(
                        "an empty {}{} in {}, where {} has \"{}\"",
                        a.section,
                        if a.key.is_empty() {
                            String::new()
                        } else {
                            format!(" for {}", a.key)
                        },
                        self.name,
                        self.source.path.display(),
                        shorten(a.text.trim().lines().next().unwrap_or(""))
                    ),
                    format!("translate it into {}", self.name),
                ));
            }
        }
    }

    /// A translation with no body where the source has one.
    fn body_left_empty(&self, source_words: &[Word], words: &[Word], out: &mut Vec<Diagnostic>) {
        if source_words
            .iter()
            .any(|a| a.section == "body" && !a.text.trim().is_empty())
            && words
                .iter()
                .any(|b| b.section == "body" && b.text.trim().is_empty())
        {
            out.push(self.finding(
                Code::MissingTranslation,
                None,
                format!(
                    "no text after the front matter, where {} has some",
                    self.source.path.display()
                ),
                format!("translate the text into {}", self.name),
            ));
        }
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// `TODO` in any words: placeholder text, as `dangos new` writes, not for publishing.
fn todos(src: &Source, words: &[Word], out: &mut Vec<Diagnostic>) {
    for word in words {
        // A block of text (`|`) starts on the line after its key.
        let block = word.section != "body" && word.text.contains('\n');
        for (i, line) in word.text.lines().enumerate() {
            if line.contains("TODO") {
                out.push(Diagnostic {
                    column: None,
                    snippet: None,
                    written: None,
                    file: Some(src.path.clone()),
                    line: line_of(word, i + usize::from(block)),
                    code: Code::Todo,
                    message: format!("placeholder text: \"{}\"", shorten(line.trim())),
                    help: Some("replace the TODO with the real words".into()),
                });
            }
        }
    }
}

/// The words of a file: the front matter's fields that are words, as its kind
/// declares them, and the body.
fn words(front: &impl HasWords, src: &Source) -> Vec<Word> {
    let mut v = Vec::new();
    front.each_word(None, &mut |w| v.push(w.into()));
    v.push(body(src));
    v
}

fn check_item<F: HasWords, W: HasWords>(
    config: &Config,
    l: &Localised<F, W>,
    out: &mut Vec<Diagnostic>,
) {
    let source_words = words(&l.source.front, &l.source.source);
    todos(&l.source.source, &source_words, out);
    let translations: Vec<Option<(&Source, Vec<Word>)>> = l
        .translations
        .iter()
        .map(|t| t.as_ref().map(|t| (&t.source, words(&t.front, &t.source))))
        .collect();
    for (src, words) in translations.iter().flatten() {
        todos(src, words, out);
    }
    compare(config, &l.source.source, &translations, &source_words, out);
}

/// Every check of this module.
pub(super) fn check(config: &Config, content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in &content.indicators {
        check_item(config, l, &mut out);
    }
    for l in &content.reports {
        check_item(config, l, &mut out);
    }
    for l in &content.target_years {
        check_item(config, l, &mut out);
    }
    for l in content.pages.iter().chain(&content.home) {
        check_item(config, l, &mut out);
    }
    out
}

/// Single-line UI strings (`key = value`) of a Fluent file, with their lines.
fn ui_strings(text: &str) -> std::collections::BTreeMap<String, (String, usize)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '#', '\t', '*', '[', '}', '.']))
        .filter_map(|(i, l)| {
            let (k, v) = l.split_once('=')?;
            let k = k.trim();
            let ok = !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| (k.to_string(), (v.trim().to_string(), i + 1)))
        })
        .collect()
}

/// UI strings whose words are the same in another language as in the default one:
/// most likely copied and not yet translated.
pub(super) fn ui(config: &Config) -> Vec<Diagnostic> {
    let dir = config.theme_dir.join("i18n");
    let read = |code: &str| std::fs::read_to_string(dir.join(format!("{code}.ftl"))).ok();
    let Some(default) = read(&config.default_language().code) else {
        return Vec::new();
    };
    let default = ui_strings(&default);
    let mut out = Vec::new();
    for (lang, l) in config.languages.iter().enumerate() {
        if lang == config.default {
            continue;
        }
        let Some(text) = read(&l.code) else { continue };
        let path = dir.join(format!("{}.ftl", l.code));
        let path = path
            .strip_prefix(&config.root)
            .unwrap_or(&path)
            .to_path_buf();
        for (key, (value, line)) in ui_strings(&text) {
            if default.get(&key).is_some_and(|(v, _)| *v == value) && is_prose(&value) {
                out.push(Diagnostic {
                    column: None,
                    snippet: None,
                    written: None,
                    file: Some(path.clone()),
                    line: Some(line),
                    code: Code::UntranslatedText,
                    message: format!(
                        "the UI string `{key}` is the same in {} as in {}: \"{}\"",
                        l.name,
                        config.default_language().name,
                        shorten(&value)
                    ),
                    help: Some(format!("translate it into {}", l.name)),
                });
            }
        }
    }
    out
}
