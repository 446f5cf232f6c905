//! Incremental rebuilds and `dangos watch`: every kind of change, rebuilt
//! incrementally, gives exactly what a clean build gives; `watch` writes only what
//! changed, deletes stale pages, and copes with editors' ways of saving.

mod preview;

use dangos::config::Overrides;
use dangos::rebuild::{ChangeKind, classify};
use dangos::rebuild::{Files, Rebuilder, key};
use preview::{Dangos, edit, example_site};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

fn clean_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let built = dangos::build::build_site(root, &Overrides::default())
        .unwrap_or_else(|d| panic!("clean build failed:\n{d}"));
    built.files.into_iter().map(|(p, b)| (key(&p), b)).collect()
}

fn owned(files: &Files) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_vec()))
        .collect()
}

/// Rebuilds after `paths` changed, classified as the watcher would.
fn rebuild(r: &mut Rebuilder, paths: &[&str]) -> Result<dangos::rebuild::Rebuilt, String> {
    let theme = r.theme_dir();
    let kinds: BTreeSet<ChangeKind> = paths
        .iter()
        .filter_map(|p| classify(Path::new(p), theme.as_deref()))
        .collect();
    assert!(!kinds.is_empty(), "{paths:?} are not changes");
    r.rebuild(&kinds).map_err(|d| d.to_string())
}

/// Sets the time of writing of every content file an hour back, as in a site in
/// use: rebuilds then trust the stamps of the files they did not see change, and
/// keep the items made from them (the paths the tests must cover).
fn backdate(root: &Path) -> SystemTime {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            set_mtime(entry.path(), hour_ago);
        }
    }
    hour_ago
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

fn assert_same_as_clean(r: &Rebuilder, root: &Path, step: &str) {
    let clean = clean_build(root);
    let incremental = owned(r.files());
    let a: BTreeSet<&String> = clean.keys().collect();
    let b: BTreeSet<&String> = incremental.keys().collect();
    assert_eq!(a, b, "{step}: different files");
    for (k, v) in &clean {
        assert!(
            incremental[k] == *v,
            "{step}: {k} differs from a clean build"
        );
    }
}

