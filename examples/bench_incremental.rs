//! Times the phases of a build and a one-file incremental rebuild, through the
//! library (issue 7):
//!
//! ```sh
//! cargo run --release --example bench_incremental -- [--root DIR] [--runs R] [--indicator ID]
//! ```
//!
//! `DIR` defaults to `bench-sites/1000` (made by `gen_corpus`). It prints:
//!
//! - the phases of a full build in memory (configuration; reading and parsing
//!   `content/`; validating it into the model; loading the theme; rendering every page
//!   and data file; writing them to a fresh output folder with the staging-and-swap
//!   write), as medians over R runs;
//! - a one-file incremental rebuild along the path `dangos watch` and `dangos serve`
//!   take ([`dangos::rebuild::Rebuilder`] after a content change, then
//!   [`dangos::output::InPlace`] writing only the files whose bytes changed), after
//!   editing the commentary of one indicator: median over R edits.
//!
//! The indicator file is restored afterwards. The output goes to `DIR/public-bench`,
//! which is deleted at the end. `--incremental-only` skips the full-build phases, for
//! profiling the rebuild alone (`valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=bench_incremental::rebuild_once`).

use dangos::build;
use dangos::config::{Config, Overrides};
use dangos::rebuild::ChangeKind;
use dangos::rebuild::Rebuilder;
use dangos::render::{self, PageId};
use dangos::theme::Theme;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The allocator the `dangos` binary runs with (src/main.rs), so that the phases and the
// rebuild are timed as `dangos build`, `watch` and `serve` run them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The files as `dangos watch` lists them: the rebuilder's bytes, shared, not copied.
fn listing(f: &dangos::rebuild::Files) -> Vec<(&Path, &[u8])> {
    f.iter().map(|(k, v)| (Path::new(&**k), &v[..])).collect()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/bench-sites/1000"));
    let mut runs = 5usize;
    let mut id: Option<String> = None;
    let mut full = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--incremental-only" {
            full = false;
            continue;
        }
        let v = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--root" => root = PathBuf::from(v),
            "--runs" => runs = v.parse().expect("--runs N"),
            "--indicator" => id = Some(v),
            _ => panic!(
                "usage: bench_incremental [--root DIR] [--runs R] [--indicator ID] [--incremental-only]"
            ),
        }
    }
    let out = root.join("public-bench");
    let overrides = Overrides {
        output: Some(out.clone()),
        ..Overrides::default()
    };

    if full {
        full_build(&root, &out, &overrides, runs);
    }
    incremental(&root, &out, &overrides, runs, id);
}

/// Times the phases of a full build, and rendering by kind of page.
fn full_build(root: &Path, out: &Path, overrides: &Overrides, runs: usize) {
    // Phases of a full build.
    let names = [
        "config", "load", "model", "theme", "render", "write", "total",
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
    let mut files_count = 0;
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(out);
        let t0 = Instant::now();
        let config = Config::load(root, overrides).unwrap_or_else(|d| panic!("{d}"));
        let t1 = Instant::now();
        let content = dangos::content::load(&config).unwrap_or_else(|d| panic!("{d}"));
        let t2 = Instant::now();
        let site =
            dangos::validate::build(config.clone(), &content).unwrap_or_else(|d| panic!("{d}"));
        let t3 = Instant::now();
        let theme = Theme::load(&config).unwrap_or_else(|d| panic!("{d}"));
        let t4 = Instant::now();
        let pages = build::render_pages(&site, &theme).unwrap_or_else(|d| panic!("{d}"));
        let files = build::all_files(&pages, &theme);
        let t5 = Instant::now();
        dangos::output::write_site(root, out, &files).unwrap_or_else(|d| panic!("{d}"));
        let t6 = Instant::now();
        files_count = files.len();
        for (i, d) in [
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            t6 - t5,
            t6 - t0,
        ]
        .into_iter()
        .enumerate()
        {
            times[i].push(d);
        }
    }
    println!(
        "full build of {} ({files_count} files), phases in ms (median of {runs}):",
        root.display()
    );
    for (name, t) in names.iter().zip(times) {
        println!("  {name:<8} {:>8}", ms(median(t)));
    }

    // Where rendering goes, by kind of page (in every language, on every core). Each
    // kind is rendered on its own, so figures that kinds share in a full build (an
    // indicator's page and the reports that list it) are made by each.
    let config = Config::load(root, overrides).unwrap_or_else(|d| panic!("{d}"));
    let site = build::load_site(config.clone()).unwrap_or_else(|d| panic!("{d}"));
    let theme = Theme::load(&config).unwrap_or_else(|d| panic!("{d}"));
    let all = PageId::all(&site);
    type Kind = (&'static str, fn(&PageId) -> bool);
    let kinds: [Kind; 5] = [
        ("indicator pages", |p| matches!(p, PageId::Indicator(_))),
        ("report pages", |p| matches!(p, PageId::Report(_))),
        ("target years", |p| matches!(p, PageId::TargetYear(_))),
        ("index, data", |p| {
            matches!(p, PageId::Indicators | PageId::Data)
        }),
        ("other pages", |p| {
            matches!(p, PageId::Home | PageId::Page(_) | PageId::NotFound)
        }),
    ];
    println!("rendering by kind, each on its own, ms (median of {runs}):");
    for (name, is) in kinds {
        let some: Vec<PageId> = all.iter().copied().filter(is).collect();
        let t: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                render::render_some(&site, &theme, &some).unwrap_or_else(|d| panic!("{d}"));
                t.elapsed()
            })
            .collect();
        println!("  {name:<16} {:>8}   ({} pages)", ms(median(t)), some.len());
    }
    let t: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            render::data::data_files(&site, &theme.i18n).unwrap_or_else(|d| panic!("{d}"));
            t.elapsed()
        })
        .collect();
    println!("  {:<16} {:>8}", "data files", ms(median(t)));
}

