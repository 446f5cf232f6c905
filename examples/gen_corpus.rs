//! Writes a synthetic dangos site for benchmarks (issue 7):
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --indicators 1000 [--out DIR] [--seed S]
//! ```
//!
//! The site has the shape of the issue's Hugo/Zola comparison, in our content format:
//! N indicators in English and Welsh, each with 12 quarterly values (2017-18 Q1 to
//! 2019-20 Q4), a target and a ~40-word rationale per financial year, a commentary on
//! the latest quarter, ~12 words of actions for each quarter it is behind its target
//! (so the site builds without a `no-actions` warning), and a ~400-word Markdown body (two headings, a list, a small
//! table and a link to a neighbouring indicator); one report per quarter listing every
//! indicator (in one or two sections), with the day it was published; one target year per financial year listing every
//! indicator; the home page and the accessibility statement; and a copy of the
//! repository's `themes/`. The Welsh words are synthetic (Welsh words in random order)
//! but look and count like Welsh.
//!
//! The output depends only on N and the seed, and indicator `i` depends only on `i`
//! and the seed, so the site of N = 100 is a prefix of the site of N = 1,000. DIR
//! defaults to `bench-sites/N` (or `bench-sites/N-sSEED`) in the repository, which is
//! git-ignored: generated sites are never committed. A non-empty DIR is replaced only
//! if gen_corpus made it (it holds the `.gen-corpus` marker).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const MARKER: &str = ".gen-corpus";
const YEARS: [u16; 3] = [2017, 2018, 2019];

/// splitmix64: tiny, fast, good enough for synthetic text, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// lo..hi
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const EN: &[&str] = &[
    "children",
    "families",
    "services",
    "support",
    "council",
    "performance",
    "indicator",
    "target",
    "quarter",
    "year",
    "improve",
    "assessment",
    "placement",
    "care",
    "plan",
    "review",
    "social",
    "workers",
    "young",
    "people",
    "school",
    "health",
    "wellbeing",
    "team",
    "early",
    "help",
    "demand",
    "cases",
    "timely",
    "within",
    "days",
    "number",
    "percentage",
    "local",
    "authority",
    "partners",
    "safeguarding",
    "protection",
    "register",
    "referrals",
    "contacts",
    "outcomes",
    "data",
    "quality",
    "practice",
    "recruitment",
    "retention",
    "capacity",
    "pressure",
    "trend",
    "increase",
    "decrease",
    "stable",
    "compared",
    "previous",
    "period",
    "national",
    "regional",
    "measure",
    "reported",
    "recorded",
    "agreed",
    "strategy",
    "delivery",
    "corporate",
    "directorate",
    "committee",
    "scrutiny",
    "budget",
    "resources",
    "needs",
    "complex",
    "community",
    "residential",
    "fostering",
    "adoption",
    "leaving",
    "education",
    "training",
    "employment",
    "housing",
    "stability",
    "engagement",
    "visits",
    "statutory",
    "timescales",
    "average",
    "length",
    "initial",
    "conferences",
    "allocated",
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "in",
    "in",
    "for",
    "with",
    "on",
    "by",
    "is",
    "are",
    "was",
    "has",
    "this",
    "that",
    "from",
    "each",
    "more",
    "fewer",
    "all",
    "our",
    "their",
    "new",
    "across",
    "during",
    "after",
    "before",
];

