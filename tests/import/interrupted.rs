//! An import stopped at any moment of its writing: stopped dead at each step (a debug
//! build aborts where `DANGOS_TEST_FAULT` says), killed with SIGKILL while held at a
//! step (`DANGOS_TEST_HOLD`), or ended by SIGTERM or Ctrl-C. Whatever the moment, the
//! site holds all of the import or none of it, builds, and keeps nothing of the
//! stopped import once the next command has run. And a FIFO in `content/` is passed
//! over, not waited on.

use super::*;

/// A fixture, the Q3 file beside it, and the content before and after the import.
struct Case {
    site: Site,
    file: PathBuf,
    before: BTreeMap<String, Vec<u8>>,
    after: BTreeMap<String, Vec<u8>>,
}

/// The five files Q3 changes, in the order they are written.
const WRITTEN: usize = 5;

impl Case {
    fn new() -> Case {
        let site = fixture("import");
        let file = sheet(&site, "q3.csv", Q3.as_bytes());
        let before = content(&site);
        let mut after = before.clone();
        for (rel, text) in expected_after_q3(&site) {
            after.insert(
                rel.trim_start_matches("content/").to_string(),
                text.into_bytes(),
            );
        }
        Case {
            site,
            file,
            before,
            after,
        }
    }

    /// The content is the whole import or none of it; `true` if the whole.
    fn all_or_none(&self, what: &str) -> bool {
        let now = content(&self.site);
        assert!(
            now == self.before || now == self.after,
            "{what}: content/ is neither as it was nor as imported"
        );
        now == self.after
    }

    /// The next command settles what the stopped import left and says so; then the
    /// content is all or none, with nothing left over, and the site builds.
    fn next_command_settles(&self, command: &str, what: &str) -> bool {
        let had_leftovers = !leftovers(&self.site).is_empty();
        let root = self.site.root.to_str().unwrap();
        let run = match command {
            "import" => import(&self.site, &self.file, &[]),
            // These run until stopped: stopped once they have said what they found.
            "serve" | "watch" => {
                let mut args = vec![command, "--root", root];
                if command == "serve" {
                    args.extend(["--port", "0"]);
                }
                let tmpdir = tmp(&self.site);
                let mut running =
                    preview::Dangos::start_with(&args, &[("TMPDIR", tmpdir.to_str().unwrap())]);
                let said = running.wait_stderr("An import was stopped");
                running.kill();
                Run {
                    code: 0,
                    stdout: String::new(),
                    stderr: said,
                }
            }
            _ => dangos_in(&self.site, &[command, "--root", root], &[]),
        };
        if had_leftovers {
            assert!(
                run.stderr.contains("An import was stopped"),
                "{what}: `{command}` says what it found\n{run}"
            );
        }
        assert_no_leftovers(&self.site, what);
        let whole = self.all_or_none(&format!("{what}, after `{command}`"));
        let build = dangos_in(&self.site, &["build", "--root", root], &[]);
        assert_eq!(build.code, 0, "{what}: the site builds\n{build}");
        whole
    }
}

/// Stopped dead after each step of the writing: before any rename the import is
/// undone; from the journal's commit on, finished.
#[test]
fn an_import_stopped_at_each_step_is_all_or_nothing() {
    let mut steps = vec!["import-copied".to_string(), "import-planned".to_string()];
    steps.extend((1..=WRITTEN).map(|i| format!("import-temp-{i}")));
    steps.push("import-committed".into());
    steps.extend((1..=WRITTEN).map(|i| format!("import-renamed-{i}")));
    let commands = ["build", "check", "import"];
    for (n, step) in steps.iter().enumerate() {
        let case = Case::new();
        let run = import_with(&case.site, &case.file, &[], &[("DANGOS_TEST_FAULT", step)]);
        assert_ne!(run.code, 0, "{step}: the import was not stopped\n{run}");
        let finished = step == "import-committed" || step.starts_with("import-renamed-");
        assert!(
            !leftovers(&case.site).is_empty(),
            "{step}: a stopped import leaves its files"
        );
        // `build`, `check` and `import` each settle it (`serve` and `watch` too: see
        // the next test).
        let command = commands[n % commands.len()];
        let whole = case.next_command_settles(command, step);
        if command != "import" {
            assert_eq!(whole, finished, "{step}: finished or undone");
        }
    }
}