#[test]
fn incremental_rebuilds_match_clean_builds() {
    let site = example_site();
    let root = site.path();
    backdate(root);
    let mut r = Rebuilder::new(root, Overrides::default());
    r.rebuild(&dangos::rebuild::EVERYTHING.into_iter().collect())
        .unwrap();
    assert_same_as_clean(&r, root, "first build");
    let indicator = root.join("content/indicators/fam-kpi-01.md");

    // Content: a figure.
    edit(&indicator, "1754", "1800");
    let done = rebuild(&mut r, &["content/indicators/fam-kpi-01.md"]).unwrap();
    assert!(
        done.changed
            .iter()
            .any(|k| k == "en/indicators/fam-kpi-01/index.html")
    );
    assert!(
        done.changed
            .iter()
            .any(|k| k == "cy/indicators/fam-kpi-01/index.html")
    );
    assert!(!done.changed.iter().any(|k| k.contains("accessibility")));
    assert_same_as_clean(&r, root, "content");

    // A translation's words.
    let cy = root.join("content/indicators/fam-kpi-01.cy.md");
    edit(&cy, "Nifer yr ymholiadau", "Cyfanswm yr ymholiadau");
    let done = rebuild(&mut r, &["content/indicators/fam-kpi-01.cy.md"]).unwrap();
    assert!(
        done.changed
            .iter()
            .any(|k| k == "cy/indicators/fam-kpi-01/index.html")
    );
    assert_same_as_clean(&r, root, "translation");

    // A template: rendered again without re-reading the content.
    let base = root.join("themes/default/templates/base.html");
    let html = fs::read_to_string(&base).unwrap();
    fs::write(&base, html.replacen("</body>", "<!-- edited --></body>", 1)).unwrap();
    let done = rebuild(&mut r, &["themes/default/templates/base.html"]).unwrap();
    assert_eq!(done.redone, vec!["templates"]);
    assert!(done.changed.len() > 50, "every page uses base.html");
    assert_same_as_clean(&r, root, "template");

    // A UI string.
    let ftl = root.join("themes/default/i18n/en.ftl");
    let strings = fs::read_to_string(&ftl).unwrap();
    fs::write(
        &ftl,
        strings.replacen("nav-home = Home", "nav-home = Home page", 1),
    )
    .unwrap();
    let done = rebuild(&mut r, &["themes/default/i18n/en.ftl"]).unwrap();
    assert!(done.changed.iter().any(|k| k == "en/index.html"));
    assert!(!done.changed.iter().any(|k| k.starts_with("cy/")));
    assert_same_as_clean(&r, root, "UI string");

    // Static files: the theme's, and a new one of the site's own; nothing re-rendered.
    let css = root.join("themes/default/static/style.css");
    let mut style = fs::read_to_string(&css).unwrap();
    style.push_str("\n.edited { color: inherit; }\n");
    fs::write(&css, style).unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/extra.txt"), "extra").unwrap();
    let done = rebuild(
        &mut r,
        &["themes/default/static/style.css", "static/extra.txt"],
    )
    .unwrap();
    assert_eq!(done.redone, vec!["static files"]);
    assert_eq!(done.changed, vec!["static/extra.txt", "static/style.css"]);
    assert_same_as_clean(&r, root, "static");

    // site.toml: everything.
    let toml = root.join("site.toml");
    let config = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        config.replacen(
            "Cardiff Children's Services performance",
            "Cardiff Children's Services: performance",
            1,
        ),
    )
    .unwrap();
    let done = rebuild(&mut r, &["site.toml"]).unwrap();
    assert_eq!(done.redone, vec!["everything"]);
    assert_same_as_clean(&r, root, "site.toml");

    // A new indicator, then renamed, then deleted: its stale pages go each time.
    let dir = root.join("content/indicators");
    copy_indicator(&dir, "fam-kpi-01", "new-one");
    rebuild(
        &mut r,
        &[
            "content/indicators/new-one.md",
            "content/indicators/new-one.cy.md",
        ],
    )
    .unwrap();
    assert!(r.files().contains_key("cy/indicators/new-one/index.html"));
    assert_same_as_clean(&r, root, "new content file");
    fs::rename(dir.join("new-one.md"), dir.join("renamed.md")).unwrap();
    fs::rename(dir.join("new-one.cy.md"), dir.join("renamed.cy.md")).unwrap();
    let done = rebuild(
        &mut r,
        &[
            "content/indicators/new-one.md",
            "content/indicators/renamed.md",
        ],
    )
    .unwrap();
    assert!(
        done.deleted
            .iter()
            .any(|k| k == "en/indicators/new-one/index.html")
    );
    assert!(r.files().contains_key("en/indicators/renamed/index.html"));
    assert_same_as_clean(&r, root, "renamed content file");
    fs::remove_file(dir.join("renamed.md")).unwrap();
    fs::remove_file(dir.join("renamed.cy.md")).unwrap();
    let done = rebuild(&mut r, &["content/indicators/renamed.md"]).unwrap();
    assert!(
        done.deleted
            .iter()
            .any(|k| k == "cy/indicators/renamed/index.html")
    );
    assert!(!r.files().keys().any(|k| k.contains("renamed")));
    assert_same_as_clean(&r, root, "deleted content file");

    // A failed rebuild keeps the last good site; a template change while the content
    // is broken does not forget the content; the fix brings both in.
    let good = owned(r.files());
    edit(&indicator, "unit: count", "unit: counts");
    let e = rebuild(&mut r, &["content/indicators/fam-kpi-01.md"]).unwrap_err();
    assert!(e.contains("fam-kpi-01.md"), "{e}");
    assert_eq!(owned(r.files()), good);
    let html = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        html.replace("<!-- edited -->", "<!-- edited again -->"),
    )
    .unwrap();
    assert!(rebuild(&mut r, &["themes/default/templates/base.html"]).is_err());
    edit(&indicator, "unit: counts", "unit: count");
    let done = rebuild(&mut r, &["content/indicators/fam-kpi-01.md"]).unwrap();
    assert!(done.redone.contains(&"content") && done.redone.contains(&"templates"));
    assert_same_as_clean(&r, root, "after a fix");

    // A rebuild whose content reads but does not render (a link to no page): the
    // edits made with it are rendered once the link is fixed.
    let other = dir.join("fam-kpi-02.md");
    edit(
        &indicator,
        "title: The number of people",
        "title: How many people",
    );
    let body = fs::read_to_string(&other).unwrap();
    fs::write(
        &other,
        format!("{body}\nSee [nothing](@/indicators/nothing.md).\n"),
    )
    .unwrap();
    let e = rebuild(
        &mut r,
        &[
            "content/indicators/fam-kpi-01.md",
            "content/indicators/fam-kpi-02.md",
        ],
    )
    .unwrap_err();
    assert!(e.contains("nothing"), "{e}");
    fs::write(&other, &body).unwrap();
    rebuild(&mut r, &["content/indicators/fam-kpi-02.md"]).unwrap();
    assert!(
        String::from_utf8_lossy(&r.files()["en/indicators/fam-kpi-01/index.html"])
            .contains("How many people")
    );
    assert_same_as_clean(&r, root, "after a render failure and its fix");

    // What a failed render made is not kept: a figure it showed, then put back as it
    // was, with another edit that renders the report again.
    edit(&indicator, "2019-20 Q2: 1800", "2019-20 Q2: 1899");
    fs::write(
        &other,
        format!("{body}\nSee [nothing](@/indicators/nothing.md).\n"),
    )
    .unwrap();
    rebuild(
        &mut r,
        &[
            "content/indicators/fam-kpi-01.md",
            "content/indicators/fam-kpi-02.md",
        ],
    )
    .unwrap_err();
    edit(&indicator, "2019-20 Q2: 1899", "2019-20 Q2: 1800");
    fs::write(&other, body.replace("households: 219", "households: 220")).unwrap();
    rebuild(
        &mut r,
        &[
            "content/indicators/fam-kpi-01.md",
            "content/indicators/fam-kpi-02.md",
        ],
    )
    .unwrap();
    assert_same_as_clean(&r, root, "after a failed render's figures were put back");
}

