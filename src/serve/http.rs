//! Answering HTTP requests from the in-memory site: a request path is mapped to a key
//! of the built files (never to a path on disk, so nothing outside the site can be
//! reached), HTML gets the live-reload script, unknown paths get the site's 404 page
//! in the language of the path. Only requests addressed to this computer are
//! answered ([`Hosts`]): a web page elsewhere cannot read the preview by pointing a
//! name of its own at 127.0.0.1 (DNS rebinding).

use super::livereload;
use super::{App, Snapshot};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::sync::Arc;

/// Where the live-reload script is served.
pub(crate) const SCRIPT_PATH: &str = "/__dangos/livereload.js";
/// The server-sent events stream of reloads and errors.
pub(crate) const EVENTS_PATH: &str = "/__dangos/events";

/// How long a client may take to send a request's head (its line and headers),
/// counted from when the server starts reading it: a connection that sends half a
/// request and stops, or sits idle between requests, is closed after this, rather
/// than held open forever (enough of those would leave no connection for the
/// browser).
pub(crate) const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Takes connections on `listener` until `stop` completes, each served (HTTP/1.1)
/// by `router` in its own task, with [`HEADER_TIMEOUT`]. (axum's own `serve` gives
/// hyper no timer, so no header timeout.)
pub(crate) async fn accept(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    stop: impl std::future::Future,
) {
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                // A client gone before it was taken: nothing to do.
                Err(e) if is_connection_error(&e) => continue,
                // Out of file descriptors, say: wait rather than spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            // An error is the client's (it went, or sent what is not HTTP, or took
            // too long): its connection is closed, and that is all.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Whether an accept error is about one connection only (as hyper and axum judge).
fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// The one handler: every request comes here.
pub(crate) async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    if let Some(refused) = refused(&app, &req) {
        return refused;
    }
    let path = req.uri().path();
    if path == SCRIPT_PATH {
        return respond(
            StatusCode::OK,
            "js",
            livereload::SCRIPT.as_bytes().to_vec().into(),
        );
    }
    if path == EVENTS_PATH {
        return livereload::events(&app, req.uri().query());
    }
    site_file(&app.snapshot(), path, req.uri().query())
}

/// The answer to a request this server does not take: addressed to another host
/// (a DNS rebinding attack looks like that), or neither GET nor HEAD.
fn refused(app: &App, req: &Request) -> Option<Response> {
    let host = match req.uri().authority() {
        Some(a) => Some(a.as_str()),
        None => req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok()),
    };
    if !host.is_some_and(|h| app.hosts.allows(h)) {
        return Some(respond(
            StatusCode::MISDIRECTED_REQUEST,
            "html",
            Body::from(app.snapshot().words.wrong_host_page(&app.hosts.home())),
        ));
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Some(r);
    }
    None
}

/// A file of the site at `path` (`query` kept in a redirect), as a static web
/// server gives it.
fn site_file(snapshot: &Snapshot, path: &str, query: Option<&str>) -> Response {
    let Some(key) = resolve(path) else {
        return respond(
            StatusCode::BAD_REQUEST,
            "txt",
            Body::from("Bad request: that path is not allowed.\n"),
        );
    };
    if snapshot.files.is_empty() {
        // No build has succeeded yet: say so, and reload when one does.
        return page(
            snapshot,
            StatusCode::SERVICE_UNAVAILABLE,
            &key,
            snapshot.words.of(&key).no_site_page().as_bytes(),
        );
    }
    if let Some(bytes) = snapshot.files.get(key.as_str()) {
        return file(snapshot, StatusCode::OK, &key, bytes);
    }
    // `/en/indicators` → `/en/indicators/`, as static web servers do.
    let folder_index = format!("{key}/index.html");
    if !path.ends_with('/') && snapshot.files.contains_key(folder_index.as_str()) {
        // Made from the key, not the request: `//en` must not become `//en/`,
        // which a browser reads as the host `en`.
        let location = match query {
            Some(q) => format!("/{}/?{q}", percent_encode(&key)),
            None => format!("/{}/", percent_encode(&key)),
        };
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    not_found(snapshot, &key)
}

/// The names this server answers to, with its port: `127.0.0.1`, `localhost` and
/// `[::1]`, and the address it listens on; when it listens on every address
/// (`--bind 0.0.0.0`), any address given as numbers too (a name cannot be rebound
/// to an address given as numbers). Names are compared without case.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    names: Vec<String>,
    port: u16,
    any_address: bool,
}

