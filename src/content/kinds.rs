//! Each content kind's front-matter fields, declared once: a figure lives in the
//! default-language file only, words in every language's. The order is the order
//! `dangos new` writes the keys and `import` puts a new one. Adding a field here
//! adds it to the source and translation shapes, the key lists, the word checks and
//! the translation checks; see "How to add a field" in README.

use super::declare::content_kind;
use super::raw::{RawTarget, RawValue};
use super::span::{At, Periods};
use super::{Direction, Unit};
use crate::date::Date;
use crate::model::{IndicatorText, ReportText, Text};
use crate::period::Period;

content_kind! {
    /// An indicator's default-language file.
    source IndicatorFront;
    /// An indicator's translation: words only.
    translation IndicatorWords;
    model IndicatorText;
    fields {
        /// Words: the indicator's name.
        words(label) title: At<String>,
        /// The official reference, e.g. `FAM KPI 01`.
        figure code: Option<At<String>>,
        /// Words: the theme the indicators index lists it under, such as
        /// "Safeguarding".
        words(label) theme: Option<At<String>>,
        /// What is measured.
        figure unit: Unit,
        /// Which way is better.
        figure direction: Direction,
        /// Decimal places shown: read as any number so that `-1` or `2.5` gets a
        /// plain message from validation, not the parser's "invalid u8".
        figure decimals: Option<At<f64>>,
        /// Values per period.
        #[serde(default)]
        figure values: Periods<RawValue>,
        /// The periods whose values are provisional.
        #[serde(default)]
        figure provisional: Vec<At<Period>>,
        /// The periods whose values were revised, with the date of the revision.
        #[serde(default)]
        figure revised: Periods<Date>,
        /// Targets per financial year.
        #[serde(default)]
        figure targets: Periods<RawTarget>,
        /// Words: commentary per period.
        #[serde(default)]
        words(text) commentary: Periods<String>,
        /// Words: what is being done, per period.
        #[serde(default)]
        words(text) actions: Periods<String>,
        /// Words: why each year's target was set there.
        #[serde(default)]
        words(text) rationale: Periods<String>,
        /// Words: why each revised value was revised.
        #[serde(default)]
        words(text) revision_reason: Periods<String>,
        /// Left out of builds without `--drafts`.
        #[serde(default)]
        figure draft: bool,
    }
}

content_kind! {
    /// A report's default-language file.
    source ReportFront;
    /// A report's translation.
    translation ReportWords;
    model ReportText;
    fields {
        /// The period reported on.
        figure period: At<Period>,
        /// Words: the title.
        words(label) title: At<String>,
        /// The day it was published (`check` warns when it is not given).
        figure published: Option<At<Date>>,
        /// The day the next report is due, if announced.
        figure next_update: Option<At<Date>>,
        /// Left out of builds without `--drafts`.
        #[serde(default)]
        figure draft: bool,
        /// Words: key messages, one item each, as many in every language.
        #[serde(default)]
        words(text) good_news: Vec<At<String>> | At<Vec<At<String>>>,
        /// Words: key messages, one item each, as many in every language.
        #[serde(default)]
        words(text) issues_to_monitor: Vec<At<String>> | At<Vec<At<String>>>,
        /// Groups of indicators, as many in every language.
        #[serde(default)]
        words(text, parts SectionFront) sections:
            Vec<SectionFront> | At<Vec<SectionWords>>,
    }
}

content_kind! {
    /// A section of a report.
    part SectionFront;
    /// A section's translation.
    translation SectionWords;
    fields {
        /// Words: the title.
        words(label) title: At<String>,
        /// Words: Markdown shown above the section's indicators.
        words(text) summary: Option<At<String>>,
        /// Indicator ids, in order.
        #[serde(default)]
        figure indicators: Vec<At<String>>,
    }
}

content_kind! {
    /// A target year's default-language file.
    source TargetYearFront;
    /// A target year's translation.
    translation TargetYearWords;
    model Text;
    fields {
        /// The financial year.
        figure year: At<Period>,
        /// Words: the title.
        words(label) title: At<String>,
        /// The table's rows, in order.
        figure indicators: Option<At<Vec<At<String>>>>,
        /// Left out of builds without `--drafts`.
        #[serde(default)]
        figure draft: bool,
    }
}

content_kind! {
    /// A plain page's default-language file, or the home page's (`content/index.md`).
    source PageFront;
    /// A page's translation, or the home page's.
    translation PageWords;
    model Text;
    fields {
        /// Words: the title.
        words(label) title: At<String>,
        /// Left out of builds without `--drafts`.
        #[serde(default)]
        figure draft: bool,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{HasWords, Kind};

    #[test]
    fn key_lists_come_from_the_declarations() {
        assert_eq!(
            IndicatorFront::KEYS,
            [
                "title",
                "code",
                "theme",
                "unit",
                "direction",
                "decimals",
                "values",
                "provisional",
                "revised",
                "targets",
                "commentary",
                "actions",
                "rationale",
                "revision_reason",
                "draft",
            ]
        );
        assert_eq!(
            IndicatorFront::WORD_KEYS,
            [
                "title",
                "theme",
                "commentary",
                "actions",
                "rationale",
                "revision_reason"
            ]
        );
        // A section's figures are its report's: a translation may not hold them.
        assert_eq!(
            Kind::Report.figure_keys(),
            ["period", "published", "next_update", "draft", "indicators"]
        );
        assert_eq!(
            Kind::TargetYear.figure_keys(),
            ["year", "indicators", "draft"]
        );
        assert_eq!(Kind::Home.figure_keys(), ["draft"]);
    }

    #[test]
    fn every_declared_words_field_is_read_by_the_word_checks() {
        let words: IndicatorWords = serde_saphyr::from_str(
            "title: T\ntheme: Th\ncommentary: { 2019-20 Q1: C }\nactions: { 2019-20 Q1: A }\nrationale: { 2019-20: R }\nrevision_reason: { 2019-20 Q1: W }\n",
        )
        .unwrap();
        let mut read = Vec::new();
        words.each_word(None, &mut |w| read.push((w.key, w.text.to_string())));
        let keys: Vec<&str> = read.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, IndicatorFront::WORD_KEYS);
        assert_eq!(read[1].1, "Th");
        let report: ReportWords = serde_saphyr::from_str(
            "title: T\ngood_news: [G1, G2]\nsections: [{ title: S, summary: Y }, { title: S2 }]\n",
        )
        .unwrap();
        let mut read = Vec::new();
        report.each_word(None, &mut |w| read.push(format!("{}={}", w.key, w.text)));
        // A section without a summary reads as an empty one, so the two languages'
        // words line up.
        assert_eq!(
            read,
            [
                "title=T",
                "good_news=G1",
                "good_news=G2",
                "sections=S",
                "sections=Y",
                "sections=S2",
                "sections="
            ]
        );
    }
}