/// Times a one-file incremental rebuild, as `dangos watch` does it.
fn incremental(root: &Path, out: &Path, overrides: &Overrides, runs: usize, id: Option<String>) {
    let config = Config::load(root, overrides).unwrap_or_else(|d| panic!("{d}"));
    let id = id.unwrap_or_else(|| {
        let mut ids: Vec<String> = std::fs::read_dir(root.join("content/indicators"))
            .expect("content/indicators")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".md") && n.matches('.').count() == 1)
            .map(|n| n.trim_end_matches(".md").to_string())
            .collect();
        ids.sort();
        ids[ids.len() / 2].clone()
    });
    let file = root.join("content/indicators").join(format!("{id}.md"));
    let original = std::fs::read_to_string(&file).expect("the indicator file");
    let mut rebuilder = Rebuilder::new(root, overrides.clone());
    let first = rebuilder
        .rebuild(&dangos::rebuild::EVERYTHING.into_iter().collect())
        .unwrap_or_else(|d| panic!("{d}"));
    let _ = std::fs::remove_dir_all(out);
    let mut on_disk = first.files.clone();
    let mut writer = dangos::output::InPlace::new();
    writer
        .update(root, &config.output, &listing(&on_disk), None)
        .unwrap_or_else(|d| panic!("{d}"));
    let content: BTreeSet<ChangeKind> = [ChangeKind::Content].into_iter().collect();
    let (mut rebuild_t, mut write_t, mut changed) = (Vec::new(), Vec::new(), 0);
    for run in 0..runs {
        // Change the words of the first commentary (else the body): the indicator's
        // page, every report listing it and the open data change; nothing else does.
        let edited = match original.find("\ncommentary:\n") {
            Some(at) => {
                let colon = at + original[at + 14..].find(": ").expect("a commentary") + 16;
                format!("{}Edit {run}. {}", &original[..colon], &original[colon..])
            }
            None => format!("{original}\nEdit {run}.\n"),
        };
        std::fs::write(&file, &edited).expect("write the indicator");
        let t = Instant::now();
        let rebuilt = rebuild_once(&mut rebuilder, &content);
        let t1 = Instant::now();
        let files = rebuilt.files.clone();
        let t2 = Instant::now();
        write_once(&mut writer, root, &config.output, &files, &on_disk);
        let t3 = Instant::now();
        rebuild_t.push(t1 - t);
        write_t.push(t3 - t2);
        changed = rebuilt.changed.len();
        on_disk = files;
    }
    std::fs::write(&file, &original).expect("restore the indicator");
    let _ = std::fs::remove_dir_all(out);
    println!(
        "incremental rebuild after editing {} ({changed} files changed), ms (median of {runs}):",
        file.strip_prefix(root).unwrap_or(&file).display()
    );
    println!(
        "  rebuild  {:>8}   (Rebuilder::rebuild: what `dangos watch` and `serve` do)",
        ms(median(rebuild_t.clone()))
    );
    println!(
        "  write    {:>8}   (InPlace::update: only the changed files)",
        ms(median(write_t.clone()))
    );
    let total: Vec<Duration> = rebuild_t
        .iter()
        .zip(&write_t)
        .map(|(a, b)| *a + *b)
        .collect();
    println!("  total    {:>8}", ms(median(total)));
}

/// One rebuild after an edit, on its own for profilers.
#[inline(never)]
fn rebuild_once(
    rebuilder: &mut Rebuilder,
    content: &BTreeSet<ChangeKind>,
) -> dangos::rebuild::Rebuilt {
    rebuilder.rebuild(content).unwrap_or_else(|d| panic!("{d}"))
}

/// Writing what one rebuild changed, on its own for profilers.
#[inline(never)]
fn write_once(
    writer: &mut dangos::output::InPlace,
    root: &Path,
    output: &Path,
    files: &dangos::rebuild::Files,
    on_disk: &dangos::rebuild::Files,
) {
    writer
        .update(root, output, &listing(files), Some(&listing(on_disk)))
        .unwrap_or_else(|d| panic!("{d}"));
}