/// Edits that keep the site's shape re-render only the pages that show what changed
/// (see `dangos::render::Affected`); each must still give what a clean build gives,
/// and edits that change the shape render everything.
#[test]
fn each_kind_of_content_edit_matches_a_clean_build() {
    let site = example_site();
    let root = site.path();
    backdate(root);
    let mut r = Rebuilder::new(root, Overrides::default());
    r.rebuild(&dangos::rebuild::EVERYTHING.into_iter().collect())
        .unwrap();
    type Step<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], &'a [&'a str]);
    let steps: &[Step] = &[
        // (file, from, to, pages that must change, prefixes of files that must not)
        (
            "content/indicators/wellbeing-assessments-timescales.md",
            "title: Percentage of well-being",
            "title: Share of well-being",
            &[
                "en/indicators/wellbeing-assessments-timescales/index.html",
                "en/reports/2019-20-q2/index.html",
                "en/targets/2017-18/index.html",
                "en/indicators/index.html",
                "en/data/index.html",
            ],
            &[],
        ),
        (
            "content/indicators/cpr-initial-conferences.md",
            "2017-18: 94.0",
            "2017-18: 95.0",
            &[
                "en/indicators/cpr-initial-conferences/index.html",
                "cy/targets/2017-18/index.html",
            ],
            &[],
        ),
        (
            "content/reports/2019-20-q2.md",
            "Lack of placement sufficiency.",
            "A lack of placement sufficiency.",
            &["en/reports/2019-20-q2/index.html", "en/index.html"],
            &[],
        ),
        (
            "content/targets/2017-18.md",
            "the table says so.",
            "the table says so plainly.",
            &["en/targets/2017-18/index.html"],
            &[],
        ),
        (
            "content/index.cy.md",
            "Mae'r wefan hon",
            "Mae'r wefan yma",
            &["cy/index.html"],
            &[],
        ),
        (
            "content/pages/about.md",
            "always show the same figures.",
            "always show the same figures, from one file.",
            &["en/about/index.html"],
            &[],
        ),
        // The shape changes: a report's section title is a link elsewhere.
        (
            "content/reports/2019-20-q2.md",
            "title: Children's Services Performance Report",
            "title: Children's Services Report",
            &[
                "en/reports/2019-20-q2/index.html",
                "en/indicators/fam-kpi-01/index.html",
            ],
            &[],
        ),
        // The shape changes: a report lists one indicator fewer.
        (
            "content/reports/2019-20-q2.md",
            "      - fam-kpi-03\n",
            "",
            &[
                "en/reports/2019-20-q2/index.html",
                "en/indicators/fam-kpi-03/index.html",
            ],
            &[],
        ),
        // Welsh words only: no English file changes.
        (
            "content/indicators/fam-kpi-01.cy.md",
            "Nifer yr ymholiadau",
            "Cyfanswm yr ymholiadau",
            &[
                "cy/indicators/fam-kpi-01/index.html",
                "cy/reports/2019-20-q2/index.html",
                "cy/indicators/fam-kpi-01/fam-kpi-01.csv",
                "cy/reports/2019-20-q2/2019-20-q2.json",
                "cy/data/indicators.json",
            ],
            &["en/"],
        ),
        // An earlier value: the report's sparkline and the indicator's chart grow.
        (
            "content/indicators/fam-kpi-01.md",
            "values:\n  2019-20 Q2: 1754",
            "values:\n  2019-20 Q1: 1600\n  2019-20 Q2: 1754",
            &[
                "en/indicators/fam-kpi-01/index.html",
                "cy/indicators/fam-kpi-01/index.html",
                "en/reports/2019-20-q2/index.html",
                "cy/data/indicators.csv",
            ],
            &[],
        ),
        // A figure of the latest report's period: its status, counted on the home page.
        (
            "content/indicators/fam-kpi-01.md",
            "2019-20 Q2: 1754",
            "2019-20 Q2: 1755",
            &[
                "en/reports/2019-20-q2/index.html",
                "cy/reports/2019-20-q2/index.html",
                "en/indicators/index.html",
            ],
            &[],
        ),
    ];
    for (file, from, to, must_change, must_not) in steps {
        edit(&root.join(file), from, to);
        let done = rebuild(&mut r, &[file]).unwrap_or_else(|e| panic!("{file}: {e}"));
        for page in *must_change {
            assert!(
                done.changed.iter().any(|k| k == page),
                "editing {file} ({from} to {to}) did not change {page}: {:?}",
                done.changed
            );
        }
        assert!(
            !done.changed.iter().any(|k| k.ends_with("404.html")),
            "{file}: {:?}",
            done.changed
        );
        for prefix in *must_not {
            assert!(
                !done.changed.iter().any(|k| k.starts_with(prefix)),
                "editing {file} ({from} to {to}) changed files under {prefix}: {:?}",
                done.changed
            );
        }
        assert_same_as_clean(&r, root, &format!("{file}: {from} to {to}"));
    }
}