const CY: &[&str] = &[
    "plant",
    "teuluoedd",
    "gwasanaethau",
    "cymorth",
    "cyngor",
    "perfformiad",
    "dangosydd",
    "targed",
    "chwarter",
    "blwyddyn",
    "gwella",
    "asesiad",
    "lleoliad",
    "gofal",
    "cynllun",
    "adolygiad",
    "cymdeithasol",
    "gweithwyr",
    "ifanc",
    "pobl",
    "ysgol",
    "iechyd",
    "llesiant",
    "tîm",
    "cynnar",
    "help",
    "galw",
    "achosion",
    "amserol",
    "o fewn",
    "diwrnod",
    "nifer",
    "canran",
    "lleol",
    "awdurdod",
    "partneriaid",
    "diogelu",
    "amddiffyn",
    "cofrestr",
    "atgyfeiriadau",
    "cysylltiadau",
    "canlyniadau",
    "data",
    "ansawdd",
    "ymarfer",
    "recriwtio",
    "cadw",
    "capasiti",
    "pwysau",
    "tuedd",
    "cynnydd",
    "gostyngiad",
    "sefydlog",
    "o'i gymharu",
    "blaenorol",
    "cyfnod",
    "cenedlaethol",
    "rhanbarthol",
    "mesur",
    "adroddwyd",
    "cofnodwyd",
    "cytunwyd",
    "strategaeth",
    "cyflawni",
    "corfforaethol",
    "cyfarwyddiaeth",
    "pwyllgor",
    "craffu",
    "cyllideb",
    "adnoddau",
    "anghenion",
    "cymhleth",
    "cymuned",
    "preswyl",
    "maethu",
    "mabwysiadu",
    "gadael",
    "addysg",
    "hyfforddiant",
    "cyflogaeth",
    "tai",
    "sefydlogrwydd",
    "ymgysylltiad",
    "ymweliadau",
    "statudol",
    "amserlenni",
    "cyfartalog",
    "hyd",
    "cychwynnol",
    "cynadleddau",
    "dyrannwyd",
    "y",
    "y",
    "yr",
    "a",
    "a",
    "ac",
    "i",
    "yn",
    "yn",
    "ar",
    "ar gyfer",
    "gyda",
    "gan",
    "mae",
    "maen",
    "roedd",
    "wedi",
    "hwn",
    "hynny",
    "o",
    "pob",
    "mwy",
    "llai",
    "ein",
    "eu",
    "newydd",
    "ledled",
    "yn ystod",
    "ar ôl",
    "cyn",
    "dros",
    "drwy",
    "ei",
    "sy'n",
    "gweithio",
    "datblygu",
    "cefnogi",
];

