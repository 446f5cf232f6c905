//! Helpers for the `serve` and `watch` tests: a copy of the example site, the real
//! binary as a child process (killed on drop), and a small HTTP/1.0 client over a raw
//! socket (so requests go out byte for byte, `..` and all). Every wait has a timeout.

#![allow(dead_code, unreachable_pub)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long any one wait may take before the test fails (generous: CI machines are
/// shared and debug builds are slow; a passing test never waits this long).
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the example site (site.toml, content/, themes/) in a temporary folder.
pub fn example_site() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    dir
}

/// Replaces `from` with `to` in a file, as an editor's atomic save does: the new text
/// goes to a temporary file, renamed over the original.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// A running `dangos` process; killed when dropped.
pub struct Dangos {
    child: Child,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
    pub out: Vec<String>,
    pub err: Vec<String>,
}

impl Dangos {
    pub fn start(args: &[&str]) -> Dangos {
        Dangos::start_with(args, &[])
    }

    /// Like [`Dangos::start`], with more environment variables.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Dangos {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dangos"))
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dangos");
        let lines = |r: Box<dyn Read + Send>| {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(r).lines() {
                    let Ok(line) = line else { break };
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            rx
        };
        let stdout = lines(Box::new(child.stdout.take().unwrap()));
        let stderr = lines(Box::new(child.stderr.take().unwrap()));
        Dangos {
            child,
            stdout,
            stderr,
            out: Vec::new(),
            err: Vec::new(),
        }
    }

    /// Waits for a line of standard output containing `needle`, and returns it.
    pub fn wait_stdout(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.drain_stderr();
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .stdout
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                Ok(line) => {
                    self.out.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) if !left.is_zero() => {}
                Err(_) => panic!(
                    "no {needle:?} on standard output\nstdout:\n{}\nstderr:\n{}",
                    self.out.join("\n"),
                    self.err.join("\n")
                ),
            }
        }
    }

    /// Waits for the rebuild that names `file` (`Rebuilt in 23 ms: ... (FILE)`): an
    /// earlier rebuild (a watcher's late event from before the edit) is passed over.
    pub fn wait_rebuilt(&mut self, file: &str) -> String {
        loop {
            let line = self.wait_stdout("Rebuilt in");
            if line.contains(file) {
                return line;
            }
        }
    }

    /// Waits until standard error has said `needle`; returns everything it said.
    pub fn wait_stderr(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        while !self.err.iter().any(|l| l.contains(needle)) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no {needle:?} on standard error:\n{}",
                self.err.join("\n")
            );
            if let Ok(line) = self
                .stderr
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                self.err.push(line);
            }
        }
        self.err.join("\n")
    }

    /// The process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Sends Ctrl+C (SIGINT), as a terminal does.
    #[cfg(unix)]
    pub fn interrupt(&self) {
        // SAFETY: kill has no memory effects; the pid is our own child's.
        let r = unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGINT) };
        assert_eq!(r, 0, "kill -INT");
    }

    /// Kills the process at once (SIGKILL) and reaps it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn drain_stderr(&mut self) {
        while let Ok(line) = self.stderr.try_recv() {
            self.err.push(line);
        }
    }

    /// Waits for the process to end by itself; returns its exit code.
    pub fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Collect all it said: each reader ends at the pipe's end of file.
                let ended = Instant::now() + TIMEOUT;
                read_to_end(&self.stderr, &mut self.err, ended);
                read_to_end(&self.stdout, &mut self.out, ended);
                return status.code();
            }
            assert!(Instant::now() < deadline, "dangos did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Every line `rx` still has, until its reader thread has ended.
fn read_to_end(rx: &mpsc::Receiver<String>, into: &mut Vec<String>, deadline: Instant) {
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(line) => into.push(line),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("dangos's output did not end"),
        }
    }
}