/// A rebuild reads again only the content files whose length or time of writing
/// changed, or that the watcher saw touched: the rest are vouched for by their
/// stamps, once they were left alone a while before they were read. A file written
/// twice within one tick of a coarse clock (FAT, some network drives) keeps its
/// stamp, so the watcher's word counts too.
#[test]
fn files_are_read_again_when_their_stamps_change_or_the_watcher_saw_them() {
    let site = example_site();
    let root = site.path();
    let hour_ago = backdate(root);
    let mut r = Rebuilder::new(root, Overrides::default());
    r.rebuild(&dangos::rebuild::EVERYTHING.into_iter().collect())
        .unwrap();
    let page = |r: &Rebuilder| {
        String::from_utf8_lossy(&r.files()["en/indicators/fam-kpi-01/index.html"]).to_string()
    };
    let content: BTreeSet<ChangeKind> = [ChangeKind::Content].into_iter().collect();
    let file = root.join("content/indicators/fam-kpi-01.md");

    // A new time of writing: read again.
    edit(&file, "2019-20 Q2: 1754", "2019-20 Q2: 1755");
    r.rebuild(&content).unwrap();
    assert!(page(&r).contains("1,755"));
    assert_same_as_clean(&r, root, "a changed stamp");

    // The same length, and the old time (a coarse clock): the stamp vouches for the
    // old contents, until the watcher says the file was touched.
    set_mtime(&file, hour_ago);
    r.rebuild(&content).unwrap();
    edit(&file, "2019-20 Q2: 1755", "2019-20 Q2: 1756");
    set_mtime(&file, hour_ago);
    r.rebuild(&content).unwrap();
    assert!(
        page(&r).contains("1,755"),
        "read although its stamp vouched for it"
    );
    let touched: BTreeSet<std::path::PathBuf> = ["content/indicators/fam-kpi-01.md".into()].into();
    r.rebuild_touched(&content, &touched).unwrap();
    assert!(page(&r).contains("1,756"));
    assert_same_as_clean(&r, root, "a file the watcher saw");
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    preview::tree(dir)
        .into_iter()
        .map(|(p, _)| {
            let t = fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
            (key(&p), t)
        })
        .collect()
}