/// One language's vocabulary and fixed phrases.
struct Lang {
    words: &'static [&'static str],
    code: &'static str,
    heading_measures: &'static str,
    heading_used: &'static str,
    table_head: [&'static str; 3],
    see_also: &'static str,
    section_titles: [&'static str; 2],
    report_title: &'static str,
    quarter: &'static str,
    targets_title: &'static str,
}

const ENGLISH: Lang = Lang {
    words: EN,
    code: "en",
    heading_measures: "What it measures",
    heading_used: "How the figures are used",
    table_head: ["Year", "Target", "Note"],
    see_also: "See also",
    section_titles: [
        "Key Performance Indicators – Corporate Plan",
        "Key Performance Indicators – Directorate Delivery Plan",
    ],
    report_title: "Children's Services Performance Report",
    quarter: "Quarter",
    targets_title: "Rationale for {} Performance Indicator Targets",
};

const WELSH: Lang = Lang {
    words: CY,
    code: "cy",
    heading_measures: "Beth mae'n ei fesur",
    heading_used: "Sut y defnyddir y ffigurau",
    table_head: ["Blwyddyn", "Targed", "Nodyn"],
    see_also: "Gweler hefyd",
    section_titles: [
        "Dangosyddion Perfformiad Allweddol – Cynllun Corfforaethol",
        "Dangosyddion Perfformiad Allweddol – Cynllun Cyflawni'r Gyfarwyddiaeth",
    ],
    report_title: "Adroddiad Perfformiad y Gwasanaethau Plant",
    quarter: "Chwarter",
    targets_title: "Y Rhesymeg dros Dargedau Dangosyddion Perfformiad {}",
};

/// A sentence of `n` words, capitalised, with a full stop.
fn sentence(rng: &mut Rng, lang: &Lang, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(lang.words);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// About `words` words of sentences (8 to 16 words each).
fn prose(rng: &mut Rng, lang: &Lang, words: usize) -> String {
    let mut out = Vec::new();
    let mut left = words as isize;
    while left > 0 {
        let n = (8 + rng.below(9)).min(left.max(3) as usize);
        out.push(sentence(rng, lang, n));
        left -= n as isize;
    }
    out.join(" ")
}

/// A title of a few words, no full stop.
fn title(rng: &mut Rng, lang: &Lang, n: usize) -> String {
    let s = sentence(rng, lang, n);
    s.trim_end_matches('.').to_string()
}

fn year_label(y: u16) -> String {
    format!("{}-{:02}", y, (y + 1) % 100)
}

fn quarters() -> Vec<(u16, u8)> {
    YEARS
        .iter()
        .flat_map(|&y| (1..=4).map(move |q| (y, q)))
        .collect()
}

fn id(i: usize) -> String {
    format!("ind-{i:05}")
}

#[derive(Clone, Copy)]
enum Unit {
    Count,
    Percent,
    Days,
}

/// The figures of indicator `i`, shared by both languages' files.
struct Figures {
    unit: Unit,
    direction: &'static str,
    values: Vec<String>,
    targets: Vec<String>,
    /// Each quarter's value as a number (a fraction's percentage), to tell which
    /// quarters are behind their target.
    numbers: Vec<f64>,
}

impl Figures {
    /// The quarters (indexes of `quarters()`) whose value is on the wrong side of
    /// its year's target: every quarter that may be off target, so needs actions.
    fn behind(&self) -> Vec<usize> {
        (0..self.numbers.len())
            .filter(|&k| {
                let Ok(target) = self.targets[k / 4].parse::<f64>() else {
                    return false; // not-appropriate: no status
                };
                match self.direction {
                    "higher" => self.numbers[k] < target,
                    "lower" => self.numbers[k] > target,
                    _ => false,
                }
            })
            .collect()
    }
}

fn figures(rng: &mut Rng) -> Figures {
    let unit = match rng.below(10) {
        0..=3 => Unit::Percent,
        4..=7 => Unit::Count,
        _ => Unit::Days,
    };
    let direction = match rng.below(10) {
        0..=4 => "higher",
        5..=8 => "lower",
        _ => "none",
    };
    let (lo, hi) = match unit {
        Unit::Percent => (40.0, 99.0),
        Unit::Count => (50.0, 2500.0),
        Unit::Days => (5.0, 120.0),
    };
    let base = rng.range(lo, hi);
    let mut values = Vec::new();
    let mut numbers = Vec::new();
    let mut v = base;
    for _ in 0..12 {
        v = (v * rng.range(0.93, 1.07)).clamp(
            lo * 0.8,
            if matches!(unit, Unit::Percent) {
                100.0
            } else {
                hi * 1.3
            },
        );
        // Days are given to a tenth, as the indicator's `decimals: 1` publishes them.
        let fraction = matches!(unit, Unit::Percent) && rng.below(3) == 0;
        let (text, number) = match unit {
            Unit::Count => (format!("{}", v.round() as i64), v.round()),
            _ if fraction => {
                let den = 20 + rng.below(400) as i64;
                let num = ((v / 100.0) * den as f64).floor() as i64;
                (
                    format!("{{ numerator: {num}, denominator: {den} }}"),
                    num as f64 / den as f64 * 100.0,
                )
            }
            _ => {
                let text = format!("{:.1}", v);
                let number = text.parse().unwrap_or(v);
                (text, number)
            }
        };
        values.push(text);
        numbers.push(number);
    }
    let targets = YEARS
        .iter()
        .map(|_| {
            if rng.below(20) == 0 {
                "not-appropriate".to_string()
            } else {
                let t = base * rng.range(0.95, 1.05);
                match unit {
                    Unit::Count => format!("{}", t.round() as i64),
                    Unit::Percent => format!("{:.1}", t.min(100.0)),
                    Unit::Days => format!("{:.0}", t),
                }
            }
        })
        .collect();
    Figures {
        unit,
        direction,
        values,
        targets,
        numbers,
    }
}

/// The ~400-word body: intro, two headings, a list, a small table, a site link.
fn body(rng: &mut Rng, lang: &Lang, i: usize, n: usize, f: &Figures) -> String {
    let mut s = String::new();
    s.push_str(&prose(rng, lang, 80));
    let _ = write!(
        s,
        "\n\n## {}\n\n{}\n\n",
        lang.heading_measures,
        prose(rng, lang, 80)
    );
    for _ in 0..5 {
        let _ = writeln!(s, "- {}", sentence(rng, lang, 8));
    }
    let _ = write!(
        s,
        "\n## {}\n\n{}\n\n",
        lang.heading_used,
        prose(rng, lang, 80)
    );
    let [a, b, c] = lang.table_head;
    let _ = write!(s, "| {a} | {b} | {c} |\n| --- | ---: | --- |\n");
    for (y, t) in YEARS.iter().zip(&f.targets) {
        let _ = writeln!(s, "| {} | {t} | {} |", year_label(*y), title(rng, lang, 4));
    }
    let _ = write!(s, "\n{}", prose(rng, lang, 80));
    let other = (i + 1) % n;
    let _ = writeln!(
        s,
        " {} [{}](@/indicators/{}.md).",
        lang.see_also,
        id(other),
        id(other)
    );
    s
}

/// Writes the indicator `i` of `n` (both languages).
fn indicator(content: &Path, seed: u64, i: usize, n: usize) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, i as u64 + 1);
    let f = figures(&mut rng);
    let unit = match f.unit {
        Unit::Count => "count",
        Unit::Percent => "percent",
        Unit::Days => "days",
    };
    let dir = content.join("indicators");
    let behind = f.behind();
    // Its own stream, so the rest of the site is what it was before actions.
    let mut actions_rng = Rng::new(seed, 1 << 50 | (i as u64 + 1));
    for lang in [&ENGLISH, &WELSH] {
        let mut s = String::from("---\n");
        let words = 7 + rng.below(6);
        let _ = writeln!(s, "title: {}", title(&mut rng, lang, words));
        if lang.code == "en" {
            let _ = writeln!(s, "code: KPI {i:05}");
            let _ = writeln!(s, "unit: {unit}\ndirection: {}", f.direction);
            if matches!(f.unit, Unit::Days) {
                s.push_str("decimals: 1\n");
            }
            s.push_str("values:\n");
            for ((y, q), v) in quarters().iter().zip(&f.values) {
                let _ = writeln!(s, "  {} Q{q}: {v}", year_label(*y));
            }
            s.push_str("targets:\n");
            for (y, t) in YEARS.iter().zip(&f.targets) {
                let _ = writeln!(s, "  {}: {t}", year_label(*y));
            }
        }
        let _ = writeln!(
            s,
            "commentary:\n  {} Q4: {}",
            year_label(YEARS[2]),
            prose(&mut rng, lang, 20)
        );
        if !behind.is_empty() {
            s.push_str("actions:\n");
            let quarters = quarters();
            for &k in &behind {
                let (y, q) = quarters[k];
                let _ = writeln!(
                    s,
                    "  {} Q{q}: {}",
                    year_label(y),
                    sentence(&mut actions_rng, lang, 12)
                );
            }
        }
        s.push_str("rationale:\n");
        for y in YEARS {
            let _ = writeln!(s, "  {}: {}", year_label(y), prose(&mut rng, lang, 40));
        }
        s.push_str("---\n");
        s.push_str(&body(&mut rng, lang, i, n, &f));
        let name = match lang.code {
            "en" => format!("{}.md", id(i)),
            code => format!("{}.{code}.md", id(i)),
        };
        fs::write(dir.join(name), s)?;
    }
    Ok(())
}

