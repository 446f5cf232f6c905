//! The output folder under an unlucky or hostile user: builds killed at every step of
//! the swap (and at any moment), and two builds at once. The previous or the new
//! output is always there, whole; what a killed build left is removed by the next;
//! two builds never mix their files.

mod common;
mod preview;

use common::{Site, example_site, tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

type Tree = BTreeMap<String, Vec<u8>>;

/// Runs `dangos build` on `site` with `env`, and returns its exit code (`None` if a
/// signal ended it).
fn build_with(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Option<i32> {
    Command::new(common::BIN)
        .args(["build", "--root", site.root.to_str().unwrap()])
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run dangos")
        .status
        .code()
}

/// What dangos left beside the output folder: staging and old folders.
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.dangos-"))
        .collect()
}

/// The output folder's tree, or `None` if there is no output folder.
fn output(site: &Site) -> Option<Tree> {
    site.public().is_dir().then(|| tree(&site.public()))
}

/// A site with two versions of its content: the tree of each version's build.
struct TwoVersions {
    site: Site,
    old: Tree,
    new: Tree,
}

const FILE: &str = "content/indicators/fam-kpi-01.md";

impl TwoVersions {
    fn new() -> TwoVersions {
        let site = example_site();
        let elsewhere = tempfile::tempdir().unwrap();
        let other = elsewhere.path().join("out");
        site.build_ok(&["--output", other.to_str().unwrap()]);
        let old = tree(&other);
        site.replace(FILE, "2019-20 Q2: 1754", "2019-20 Q2: 1899");
        site.build_ok(&["--output", other.to_str().unwrap()]);
        let new = tree(&other);
        assert_ne!(old, new);
        TwoVersions { site, old, new }
    }

    /// Puts the old version in the output folder, and the new one in `content/`.
    fn reset(&self) {
        self.site
            .replace(FILE, "2019-20 Q2: 1899", "2019-20 Q2: 1754");
        self.site.build_ok(&[]);
        assert!(output(&self.site).as_ref() == Some(&self.old));
        self.site
            .replace(FILE, "2019-20 Q2: 1754", "2019-20 Q2: 1899");
    }

    /// The output is the old or the new build, whole.
    fn assert_whole(&self, what: &str) {
        let now = output(&self.site);
        assert!(
            now.as_ref() == Some(&self.old) || now.as_ref() == Some(&self.new),
            "{what}: the output is neither the previous build nor the new one, whole ({})",
            match &now {
                None => "there is no output folder".to_string(),
                Some(t) => format!("{} files", t.len()),
            }
        );
    }

    /// The next build succeeds, makes the new version and leaves nothing behind.
    fn assert_next_build_cleans_up(&self, what: &str) {
        self.site.build_ok(&[]);
        assert!(
            output(&self.site).as_ref() == Some(&self.new),
            "{what}: the next build"
        );
        assert_eq!(leftovers(&self.site), Vec::<String>::new(), "{what}");
    }
}

/// A build stopped dead (as by `kill -9`) at each step of writing and swapping: the
/// previous or the new output is there, whole, and the next build removes what the
/// stopped one left. Debug builds stop where `DANGOS_TEST_FAULT` says.
#[test]
fn a_build_killed_at_each_step_leaves_a_whole_output() {
    let v = TwoVersions::new();
    // (step, the two-rename swap forced, the output expected: old or new)
    for (step, two_renames, expect_new) in [
        ("staged", false, false),
        ("exchanged", false, true),
        ("emptied", false, true),
        ("moved-in", true, true),
    ] {
        v.reset();
        let mut env = vec![("DANGOS_TEST_FAULT", step)];
        if two_renames {
            env.push(("DANGOS_TEST_NO_EXCHANGE", "1"));
        }
        let code = build_with(&v.site, &[], &env);
        assert_ne!(code, Some(0), "{step}: the build was not stopped");
        v.assert_whole(step);
        let expected = if expect_new { &v.new } else { &v.old };
        assert!(output(&v.site).as_ref() == Some(expected), "{step}");
        assert!(
            !leftovers(&v.site).is_empty(),
            "{step}: a stopped build leaves its staging or old folder"
        );
        v.assert_next_build_cleans_up(step);
    }

    // The window of the two-rename swap (systems without an atomic exchange, see
    // README): stopped between the renames there is no output folder, and the next
    // build makes it whole again and removes the rest.
    v.reset();
    let env = [
        ("DANGOS_TEST_FAULT", "moved-aside"),
        ("DANGOS_TEST_NO_EXCHANGE", "1"),
    ];
    assert_ne!(build_with(&v.site, &[], &env), Some(0));
    assert!(output(&v.site).is_none());
    v.assert_next_build_cleans_up("moved-aside");
}

/// Killed with SIGKILL at moments spread over the whole build, from the start to the
/// deletion of the previous output: the output is always the previous or the new
/// build, whole.
#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_output() {
    let v = TwoVersions::new();
    // How long an unhurried build takes here, to spread the kills over it.
    v.reset();
    let start = Instant::now();
    v.site.build_ok(&[]);
    let whole = start.elapsed();
    let mut killed_during = 0;
    for step in 0..12u32 {
        v.reset();
        let mut child = Command::new(common::BIN)
            .args(["build", "--root", v.site.root.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Not a synchronisation: the kill may land anywhere, and every moment must
        // leave a whole output.
        std::thread::sleep(whole * step / 10);
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            killed_during += 1;
        }
        v.assert_whole(&format!("killed after {:?}", whole * step / 10));
        v.assert_next_build_cleans_up(&format!("killed after {:?}", whole * step / 10));
    }
    assert!(killed_during > 0, "no build was killed while it ran");
}

/// Two builds of the same output at once: the second waits for the first, saying
/// which process it waits for, and the output is wholly the last one's.
#[test]
fn a_second_build_waits_for_the_first() {
    let site = example_site();
    let hold = tempfile::tempdir().unwrap();
    let go = hold.path().join("go");
    let mut reached = go.clone().into_os_string();
    reached.push(".reached");
    let root = site.root.to_str().unwrap();
    let hold_at = format!("staged:{}", go.display());
    let mut first = preview::Dangos::start_with(
        &["build", "--root", root, "--base-url", "http://a.example/"],
        &[("DANGOS_TEST_HOLD", &hold_at)],
    );
    // The first has written every file and holds before the swap.
    preview::wait_for_file(Path::new(&reached));
    let mut second =
        preview::Dangos::start(&["build", "--root", root, "--base-url", "http://b.example/"]);
    let said = second.wait_stderr("Waiting for");
    assert!(
        said.contains(&format!("dangos build (process {})", first.id())),
        "{said}"
    );
    std::fs::write(&go, "").unwrap();
    assert_eq!(first.wait_exit(), Some(0), "{}", first.err.join("\n"));
    assert_eq!(second.wait_exit(), Some(0), "{}", second.err.join("\n"));
    let out = tree(&site.public());
    let pages: Vec<&String> = out.keys().filter(|k| k.ends_with(".html")).collect();
    assert!(pages.len() > 50);
    for page in pages {
        let html = String::from_utf8_lossy(&out[page]);
        assert!(!html.contains("a.example"), "{page} is the first build's");
    }
    assert!(String::from_utf8_lossy(&out["en/index.html"]).contains("b.example"));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

/// Four builds at once, two base URLs: every build succeeds, and the output is one
/// whole build, not a mix.
#[test]
fn builds_at_once_never_mix_their_files() {
    let site = example_site();
    let reference = |url: &str| -> Tree {
        let dir = tempfile::tempdir().unwrap();
        let out: PathBuf = dir.path().join("out");
        site.build_ok(&["--output", out.to_str().unwrap(), "--base-url", url]);
        tree(&out)
    };
    let (a, b) = (
        reference("http://a.example/"),
        reference("http://b.example/"),
    );
    for round in 0..3 {
        let children: Vec<std::process::Child> = (0..4)
            .map(|i| {
                let url = if i % 2 == 0 {
                    "http://a.example/"
                } else {
                    "http://b.example/"
                };
                Command::new(common::BIN)
                    .args(["build", "--root", site.root.to_str().unwrap()])
                    .args(["--base-url", url])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success(), "round {round}");
        }
        let out = tree(&site.public());
        assert!(out == a || out == b, "round {round}: a mixed output");
        assert_eq!(leftovers(&site), Vec::<String>::new());
    }
}

/// A staging folder of a killed build is removed by the next build; a folder of the
/// same name without dangos's marker, or a link of that name, is not followed and
/// not emptied.
#[cfg(unix)]
#[test]
fn only_dangos_leftovers_are_removed() {
    let site = example_site();
    site.build_ok(&[]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep.txt"), "keep").unwrap();
    let unmarked = site.root.join(".public.dangos-staging-999999");
    std::fs::create_dir_all(&unmarked).unwrap();
    std::fs::write(unmarked.join("mine.txt"), "mine").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root.join(".public.dangos-old-999998"))
        .unwrap();
    // Emptied but for its marker, the marker gone too: an empty folder goes.
    let empty = site.root.join(".public.dangos-old-999996");
    std::fs::create_dir_all(&empty).unwrap();
    let marked = site.root.join(".public.dangos-staging-999997");
    std::fs::create_dir_all(marked.join("en")).unwrap();
    std::fs::write(marked.join(".dangos-output"), "").unwrap();
    std::fs::write(marked.join("en/index.html"), "half").unwrap();
    site.build_ok(&[]);
    assert!(!marked.exists(), "a killed build's staging folder stays");
    assert!(!empty.exists(), "an emptied leftover stays");
    assert_eq!(
        std::fs::read_to_string(unmarked.join("mine.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("keep.txt")).unwrap(),
        "keep"
    );
}