/// Copies an indicator (in `dir`) under a new id, with a reference of its own: two
/// indicators with one reference are an error.
fn copy_indicator(dir: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(dir.join(format!("{from}.md"))).unwrap();
    let text = text.replace("code: FAM KPI 01", "code: NEW 01");
    assert!(
        text.contains("code: NEW 01"),
        "the copy has a reference of its own"
    );
    fs::write(dir.join(format!("{to}.md")), text).unwrap();
    fs::copy(
        dir.join(format!("{from}.cy.md")),
        dir.join(format!("{to}.cy.md")),
    )
    .unwrap();
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + preview::TIMEOUT;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn watch_writes_only_what_changed(poll: bool) {
    let site = example_site();
    let root = site.path();
    let public = root.join("public");
    let mut args = vec!["watch", "--root", root.to_str().unwrap()];
    if poll {
        args.push("--poll");
    }
    let mut watch = Dangos::start(&args);
    watch.wait_stdout("Watching for changes");
    let page = public.join("en/indicators/fam-kpi-01/index.html");
    preview::wait_for_file(&page);
    let before = mtimes(&public);
    assert!(fs::read_to_string(&page).unwrap().contains("1,754"));
    // Let the clock move on, so a rewritten file has a different time.
    std::thread::sleep(Duration::from_millis(50));

    edit(
        &root.join("content/indicators/fam-kpi-01.md"),
        "1754",
        "1800",
    );
    let line = watch.wait_rebuilt("content/indicators/fam-kpi-01.md");
    assert!(
        line.contains("content/indicators/fam-kpi-01.md"),
        "{line}\nstdout:\n{}\nstderr:\n{}",
        watch.out.join("\n"),
        watch.err.join("\n")
    );
    assert!(
        !line.contains(".tmp"),
        "the editor's temporary file is not news: {line}"
    );
    assert!(fs::read_to_string(&page).unwrap().contains("1,800"));
    let after = mtimes(&public);
    let touched: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(touched.contains(&&"en/indicators/fam-kpi-01/index.html".to_string()));
    assert!(
        !touched
            .iter()
            .any(|k| k.contains("accessibility") || k.starts_with("static/")),
        "unchanged files are left alone: {touched:?}"
    );
    // The output is what a clean build makes.
    let clean = clean_build(root);
    let on_disk: BTreeMap<String, Vec<u8>> = preview::tree(&public)
        .into_iter()
        .map(|(p, b)| (key(&p), b))
        .filter(|(k, _)| k != ".dangos-output")
        .collect();
    assert!(
        on_disk == clean,
        "the output folder differs from a clean build"
    );

    // A new page, then deleted: its folder goes from the output.
    let dir = root.join("content/indicators");
    copy_indicator(&dir, "fam-kpi-01", "extra");
    let extra = public.join("cy/indicators/extra");
    wait_for("the new page", || extra.join("index.html").is_file());
    fs::remove_file(dir.join("extra.cy.md")).unwrap();
    fs::remove_file(dir.join("extra.md")).unwrap();
    wait_for("the stale page to go", || !extra.exists());
}

#[test]
fn watch_writes_only_what_changed_and_deletes_stale_pages() {
    watch_writes_only_what_changed(false);
}

#[test]
fn watch_by_polling() {
    watch_writes_only_what_changed(true);
}

#[test]
fn editor_litter_and_short_lived_files_are_ignored() {
    let site = example_site();
    let root = site.path();
    let mut watch = Dangos::start(&["watch", "--root", root.to_str().unwrap()]);
    watch.wait_stdout("Watching for changes");
    let dir = root.join("content/indicators");
    // What vim, Emacs and others leave while saving, and a file that lives for a
    // moment: none of it is content, and none of it may break the build.
    for litter in [
        ".fam-kpi-01.md.swp",
        "fam-kpi-01.md~",
        ".#fam-kpi-01.md",
        "4913",
    ] {
        fs::write(dir.join(litter), "not: [content").unwrap();
    }
    fs::write(dir.join("ghost.md"), "---\ntitle: Boo\n---\n").unwrap();
    fs::remove_file(dir.join("ghost.md")).unwrap();
    // vim's way: the original renamed to a backup, the new text written in its place.
    let file = dir.join("fam-kpi-01.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::rename(&file, dir.join("fam-kpi-01.md.bak~")).unwrap();
    fs::write(&file, text.replace("1754", "1802")).unwrap();
    fs::remove_file(dir.join("fam-kpi-01.md.bak~")).unwrap();

    let line = watch.wait_rebuilt("content/indicators/fam-kpi-01.md");
    assert!(line.contains("content/indicators/fam-kpi-01.md"), "{line}");
    for litter in ["swp", "~", ".#", "4913", "ghost"] {
        assert!(!line.contains(litter), "{litter} in {line}");
    }
    let page = root.join("public/en/indicators/fam-kpi-01/index.html");
    wait_for("the new figure", || {
        fs::read_to_string(&page).is_ok_and(|p| p.contains("1,802"))
    });
    // (On a very busy machine the backup rename may be seen alone, and rebuilt as a
    // missing file before the new one appears; litter is never mentioned.)
    for litter in ["swp", ".#", "4913", "ghost"] {
        assert!(
            !watch.err.iter().any(|l| l.contains(litter)),
            "{}",
            watch.err.join("\n")
        );
    }
}

/// The output folder as a clean build makes it, without the marker.
fn output_tree(public: &Path) -> BTreeMap<String, Vec<u8>> {
    preview::tree(public)
        .into_iter()
        .map(|(p, b)| (key(&p), b))
        .filter(|(k, _)| k != ".dangos-output")
        .collect()
}

fn assert_clean_output(root: &Path, what: &str) {
    let on_disk = output_tree(&root.join("public"));
    let clean = clean_build(root);
    let missing: Vec<&String> = clean.keys().filter(|k| !on_disk.contains_key(*k)).collect();
    let extra: Vec<&String> = on_disk.keys().filter(|k| !clean.contains_key(*k)).collect();
    let differ: Vec<&String> = clean
        .iter()
        .filter(|(k, v)| on_disk.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "{what}: the output differs from a clean build: missing {missing:?}, extra {extra:?}, different {differ:?}"
    );
}

/// Links inside the output folder, there before `watch` starts or put there while
/// it runs, are replaced, never written through: the folders they point to are left
/// as they were, and the output ends as a clean build makes it.
#[cfg(unix)]
#[test]
fn watch_never_writes_through_a_link_in_the_output() {
    let site = example_site();
    let root = site.path();
    let public = root.join("public");
    let built = preview::Dangos::start(&["build", "--root", root.to_str().unwrap()]).wait_exit();
    assert_eq!(built, Some(0));
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("index.html"), "precious").unwrap();
    // What is outside the output, briefly (a failure lists names, not bytes).
    let untouched = || -> Vec<String> {
        preview::tree(outside.path())
            .into_iter()
            .map(|(p, b)| format!("{} ({} bytes)", p.display(), b.len()))
            .collect()
    };
    let before = untouched();
    fs::remove_dir_all(public.join("en")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, public.join("en")).unwrap();
    // A link to a file, where a page goes.
    fs::remove_file(public.join("index.html")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("index.html"), public.join("index.html")).unwrap();

    let mut watch = Dangos::start(&["watch", "--root", root.to_str().unwrap()]);
    watch.wait_stdout("Watching for changes");
    assert_eq!(untouched(), before, "watch wrote through a link");
    assert!(
        !fs::symlink_metadata(public.join("en"))
            .unwrap()
            .is_symlink()
    );
    assert_clean_output(root, "after the first build");

    // While it runs: a page's folder becomes a link, then the page is edited.
    let folder = public.join("en/indicators/fam-kpi-01");
    fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &folder).unwrap();
    edit(
        &root.join("content/indicators/fam-kpi-01.md"),
        "1754",
        "1812",
    );
    watch.wait_rebuilt("content/indicators/fam-kpi-01.md");
    assert_eq!(untouched(), before, "watch wrote through a link");
    assert!(!fs::symlink_metadata(&folder).unwrap().is_symlink());
    assert!(
        fs::read_to_string(folder.join("index.html"))
            .unwrap()
            .contains("1,812")
    );
    assert_clean_output(root, "after a rebuild");

    // A link where a page no longer made is: the link goes, not what it points to.
    let dir = root.join("content/indicators");
    copy_indicator(&dir, "fam-kpi-01", "extra");
    let cy = public.join("cy/indicators/extra");
    wait_for("the new page", || cy.join("index.html").is_file());
    fs::remove_dir_all(&cy).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &cy).unwrap();
    let before = untouched();
    fs::remove_file(dir.join("extra.cy.md")).unwrap();
    fs::remove_file(dir.join("extra.md")).unwrap();
    wait_for("the stale page to go", || {
        fs::symlink_metadata(&cy).is_err()
    });
    assert_eq!(untouched(), before, "watch deleted through a link");
}