fn report(content: &Path, seed: u64, y: u16, q: u8, n: usize) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 1 << 40 | (y as u64) << 8 | q as u64);
    let two = q.is_multiple_of(2);
    let split = if two { n / 2 } else { n };
    let dir = content.join("reports");
    for lang in [&ENGLISH, &WELSH] {
        let mut s = String::from("---\n");
        if lang.code == "en" {
            let _ = writeln!(s, "period: {} Q{q}", year_label(y));
            // Published seven weeks or so after the quarter ends.
            let (year, month) = match q {
                1 => (y, "08"),
                2 => (y, "11"),
                3 => (y + 1, "02"),
                _ => (y + 1, "05"),
            };
            let _ = writeln!(s, "published: {year}-{month}-20");
        }
        let _ = writeln!(
            s,
            "title: {}, {} {q} {}",
            lang.report_title,
            lang.quarter,
            year_label(y)
        );
        s.push_str("good_news:\n");
        for _ in 0..3 {
            let _ = writeln!(s, "  - {}", sentence(&mut rng, lang, 12));
        }
        s.push_str("issues_to_monitor:\n");
        for _ in 0..3 {
            let _ = writeln!(s, "  - {}", sentence(&mut rng, lang, 6));
        }
        s.push_str("sections:\n");
        // (start, end) of each section's indicators
        let ranges: &[(usize, usize)] = if two {
            &[(0, split), (split, n)]
        } else {
            &[(0, n)]
        };
        for (k, &(start, end)) in ranges.iter().enumerate() {
            let _ = writeln!(s, "  - title: {}", lang.section_titles[k]);
            let _ = writeln!(s, "    summary: {}", prose(&mut rng, lang, 30));
            if lang.code == "en" {
                s.push_str("    indicators:\n");
                for i in start..end {
                    let _ = writeln!(s, "      - {}", id(i));
                }
            }
        }
        s.push_str("---\n");
        s.push_str(&prose(&mut rng, lang, 120));
        s.push('\n');
        let slug = format!("{}-q{q}", year_label(y));
        let name = match lang.code {
            "en" => format!("{slug}.md"),
            code => format!("{slug}.{code}.md"),
        };
        fs::write(dir.join(name), s)?;
    }
    Ok(())
}

