//! Broken sites, one defect each, kept as files: `tests/fixtures/invalid/<case>/`.
//! Each case is the `valid` fixture changed in one way:
//!
//! - `changes/PATH`: a file written over (or added to) the site;
//! - `append/PATH`: text added to the end of a file of the site (or of the theme);
//! - `remove`: paths deleted from the site, one a line;
//! - `defects`: how many times the one mistake is made (when not once): each place
//!   gets its own diagnostic, at its own line;
//! - `expected`: the exact diagnostics `dangos build` and `dangos check` give, one a
//!   line, as `severity[code]: file:line: message` (the build's column dropped, so
//!   the two commands' lines compare), with the build's help line under each.
//!
//! Every case runs through the real binary, both commands. `DANGOS_BLESS=1` writes
//! the `expected` files from what the commands say (read them before committing).
//! Together the cases cover every diagnostic code.

mod common;

use common::*;
use dangos::diagnostics::Code;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures/invalid");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The `valid` fixture, broken as `case` says.
fn broken_site(case: &Path) -> Site {
    let site = fixture("valid");
    for rel in files_under(&case.join("changes")) {
        let to = site.root.join(&rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(case.join("changes").join(&rel), to).unwrap();
    }
    for rel in files_under(&case.join("append")) {
        let to = site.root.join(&rel);
        let mut bytes = fs::read(&to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
        bytes.extend(fs::read(case.join("append").join(&rel)).unwrap());
        fs::write(&to, bytes).unwrap();
    }
    if let Ok(list) = fs::read_to_string(case.join("remove")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            site.remove(rel.trim());
        }
    }
    site
}

/// The first line of each diagnostic the build printed, without its column.
fn build_lines(stderr: &str, root: &Path) -> Vec<String> {
    let root = format!("{}/", root.display());
    stderr
        .lines()
        .filter(|l| {
            l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("  help: ")
        })
        .map(|l| {
            if l.starts_with("  help: ") {
                return l.to_string();
            }
            let l = l.replace(&root, "");
            // `severity[code]: file:line:col: message` → `... file:line: message`
            let (head, rest) = l.split_once("]: ").unwrap();
            match rest.split_once(": ") {
                Some((place, message)) => {
                    let parts: Vec<&str> = place.split(':').collect();
                    let place = match parts[..] {
                        [file, line, col]
                            if line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok() =>
                        {
                            format!("{file}:{line}")
                        }
                        _ => place.to_string(),
                    };
                    format!("{head}]: {place}: {message}")
                }
                None => l.to_string(),
            }
        })
        .collect()
}

/// Each finding of `check --format json` as a line like the build's.
fn check_lines(stdout: &str) -> Vec<String> {
    let findings: Vec<Value> = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{stdout}"));
    findings
        .iter()
        .map(|f| {
            let place = match (f["file"].as_str(), f["line"].as_u64()) {
                (Some(file), Some(line)) => format!("{file}:{line}: "),
                (Some(file), None) => format!("{file}: "),
                _ => String::new(),
            };
            format!(
                "{}[{}]: {place}{}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// What both commands say of `case`, in the form of its `expected` file.
fn run_case(case: &Path) -> String {
    let site = broken_site(case);
    let build = site.build(&[]);
    assert!(!build.stderr.contains("panicked"), "{build}");
    let check = Command::new(BIN)
        .args(["check", "--root"])
        .arg(&site.root)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let check_out = String::from_utf8_lossy(&check.stdout);
    let mut out = format!("[build] exit {}\n", build.code);
    for l in build_lines(&build.stderr, &site.root) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push_str(&format!(
        "[check] exit {}\n",
        check.status.code().unwrap_or(-1)
    ));
    for l in check_lines(&check_out) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[test]
fn every_broken_site_gives_exactly_its_diagnostics_in_build_and_check() {
    let bless = std::env::var_os("DANGOS_BLESS").is_some();
    let mut wrong = Vec::new();
    let cases = cases();
    assert!(!cases.is_empty());
    for case in &cases {
        let got = run_case(case);
        let path = case.join("expected");
        if bless {
            fs::write(&path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            wrong.push(format!(
                "{}:\n--- expected\n{want}--- got\n{got}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// One problem, one diagnostic: each case is one defect, so each command says at
/// most one thing of it (and at least one of them says it).
#[test]
fn each_broken_site_says_what_is_wrong_once() {
    for case in cases() {
        let want = fs::read_to_string(case.join("expected")).unwrap();
        let (build, check) = want.split_once("[check]").unwrap();
        let count = |part: &str| {
            part.lines()
                .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
                .count()
        };
        // A case with the same mistake made in several places says so in `defects`.
        let defects: usize = fs::read_to_string(case.join("defects"))
            .map_or(1, |n| n.trim().parse().expect("`defects` holds a number"));
        let (b, c) = (count(build), count(check));
        assert!(
            b <= defects && c <= defects && b + c >= 1,
            "{}: one problem, one diagnostic\n{want}",
            case.display()
        );
    }
}

/// Every code the README documents is produced by some case, in both commands where
/// the build finds it.
#[test]
fn the_broken_sites_cover_every_code() {
    let mut seen = BTreeSet::new();
    for case in cases() {
        let want = fs::read_to_string(case.join("expected")).unwrap();
        for l in want
            .lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        {
            if let Some(code) = l.split('[').nth(1).and_then(|r| r.split(']').next()) {
                seen.insert(code.to_string());
            }
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !Code::IMPORT.contains(c)) // tests/import/ covers these
        // Not about a site's files: the preview, the watcher, export, dangos itself
        // (tests/serve.rs covers `serve`, tests/import/csv.rs `export`).
        .filter(|c| !Code::SURROUNDINGS.contains(c))
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(missing.is_empty(), "no broken site gives {missing:?}");
}