/// Ctrl+C stops `watch` (after any write in progress) and leaves the output whole.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_watch() {
    let site = example_site();
    let root = site.path();
    let mut watch = Dangos::start(&["watch", "--root", root.to_str().unwrap()]);
    watch.wait_stdout("Watching for changes");
    let start = Instant::now();
    watch.interrupt();
    assert_eq!(watch.wait_exit(), Some(0));
    println!("Ctrl+C to exit: {} ms", start.elapsed().as_millis());
    assert_clean_output(root, "after Ctrl+C");
}

/// `dangos build` while `watch` runs on the same output: the build replaces the
/// folder, and the watcher's next rebuild notices and compares with the disk, so the
/// output never mixes the two (here, two base URLs).
#[test]
fn a_build_while_watch_runs_never_mixes_the_output() {
    let site = example_site();
    let root = site.path();
    let public = root.join("public");
    let mut watch = Dangos::start(&["watch", "--root", root.to_str().unwrap()]);
    watch.wait_stdout("Watching for changes");
    let other = "http://other.example/";
    let built = Dangos::start(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--base-url",
        other,
    ])
    .wait_exit();
    assert_eq!(built, Some(0));
    let home = fs::read_to_string(public.join("en/index.html")).unwrap();
    assert!(home.contains("other.example"));
    edit(
        &root.join("content/indicators/fam-kpi-01.md"),
        "1754",
        "1813",
    );
    watch.wait_rebuilt("content/indicators/fam-kpi-01.md");
    assert_clean_output(root, "after a build and a rebuild");
}