fn target_year(content: &Path, seed: u64, y: u16, n: usize) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 2 << 40 | y as u64);
    let dir = content.join("targets");
    for lang in [&ENGLISH, &WELSH] {
        let mut s = String::from("---\n");
        if lang.code == "en" {
            let _ = writeln!(s, "year: {}", year_label(y));
        }
        let _ = writeln!(
            s,
            "title: {}",
            lang.targets_title.replace("{}", &year_label(y))
        );
        if lang.code == "en" {
            s.push_str("indicators:\n");
            for i in 0..n {
                let _ = writeln!(s, "  - {}", id(i));
            }
        }
        s.push_str("---\n");
        s.push_str(&prose(&mut rng, lang, 60));
        s.push('\n');
        let name = match lang.code {
            "en" => format!("{}.md", year_label(y)),
            code => format!("{}.{code}.md", year_label(y)),
        };
        fs::write(dir.join(name), s)?;
    }
    Ok(())
}

fn pages(content: &Path, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 3 << 40);
    let page = |rng: &mut Rng, lang: &Lang, t: &str| {
        let mut s = format!("---\ntitle: {t}\n---\n");
        s.push_str(&prose(rng, lang, 60));
        let _ = write!(s, "\n\n## {}\n\n", title(rng, lang, 3));
        s.push_str(&prose(rng, lang, 60));
        s.push('\n');
        s
    };
    fs::write(
        content.join("index.md"),
        page(&mut rng, &ENGLISH, "Children's Services performance"),
    )?;
    fs::write(
        content.join("index.cy.md"),
        page(&mut rng, &WELSH, "Perfformiad y Gwasanaethau Plant"),
    )?;
    fs::write(
        content.join("pages/accessibility.md"),
        page(&mut rng, &ENGLISH, "Accessibility statement"),
    )?;
    fs::write(
        content.join("pages/accessibility.cy.md"),
        page(&mut rng, &WELSH, "Datganiad hygyrchedd"),
    )?;
    Ok(())
}