/// Killed with SIGKILL while held at a moment of the import: in its check (its copy
/// of the site made), half-way through writing, just after the commit, half-way
/// through renaming.
#[test]
fn an_import_killed_at_any_moment_is_all_or_nothing() {
    // Each settled by another of the commands that read content/.
    for (step, finished, command) in [
        ("import-copied", false, "build"),
        ("import-temp-2", false, "serve"),
        ("import-committed", true, "watch"),
        ("import-renamed-2", true, "check"),
    ] {
        let case = Case::new();
        let go = tmp(&case.site).parent().unwrap().join(format!("go-{step}"));
        let mut child = hold(&case, step, &go);
        child.kill();
        assert!(
            !leftovers(&case.site).is_empty(),
            "{step}: a killed import leaves its files"
        );
        let whole = case.next_command_settles(command, step);
        assert_eq!(whole, finished, "{step}: finished or undone");
    }
}

/// Starts the import held at `step`, and waits until it is there.
fn hold(case: &Case, step: &str, go: &Path) -> preview::Dangos {
    let root = case.site.root.to_str().unwrap();
    let tmpdir = tmp(&case.site);
    let at = format!("{step}:{}", go.display());
    let child = preview::Dangos::start_with(
        &["import", "--root", root, case.file.to_str().unwrap()],
        &[
            ("DANGOS_TEST_HOLD", &at),
            ("TMPDIR", tmpdir.to_str().unwrap()),
        ],
    );
    let mut reached = go.as_os_str().to_owned();
    reached.push(".reached");
    preview::wait_for_file(Path::new(&reached));
    child
}

/// SIGTERM and Ctrl-C settle the import before it ends: nothing is left, even
/// before another command runs.
#[cfg(unix)]
#[test]
fn an_import_ended_by_a_signal_clears_up_after_itself() {
    for (step, signal, finished) in [
        ("import-copied", libc::SIGTERM, false),
        ("import-temp-3", libc::SIGINT, false),
        ("import-renamed-2", libc::SIGTERM, true),
    ] {
        let case = Case::new();
        let go = tmp(&case.site).parent().unwrap().join(format!("go-{step}"));
        let mut child = hold(&case, step, &go);
        // SAFETY: kill has no memory effects; the pid is our own child's.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
        let code = child.wait_exit();
        assert_eq!(code, Some(128 + signal), "{step}: exits as the signal says");
        assert_no_leftovers(&case.site, step);
        assert_eq!(
            case.all_or_none(step),
            finished,
            "{step}: finished or undone"
        );
    }
}

/// A FIFO in `content/` (which `build` passes over) is named and passed over, never
/// opened: opening it would wait for a writer that never comes.
#[cfg(unix)]
#[test]
fn a_fifo_in_content_is_passed_over_not_waited_on() {
    let case = Case::new();
    let fifo = case.site.path("content/indicators/pipe.md");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a C string we own; mkfifo makes a file and touches no memory of ours.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("nowhere.md", case.site.path("content/pages/dangling.md")).unwrap();
    let run = import(&case.site, &case.file, &[]);
    assert_eq!(run.code, 0, "{run}");
    for name in ["content/indicators/pipe.md", "content/pages/dangling.md"] {
        assert!(
            run.stderr.contains(&format!(
                "warning: {name} is not a regular file or folder: the import passed over it"
            )),
            "{name}\n{run}"
        );
    }
    assert_no_leftovers(&case.site, "a FIFO");
    for (rel, text) in expected_after_q3(&fixture("import")) {
        assert_eq!(case.site.read(rel), text, "{rel}");
    }
}
