//! Property test of the front-matter editor: after random figures and commentary are
//! written into YAML and TOML files of many layouts, parsing each file gives back
//! exactly those figures with every other entry as it was, and the lines of the
//! original are all still there, in order.

use crate::content::{IndicatorFront, split};
use crate::import::front_matter_edit::{Edit, Entry, Field, apply};
use crate::period::Period;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Layouts an import meets: comments, quoted and `/` keys, block scalars, CRLF, newest
/// first, empty `{}` maps (as `dangos new` writes), missing maps, TOML.
const FILES: &[&str] = &[
    "---\ntitle: A # the name\nunit: percent\ndirection: higher\n# figures\nvalues:\n  # oldest\n  2019-20 Q1: 5\n  2019-20 Q3: { numerator: 3, denominator: 82 }   # provisional\ntargets:\n  2019-20: 80.0\ncommentary:\n  2019-20 Q1: >-\n    Long words\n    # not a comment\n\n  2019-20 Q3: \"Quoted: yes\"\nrationale:\n  2019-20: Why.\n---\nBody: with `values:` in it.\n",
    "---\r\ntitle: B\r\nunit: percent\r\ndirection: none\r\nvalues:\r\n    \"2019/20 Q2\": 1\r\n    \"2019/20 Q1\": 2\r\n---\r\nBody\r\n",
    "---\ntitle: \"TODO\"\n# code: ABC 01\nunit: percent           # count | percent\ndirection: higher\n# Figures, e.g.\n#   values: { 2019-20 Q1: 76.1 }\nvalues: {}\n# Targets\ntargets: {}\ncommentary: {}\nrationale: {}\n---\nTODO\n",
    "---\ntitle: G\nunit: percent\ndirection: higher\nvalues:\n  '2019-20 Q4':\n    numerator: 3\n    denominator: 82\n\n  '2019-20 Q1': 7\ncommentary:\n  '2019-20 Q4': |\n    # A heading, not a comment\n\n    Words: more.\n  # A comment before Q1\n  '2019-20 Q1': 'It''s fine'\n---\n",
    "---\ntitle: C\nunit: percent\ndirection: lower\ndraft: false\n---\n",
    "+++\ntitle = \"D\" # name\nunit = \"percent\"\ndirection = \"lower\"\n\n[values]\n# old\n\"2019-20 Q2\" = 184\n\n[targets]\n\"2019-20\" = \"not-appropriate\"\n\n[rationale]\n\"2019-20\" = \"Why.\"\n+++\nBody\n",
    "+++\r\ntitle = \"F\"\r\nunit = \"percent\"\r\ndirection = \"lower\"\r\n\r\n[values]\r\n'2019/20 Q2' = 184\r\n+++\r\n",
    "+++\ntitle = \"E\"\nunit = \"percent\"\ndirection = \"lower\"\ncommentary = { '2019/20 Q1' = 'x' }\n+++\n",
];

fn period() -> impl Strategy<Value = Period> {
    (2015u16..2025, prop::option::of(1u8..=4)).prop_map(|(start_year, quarter)| Period {
        start_year,
        quarter,
    })
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0i64..100_000).prop_map(|n| n as f64),
        (0i64..1_000_000).prop_map(|n| n as f64 / 1000.0),
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC*",
        any::<String>(),
        prop::sample::select(vec![
            "Up: 3%".to_string(),
            "- a list".into(),
            "# not a heading".into(),
            "'single' and \"double\"".into(),
            "Gwelliant o 3% ers Chwarter 1; mae'r ŵyn a'r ŷd yn iawn.".into(),
            "yes".into(),
            "12".into(),
            "trailing ".into(),
            "a\nb\r\n\tc \\ d".into(),
        ]),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (period(), number()).prop_map(|(period, n)| Edit {
            field: Field::Values,
            period,
            entry: Entry::Number(n),
        }),
        (period(), number(), number()).prop_map(|(period, numerator, denominator)| Edit {
            field: Field::Values,
            period,
            entry: Entry::Fraction {
                numerator,
                denominator,
            },
        }),
        (period(), prop::option::of(number())).prop_map(|(p, n)| Edit {
            field: Field::Targets,
            period: p.year(),
            entry: n.map_or(Entry::NotAppropriate, Entry::Number),
        }),
        (period(), text()).prop_map(|(period, s)| Edit {
            field: Field::Commentary,
            period,
            entry: Entry::Text(s),
        }),
    ]
}

fn parse(text: &str) -> IndicatorFront {
    split(text).unwrap().0.parse().unwrap()
}

fn maps(f: &IndicatorFront) -> BTreeMap<(Field, Period), Entry> {
    let mut m = BTreeMap::new();
    m.extend(
        f.values
            .iter()
            .map(|(p, v)| ((Field::Values, *p), Entry::from(v))),
    );
    m.extend(
        f.targets
            .iter()
            .map(|(p, t)| ((Field::Targets, *p), Entry::from(t))),
    );
    m.extend(
        f.commentary
            .iter()
            .map(|(p, s)| ((Field::Commentary, *p), Entry::Text(s.clone()))),
    );
    m
}

/// `sub`'s lines appear in `all`, in order.
fn is_subsequence(sub: &str, all: &str) -> bool {
    let mut it = all.split_inclusive('\n');
    sub.split_inclusive('\n').all(|l| it.any(|m| m == l))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn edits_read_back_and_leave_the_rest(file in prop::sample::select(FILES), edits in prop::collection::vec(edit(), 1..6)) {
        let before = parse(file);
        let out = apply(file, &edits).unwrap();
        let after = parse(&out);
        let mut want = maps(&before);
        for e in &edits {
            want.insert((e.field, e.period), e.entry.clone());
        }
        prop_assert_eq!(maps(&after), want);
        prop_assert_eq!(&after.title, &before.title);
        prop_assert_eq!(&after.rationale, &before.rationale);
        prop_assert_eq!(split(&out).unwrap().2, split(file).unwrap().2);
        // Only new periods, and no `{}` or inline table to rewrite: every old line is
        // still there.
        let old = maps(&before);
        if !file.contains("{}") && !file.contains("= {") && edits.iter().all(|e| !old.contains_key(&(e.field, e.period))) {
            prop_assert!(is_subsequence(file, &out), "{}", out);
        }
    }
}

proptest! {
    #[test]
    fn double_quoted_words_read_back_in_yaml_and_toml(s in "\\PC*|[\\x00-\\x20\\u{7f}-\\u{a0}\\u{2028}\\u{feff}\"\\\\a-z]{0,12}") {
        let q = crate::import::front_matter_edit::double_quoted(&s);
        let yaml: BTreeMap<String, String> = serde_saphyr::from_str(&format!("k: {q}\n")).unwrap();
        prop_assert_eq!(&yaml["k"], &s);
        let toml: BTreeMap<String, String> = toml::from_str(&format!("k = {q}\n")).unwrap();
        prop_assert_eq!(&toml["k"], &s);
    }
}