impl Drop for Dangos {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `dangos serve` on a free loopback port and returns it with its address
/// (`127.0.0.1:PORT`).
pub fn serve(root: &Path, extra: &[&str]) -> (Dangos, String) {
    let mut args = vec!["serve", "--root", root.to_str().unwrap(), "--port", "0"];
    args.extend_from_slice(extra);
    let mut d = Dangos::start(&args);
    let line = d.wait_stdout("Serving the site at http://");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("an address")
        .to_string();
    (d, addr)
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn connect(addr: &str) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("connect to dangos serve");
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    stream
}

/// Sends `METHOD target HTTP/1.0` exactly as given and reads the whole response.
pub fn request(addr: &str, method: &str, target: &str) -> Response {
    request_to(addr, method, target, Some(addr))
}

/// Like [`request`], with the given `Host` header (or none).
pub fn request_to(addr: &str, method: &str, target: &str, host: Option<&str>) -> Response {
    let mut stream = connect(addr);
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(stream, "{method} {target} HTTP/1.0\r\n{host}\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn get(addr: &str, target: &str) -> Response {
    request(addr, "GET", target)
}

/// The generation a served page was built from (in its live-reload script tag).
pub fn generation(page: &str) -> String {
    page.split("data-generation=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a live-reload script")
        .to_string()
}

/// A subscription to `/__dangos/events`.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub fn subscribe(addr: &str, since: &str) -> Events {
        let mut stream = connect(addr);
        write!(
            stream,
            "GET /__dangos/events?since={since} HTTP/1.0\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.contains(" 200 "), "{status}");
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if line.to_ascii_lowercase().starts_with("content-type") {
                assert!(line.contains("text/event-stream"), "{line}");
            }
        }
        Events { reader }
    }

    /// Waits for the server to end the stream (panics after [`TIMEOUT`]).
    pub fn wait_end(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        let mut line = String::new();
        loop {
            assert!(Instant::now() < deadline, "the stream did not end");
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    }

    /// The next event (name, data), skipping keep-alive comments; panics after
    /// [`TIMEOUT`].
    pub fn next(&mut self) -> (String, String) {
        let deadline = Instant::now() + TIMEOUT;
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            assert!(Instant::now() < deadline, "no event in time");
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("read an event");
            assert!(n > 0, "the event stream ended");
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() || !data.is_empty() {
                    return (name, data);
                }
            } else if let Some(v) = line.strip_prefix("event:") {
                name = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push_str(v.trim_start());
            }
        }
    }
}

/// Generates a site with `n` more indicators than the example (copies of
/// fam-kpi-01 with their own figures), for measurements.
pub fn big_site(n: usize) -> tempfile::TempDir {
    let dir = example_site();
    let indicators = dir.path().join("content/indicators");
    let en = std::fs::read_to_string(indicators.join("fam-kpi-01.md")).unwrap();
    let cy = std::fs::read_to_string(indicators.join("fam-kpi-01.cy.md")).unwrap();
    for i in 0..n {
        let en = en
            .replace("FAM KPI 01", &format!("GEN {i:04}"))
            .replace("1754", &(1000 + i).to_string());
        std::fs::write(indicators.join(format!("gen-{i:04}.md")), en).unwrap();
        std::fs::write(indicators.join(format!("gen-{i:04}.cy.md")), &cy).unwrap();
    }
    // As in a site in use, the files were last written a while ago: a rebuild
    // trusts their stamps (see `dangos::content::ParseCache`) rather than reading
    // all of them again.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(&indicators).unwrap() {
        std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    dir
}

/// Waits until `path` exists (a watcher's first build writes it).
pub fn wait_for_file(path: &Path) {
    let deadline = Instant::now() + TIMEOUT;
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file under `dir`, relative to it, with its bytes.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, out);
            } else {
                out.push((
                    path.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Publishes `site`'s language `from` as `to` instead: its content files, its UI
/// strings file and its code in `site.toml` (so its pages are under `/TO/`).
pub fn relabel_language(site: &Path, from: &str, to: &str) {
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let path = entry.unwrap().into_path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(stem) = name.strip_suffix(&format!(".{from}.md")) {
            std::fs::rename(&path, path.with_file_name(format!("{stem}.{to}.md"))).unwrap();
        }
    }
    let i18n = site.join("themes/default/i18n");
    std::fs::rename(
        i18n.join(format!("{from}.ftl")),
        i18n.join(format!("{to}.ftl")),
    )
    .unwrap();
    edit(
        &site.join("site.toml"),
        &format!("code = \"{from}\""),
        &format!("code = \"{to}\""),
    );
}

/// The words a served page gives its build-error panel (the live-reload script's
/// `data-words`).
pub fn panel_words(page: &str) -> serde_json::Value {
    let attr = page
        .split("data-words=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a live-reload script with its words");
    let json = attr
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}