const SITE_TOML: &str = r#"# A synthetic site written by `cargo run --example gen_corpus` for benchmarks.
base_url = "https://www.example.gov.uk/performance/"
output = "public"
theme = "default"
default_language = "en"

[[languages]]
code = "en"
name = "English"
title = "Children's Services performance (synthetic)"
description = "A synthetic site for dangos benchmarks."

[[languages]]
code = "cy"
name = "Cymraeg"
title = "Perfformiad y Gwasanaethau Plant (synthetig)"
description = "Gwefan synthetig ar gyfer meincnodau dangos."

[status]
close_within = 5.0
"#;

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let lossy = name.to_string_lossy();
        if lossy.starts_with('.') || lossy.ends_with('~') || lossy.ends_with(".swp") {
            continue;
        }
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(&name))?;
        } else {
            fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// Makes `out` ready: created if missing; emptied if gen_corpus made it; refused
/// if it holds anything else.
fn prepare(out: &Path) -> Result<(), String> {
    if out.exists() {
        if !out.is_dir() {
            return Err(format!("{} is not a folder", out.display()));
        }
        let mut entries = fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
        let empty = entries.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(format!(
                "refusing to write into {}: it is not empty and gen_corpus did not make it (no {MARKER} file)",
                out.display()
            ));
        }
        for entry in fs::read_dir(out).map_err(|e| e.to_string())? {
            let entry = entry.map_err(|e| e.to_string())?;
            let p = entry.path();
            let r = if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
            r.map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
        }
    }
    for d in [
        "content/indicators",
        "content/reports",
        "content/targets",
        "content/pages",
    ] {
        fs::create_dir_all(out.join(d)).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus --indicators N [--out DIR] [--seed S]");
    std::process::exit(2);
}

fn main() {
    let mut n: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: Option<u64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--indicators" | "-n" => n = Some(value().parse().unwrap_or_else(|_| usage())),
            "--out" | "-o" => out = Some(PathBuf::from(value())),
            "--seed" => seed = Some(value().parse().unwrap_or_else(|_| usage())),
            _ => usage(),
        }
    }
    let Some(n) = n.filter(|&n| n > 0) else {
        usage()
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = out.unwrap_or_else(|| {
        repo.join("bench-sites").join(match seed {
            None => n.to_string(),
            Some(s) => format!("{n}-s{s}"),
        })
    });
    let seed = seed.unwrap_or(7);
    let start = std::time::Instant::now();
    if let Err(e) = prepare(&out) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    let content = out.join("content");
    let run = || -> std::io::Result<()> {
        fs::write(
            out.join(MARKER),
            format!("gen_corpus --indicators {n} --seed {seed}\n"),
        )?;
        fs::write(out.join("site.toml"), SITE_TOML)?;
        pages(&content, seed)?;
        for i in 0..n {
            indicator(&content, seed, i, n)?;
        }
        for (y, q) in quarters() {
            report(&content, seed, y, q, n)?;
        }
        for y in YEARS {
            target_year(&content, seed, y, n)?;
        }
        copy_dir(&repo.join("themes"), &out.join("themes"))
    };
    if let Err(e) = run() {
        eprintln!("error: writing {}: {e}", out.display());
        std::process::exit(1);
    }
    println!(
        "wrote {} ({n} indicators, 12 reports, 3 target years, seed {seed}) in {} ms",
        out.display(),
        start.elapsed().as_millis()
    );
}