impl Hosts {
    /// The names a server listening on `addr` answers to.
    pub(crate) fn new(addr: std::net::SocketAddr) -> Hosts {
        let bound = match addr.ip() {
            std::net::IpAddr::V4(ip) => ip.to_string(),
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        };
        Hosts {
            names: vec![
                "127.0.0.1".into(),
                "localhost".into(),
                "[::1]".into(),
                bound,
            ],
            port: addr.port(),
            any_address: addr.ip().is_unspecified(),
        }
    }

    /// Whether a request with this `Host` is answered.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        // `name:port`, `[v6]:port`, or a name alone (port 80).
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !p.contains(']') => (n, p.parse::<u16>().ok()),
            _ => (host.as_str(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        let numeric = name.parse::<std::net::Ipv4Addr>().is_ok()
            || name
                .strip_prefix('[')
                .and_then(|n| n.strip_suffix(']'))
                .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok());
        self.names.iter().any(|n| n == name) || (self.any_address && numeric)
    }

    /// The address to give a visitor who came by another name.
    pub(crate) fn home(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

/// What [`percent_encode`] leaves as it is: letters, digits, `-._~` (unreserved in
/// RFC 3986) and `/`.
const PATH_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// `key` as a URL path: every other byte percent-encoded.
fn percent_encode(key: &str) -> String {
    utf8_percent_encode(key, PATH_KEEPS).to_string()
}

/// The site's 404 page in the language of the path's first folder (`/cy/...` →
/// `cy/404.html`), or the default language's.
fn not_found(snapshot: &Snapshot, key: &str) -> Response {
    let first = key.split('/').next().unwrap_or("");
    let own = format!("{first}/404.html");
    let candidates = [Some(own.as_str()), snapshot.default_404.as_deref()];
    for candidate in candidates.into_iter().flatten() {
        if let Some(bytes) = snapshot.files.get(candidate) {
            return file(snapshot, StatusCode::NOT_FOUND, candidate, bytes);
        }
    }
    respond(StatusCode::NOT_FOUND, "txt", Body::from("Not found\n"))
}

fn file(snapshot: &Snapshot, status: StatusCode, key: &str, bytes: &Bytes) -> Response {
    if extension(key) == "html" {
        page(snapshot, status, key, bytes)
    } else {
        respond(status, extension(key), Body::from(bytes.clone()))
    }
}

/// An HTML page (the file at `key`) with the live-reload script added before
/// `</body>`.
fn page(snapshot: &Snapshot, status: StatusCode, key: &str, html: &[u8]) -> Response {
    let tag = livereload::script_tag(snapshot.generation, snapshot.words.of(key));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    respond(status, "html", Body::from(out))
}

fn respond(status: StatusCode, ext: &str, body: Body) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type(ext)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // A preview must never show a stale stylesheet or page from the browser's cache.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn extension(key: &str) -> &str {
    let name = key.rsplit('/').next().unwrap_or(key);
    name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
}

/// The media type of a file, by its extension: mime_guess's, except where the
/// registered type differs from the older one it gives, and with the charset of
/// every text type (dangos writes UTF-8 only).
pub(crate) fn content_type(ext: &str) -> String {
    let ext = ext.to_ascii_lowercase();
    let essence = match ext.as_str() {
        // RFC 7303 (xml), RFC 9239 (JavaScript), RFC 8081 (fonts).
        "xml" => "application/xml",
        "js" | "mjs" => "text/javascript",
        "woff" => "font/woff",
        "otf" => "font/otf",
        _ => mime_guess::from_ext(&ext)
            .first_raw()
            .unwrap_or("application/octet-stream"),
    };
    if essence.starts_with("text/") || essence == "application/xml" {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

/// The key of the built file a request path asks for: percent-decoded, `/`-joined,
/// `index.html` added for a folder. `None` for a path that tries to leave the site
/// (`..`, `.`, encoded or not), has a backslash or NUL, or is not UTF-8.
pub(crate) fn resolve(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if parts.is_empty() || decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// `s` percent-decoded; `None` if it is not UTF-8 then, or has a `%` that is not
/// followed by two hex digits (which the decoder would pass through as it is).
fn percent_decode(s: &str) -> Option<String> {
    let escapes_are_whole = s.split('%').skip(1).all(|after| {
        after
            .as_bytes()
            .get(..2)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !escapes_are_whole {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    Some(decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_paths_to_keys() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/en/").as_deref(), Some("en/index.html"));
        assert_eq!(
            resolve("/en/indicators/fam-kpi-01/").as_deref(),
            Some("en/indicators/fam-kpi-01/index.html")
        );
        assert_eq!(
            resolve("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(resolve("/en/a%20b.html").as_deref(), Some("en/a b.html"));
        assert_eq!(resolve("//etc/passwd").as_deref(), Some("etc/passwd"));
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        for bad in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/en/%2e%2e%2f%2e%2e%2fsite.toml",
            "/..%5c..%5csite.toml",
            "/./en/",
            "/en/%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }

    #[test]
    fn answers_only_the_names_it_is_bound_to() {
        let local = Hosts::new("127.0.0.1:1111".parse().unwrap());
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost",
            "localhost.:1111",
            "127.0.0.1.evil.example:1111",
            "192.168.1.5:1111",
            "",
            ":1111",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let every = Hosts::new("0.0.0.0:80".parse().unwrap());
        assert!(every.allows("192.168.1.5") && every.allows("localhost:80"));
        assert!(every.allows("[fe80::1]:80"));
        assert!(!every.allows("evil.example") && !every.allows("192.168.1.5:81"));
        let v6 = Hosts::new("[fd00::2]:1111".parse().unwrap());
        assert!(v6.allows("[fd00::2]:1111") && !v6.allows("[fd00::3]:1111"));
    }

    #[test]
    fn redirects_stay_on_this_host() {
        assert_eq!(percent_encode("en/indicators"), "en/indicators");
        assert_eq!(percent_encode("en/a b/%"), "en/a%20b/%25");
        assert_eq!(percent_encode("cy/ôl"), "cy/%C3%B4l");
    }

    #[test]
    fn knows_content_types() {
        assert_eq!(extension("en/index.html"), "html");
        assert_eq!(extension("en/indicators/x/data.csv"), "csv");
        assert_eq!(extension("static/fonts/a.woff2"), "woff2");
        assert_eq!(extension("en/noext"), "");
        assert_eq!(content_type("svg"), "image/svg+xml");
        assert_eq!(content_type("CSV"), "text/csv; charset=utf-8");
        assert_eq!(content_type("xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("mjs"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("woff"), "font/woff");
        assert_eq!(content_type("json"), "application/json");
        assert_eq!(content_type("avif"), "image/avif");
        assert_eq!(content_type(""), "application/octet-stream");
    }

    /// A key is always a path inside the site: no empty, `.` or `..` segment, no
    /// backslash or NUL.
    fn stays_inside(key: &str) -> bool {
        !key.contains(['\\', '\0'])
            && key
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != "..")
    }

    /// Paths made of the pieces of traversal attempts: dots and slashes, plain and
    /// percent-encoded, backslashes, NULs, broken escapes, bytes that are not UTF-8.
    fn tricky_path() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        const PIECES: &[&str] = &[
            "/",
            "/",
            ".",
            "..",
            "%2e",
            "%2E",
            "%2f",
            "%2F",
            "%5c",
            "\\",
            "%00",
            "%ff",
            "%",
            "%z",
            "%2",
            "a",
            "en",
            "é",
            "%C3%A9",
            "index.html",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..12)
            .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        /// Whatever a browser (or anyone) asks for, the resolver answers with a key
        /// inside the site or refuses: it never panics. Paths are drawn both from
        /// any text and from the pieces that make traversal attempts.
        #[test]
        fn resolving_any_path_never_panics_nor_leaves_the_site(
            path in proptest::prop_oneof!["\\PC*", tricky_path()]
        ) {
            if let Some(key) = resolve(&path) {
                proptest::prop_assert!(stays_inside(&key), "{path:?} -> {key:?}");
            }
        }

        /// A file's key, encoded as a redirect encodes it, resolves to itself.
        #[test]
        fn an_encoded_key_resolves_to_itself(
            segments in proptest::collection::vec("[^/\\\\\\x00]{1,8}", 1..5)
        ) {
            proptest::prop_assume!(segments.iter().all(|s| s != "." && s != ".."));
            let key = format!("{}.html", segments.join("/"));
            let path = format!("/{}", percent_encode(&key));
            proptest::prop_assert_eq!(resolve(&path), Some(key));
        }
    }
}
