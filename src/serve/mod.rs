//! `dangos serve`: builds the site in memory, serves it over HTTP on the loopback
//! interface, rebuilds on every change and reloads the open pages.
//!
//! The site is built with its base URL replaced by the server's own
//! (`http://127.0.0.1:1111/`), so every language is under `/<code>/` and the language
//! choice is at `/`, and links work exactly as they will when published. Files are
//! served from memory: the last good build is swapped in whole after each successful
//! rebuild, and only then are the pages told to reload, so a browser never sees a
//! half-written site. A failed rebuild leaves the last good site being served, prints
//! the problems, and shows them over every open page. Nothing is written to disk.

mod http;
pub mod livereload;
mod preview_strings;

use crate::config::Overrides;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::rebuild::{EVERYTHING, Files, Rebuilder};
use crate::watch::{self, Watcher};
use livereload::Status;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// What `dangos serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on: loopback unless asked otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one (the address is printed).
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Poll for changes instead of using native file-system events.
    pub poll: bool,
    /// Include drafts.
    pub drafts: bool,
}

/// The files being served and the build they came from.
#[derive(Debug)]
pub(crate) struct Snapshot {
    generation: u64,
    files: Arc<Files>,
    /// The default language's 404 page, for paths outside every language.
    default_404: Option<String>,
    /// The preview's own words, in every language of the site.
    words: Arc<preview_strings::PreviewWords>,
}

/// What every request handler shares.
pub(crate) struct App {
    snapshot: RwLock<Arc<Snapshot>>,
    status: tokio::sync::watch::Receiver<Status>,
    /// The names requests may be addressed to.
    hosts: http::Hosts,
}

impl App {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Runs the server until Ctrl+C.
pub fn run(options: Options) -> Result<(), Diagnostic> {
    let listener = bind(options.bind, options.port)?;
    let addr = listener.local_addr().map_err(|e| {
        Diagnostic::new(
            Code::Serve,
            format!("cannot read the server's address: {e}"),
        )
    })?;
    let base = base_url(addr);
    let overrides = Overrides {
        output: None,
        base_url: Some(base.clone()),
        drafts: options.drafts,
    };
    // Watch before the first build, so an edit made during it is not missed.
    let watcher = Watcher::new(&options.root, options.poll)?;
    let mut rebuilder = Rebuilder::new(&options.root, overrides.clone());
    let site = (options.root.clone(), overrides);

    // Generations start from the clock, so a page left open across a restart of the
    // server reloads when it reconnects.
    let generation = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(1);
    let error = first_build(&mut rebuilder, &site);
    let failing = error.is_some();
    let (status_tx, status_rx) = livereload::channel(Status {
        generation,
        error,
        closing: false,
    });
    let status_tx = Arc::new(status_tx);
    let app = Arc::new(App {
        snapshot: RwLock::new(Arc::new(snapshot(&rebuilder, generation, &site))),
        status: status_rx,
        hosts: http::Hosts::new(addr),
    });
    let rebuilds = Rebuilds {
        app: app.clone(),
        status: status_tx.clone(),
        watcher,
        rebuilder,
        site,
        generation,
        failing,
    };
    std::thread::Builder::new()
        .name("dangos-rebuild".into())
        .spawn(move || rebuilds.run())
        .map_err(|e| {
            Diagnostic::new(Code::Serve, format!("cannot start the rebuild thread: {e}"))
        })?;
    serve(listener, app, &base, options.open, &status_tx)
}

/// Builds the site for the first time, saying how long it took; if it fails, the
/// problems are printed, and returned as the JSON the pages show.
fn first_build(rebuilder: &mut Rebuilder, site: &SiteArgs) -> Option<Arc<str>> {
    let start = std::time::Instant::now();
    match rebuilder.rebuild(&EVERYTHING.into_iter().collect()) {
        Ok(built) => {
            println!(
                "Built {} files in {} ms",
                built.files.len(),
                start.elapsed().as_millis()
            );
            None
        }
        Err(diags) => {
            watch::report_failure(
                &diags,
                "serving a page that shows the problems until they are fixed",
            );
            Some(livereload::error_json(
                &diags,
                &preview_words(rebuilder, site),
            ))
        }
    }
}

/// The rebuilds after each change, on their own thread: each good build is swapped
/// in whole before the pages are told, each failed one shown over them.
struct Rebuilds {
    app: Arc<App>,
    status: Arc<tokio::sync::watch::Sender<Status>>,
    watcher: Watcher,
    rebuilder: Rebuilder,
    site: SiteArgs,
    generation: u64,
    /// The last build failed: the next good one is shown even if it changed nothing.
    failing: bool,
}

impl Rebuilds {
    /// Rebuilds on every change until the watcher stops.
    fn run(mut self) {
        let mut next = self
            .watcher
            .next_changes(self.rebuilder.theme_dir().as_deref());
        let mut settled = false;
        while let Some(changes) = next.take() {
            let started = std::time::SystemTime::now();
            match self
                .rebuilder
                .rebuild_touched(&changes.kinds, &changes.paths)
            {
                Ok(rebuilt) => {
                    watch::report_success(&changes, &rebuilt);
                    if rebuilt.count() > 0 || self.failing {
                        self.show_new_files();
                    }
                }
                Err(diags) => {
                    // A file read while it was being written is read again once
                    // the writes settle, before its problem is shown.
                    let theme = self.rebuilder.theme_dir();
                    if !settled
                        && let Some(more) = self.watcher.settle(&diags, started, theme.as_deref())
                    {
                        next = Some(more);
                        settled = true;
                        continue;
                    }
                    self.show_problems(&diags);
                }
            }
            settled = false;
            next = self
                .watcher
                .next_changes(self.rebuilder.theme_dir().as_deref());
        }
    }

