//! What `dangos serve` and `dangos watch` warn of after an edit is what a clean build
//! of the same files warns of, for the edited file and every other: a rebuild checks
//! again only what an edit can change, and keeps the rest of the last findings.

mod preview;

use dangos::config::Overrides;
use dangos::rebuild::{ChangeKind, EVERYTHING, Rebuilder};
use preview::{edit, example_site};
use std::path::Path;

/// The warnings of the rebuilder's last build, and of a clean build, as printed.
fn warnings(r: &Rebuilder, root: &Path) -> (String, String) {
    let clean = dangos::build::build_site(root, &Overrides::default())
        .unwrap()
        .site
        .warnings;
    (r.warnings().unwrap().to_string(), clean.to_string())
}

/// A copy of the example site whose files were written an hour ago, as a site's
/// files usually were: a rebuild trusts their stamps and keeps what it parsed of
/// them (a file written within the last moments is read again, whatever its stamp).
fn settled_example_site() -> tempfile::TempDir {
    let site = example_site();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(site.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(hour_ago).unwrap();
        }
    }
    site
}

fn rebuild(r: &mut Rebuilder) {
    r.rebuild(&[ChangeKind::Content].into_iter().collect())
        .unwrap_or_else(|d| panic!("{d}"));
}

/// An edit of an indicator's words keeps the report's own warning (the example's
/// report says no date of publication), and one that puts an indicator off target
/// brings the report's warning that it says nothing of what is being done; undone,
/// that warning goes again.
#[test]
fn a_rebuild_warns_of_what_a_clean_build_warns_of() {
    let site = settled_example_site();
    let root = site.path();
    let mut r = Rebuilder::new(root, Overrides::default());
    r.rebuild(&EVERYTHING.into_iter().collect()).unwrap();
    let (first, clean) = warnings(&r, root);
    assert_eq!(first, clean);
    assert!(first.contains("no-published-date"), "{first}");

    edit(
        &root.join("content/indicators/fam-kpi-01.md"),
        "The number of enquiries and well-being contacts.",
        "The number of enquiries and contacts.",
    );
    rebuild(&mut r);
    let (words, clean) = warnings(&r, root);
    assert_eq!(words, clean, "after editing the commentary");
    assert!(words.contains("no-published-date"), "{words}");

    let file = root.join("content/indicators/wellbeing-assessments-timescales.md");
    edit(&file, "2019-20: not-stated", "2019-20: 90.0");
    rebuild(&mut r);
    let (off, clean) = warnings(&r, root);
    assert_eq!(off, clean, "after a target puts it off target");
    assert!(
        off.contains("no-actions") && off.contains("wellbeing-assessments-timescales"),
        "{off}"
    );

    edit(&file, "2019-20: 90.0", "2019-20: not-stated");
    rebuild(&mut r);
    let (back, clean) = warnings(&r, root);
    assert_eq!(back, clean, "after the target is taken back");
    assert_eq!(back, first);
}

/// An edit of an indicator's words alone, in one indicator after another, each
/// rebuilt: the warnings stay those of a clean build (nothing the reused findings
/// hold goes stale, nothing is said twice).
#[test]
fn edits_of_words_keep_the_warnings_whole() {
    let site = settled_example_site();
    let root = site.path();
    let mut r = Rebuilder::new(root, Overrides::default());
    r.rebuild(&EVERYTHING.into_iter().collect()).unwrap();
    let (first, _) = warnings(&r, root);
    for (file, from, to) in [
        (
            "content/indicators/fam-kpi-01.cy.md",
            "Nifer yr ymholiadau",
            "Cyfanswm yr ymholiadau",
        ),
        (
            "content/indicators/fam-kpi-01.md",
            "2019-20 Q2: 1754",
            "2019-20 Q2: 1755",
        ),
    ] {
        edit(&root.join(file), from, to);
        rebuild(&mut r);
        let (now, clean) = warnings(&r, root);
        assert_eq!(now, clean, "after editing {file}");
        assert_eq!(now, first, "after editing {file}");
    }
}