    /// Serves the files of the last build, then tells the pages to reload.
    fn show_new_files(&mut self) {
        self.generation += 1;
        let files = Arc::new(snapshot(&self.rebuilder, self.generation, &self.site));
        *self.app.snapshot.write().unwrap_or_else(|e| e.into_inner()) = files;
        // Only now, with every file in place, tell the pages. (`closing` is kept: a
        // rebuild finishing as Ctrl+C is pressed must not reopen the streams.)
        let generation = self.generation;
        self.status.send_modify(|s| {
            s.generation = generation;
            s.error = None;
        });
        self.failing = false;
    }

    /// Prints a failed rebuild's problems and shows them over every open page; the
    /// last good site is still served.
    fn show_problems(&mut self, diags: &crate::diagnostics::Diagnostics) {
        watch::report_failure(diags, "still serving the last good site");
        let words = self.app.snapshot().words.clone();
        let error = Some(livereload::error_json(diags, &words));
        self.status.send_modify(|s| s.error = error);
        self.failing = true;
    }
}

/// Serves `app` on `listener` until Ctrl+C.
fn serve(
    listener: std::net::TcpListener,
    app: Arc<App>,
    base: &str,
    open: bool,
    status: &tokio::sync::watch::Sender<Status>,
) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::new(Code::Serve, format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| Diagnostic::new(Code::Serve, format!("cannot start the server: {e}")))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Diagnostic::new(Code::Serve, format!("cannot start the server: {e}")))?;
        let router = axum::Router::new().fallback(http::handle).with_state(app);
        println!("Serving the site at {base} (press Ctrl+C to stop)");
        if open {
            open_browser(base);
        }
        // On Ctrl+C: stop taking connections, end every live-reload stream (the
        // pages see the server go, and reconnect when it is back), and give the
        // open requests a moment to finish, no more.
        http::accept(listener, router, tokio::signal::ctrl_c()).await;
        status.send_modify(|s| s.closing = true);
        tokio::time::sleep(GRACE).await;
        Ok::<(), Diagnostic>(())
    })?;
    runtime.shutdown_background();
    Ok(())
}

/// How long open requests may take to finish after Ctrl+C.
const GRACE: std::time::Duration = std::time::Duration::from_millis(200);

/// The site being served (its folder, and how its configuration is overridden), for
/// reading its words before it first builds.
type SiteArgs = (PathBuf, Overrides);

fn snapshot(rebuilder: &Rebuilder, generation: u64, site: &SiteArgs) -> Snapshot {
    Snapshot {
        generation,
        files: rebuilder.files().clone(),
        default_404: rebuilder
            .config()
            .map(|c| format!("{}/404.html", c.default_language().code)),
        words: Arc::new(preview_words(rebuilder, site)),
    }
}

/// The preview's words from the last good build's configuration and UI strings;
/// before the first good build, read from the site as far as it can be.
fn preview_words(
    rebuilder: &Rebuilder,
    (root, overrides): &SiteArgs,
) -> preview_strings::PreviewWords {
    if let (Some(config), Some(i18n)) = (rebuilder.config(), rebuilder.i18n()) {
        return preview_strings::PreviewWords::new(config, i18n);
    }
    let config = crate::config::Config::load(root, overrides);
    match config.map(|c| (crate::i18n::I18n::load(&c, crate::figures::write_number), c)) {
        Ok((Ok(i18n), config)) => preview_strings::PreviewWords::new(&config, &Arc::new(i18n)),
        _ => preview_strings::PreviewWords::fallback(),
    }
}

/// Binds the listening socket, with a clear message when the port is taken.
fn bind(ip: IpAddr, port: u16) -> Result<std::net::TcpListener, Diagnostic> {
    std::net::TcpListener::bind(SocketAddr::new(ip, port)).map_err(|e| {
        let addr = SocketAddr::new(ip, port);
        match e.kind() {
            std::io::ErrorKind::AddrInUse => Diagnostic::new(Code::Serve, format!(
                "cannot serve on {addr}: the port is already in use (perhaps another dangos serve?)"
            ))
            .help(format!(
                "pass --port with another number, such as --port {}, or --port 0 to pick any free port",
                port.wrapping_add(1).max(1024)
            )),
            std::io::ErrorKind::AddrNotAvailable => {
                Diagnostic::new(Code::Serve, format!("cannot serve on {addr}: this computer has no such address"))
                    .help("leave out --bind to serve on 127.0.0.1")
            }
            std::io::ErrorKind::PermissionDenied => {
                Diagnostic::new(Code::Serve, format!("cannot serve on {addr}: permission denied"))
                    .help("ports below 1024 need special rights: use the default, --port 1111")
            }
            _ => Diagnostic::new(Code::Serve, format!("cannot serve on {addr}: {e}")),
        }
    })
}

/// The URL pages are built for: the bound address, with a loopback host when the
/// server listens on every interface.
fn base_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    format!("http://{host}:{}/", addr.port())
}

fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_use_a_host_a_browser_can_reach() {
        let url = |s: &str| base_url(s.parse().unwrap());
        assert_eq!(url("127.0.0.1:1111"), "http://127.0.0.1:1111/");
        assert_eq!(url("0.0.0.0:80"), "http://127.0.0.1:80/");
        assert_eq!(url("[::1]:1111"), "http://[::1]:1111/");
    }

    #[test]
    fn a_port_in_use_is_a_clear_error() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let e = bind("127.0.0.1".parse().unwrap(), port).unwrap_err();
        assert!(e.message.contains("already in use"), "{e}");
        assert!(e.help.unwrap().contains("--port"));
    }
}
