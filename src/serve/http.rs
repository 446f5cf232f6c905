//! Answering HTTP requests from the in-memory site: a request path is mapped to a key
//! of the built files (never to a path on disk, so nothing outside the site can be
//! reached), HTML gets the live-reload script, unknown paths get the site's 404 page
//! in the language of the path.

use super::livereload;
use super::{App, Snapshot};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Where the live-reload script is served.
pub(crate) const SCRIPT_PATH: &str = "/__dangos/livereload.js";
/// The server-sent events stream of reloads and errors.
pub(crate) const EVENTS_PATH: &str = "/__dangos/events";

/// The one handler: every request comes here.
pub(crate) async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
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
    let snapshot = app.snapshot();
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
            &snapshot,
            StatusCode::SERVICE_UNAVAILABLE,
            livereload::no_site_page(&key).as_bytes(),
        );
    }
    if let Some(bytes) = snapshot.files.get(key.as_str()) {
        return file(&snapshot, StatusCode::OK, &key, bytes);
    }
    // `/en/indicators` → `/en/indicators/`, as static web servers do.
    let folder_index = format!("{key}/index.html");
    if !path.ends_with('/') && snapshot.files.contains_key(folder_index.as_str()) {
        let location = match req.uri().query() {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    not_found(&snapshot, &key)
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

fn file(snapshot: &Snapshot, status: StatusCode, key: &str, bytes: &Arc<[u8]>) -> Response {
    if extension(key) == "html" {
        page(snapshot, status, bytes)
    } else {
        respond(status, extension(key), Body::from(bytes.to_vec()))
    }
}

/// An HTML page with the live-reload script added before `</body>`.
fn page(snapshot: &Snapshot, status: StatusCode, html: &[u8]) -> Response {
    let tag = livereload::script_tag(snapshot.generation);
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
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(ext)),
    );
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

/// The media type of a file, by its extension.
pub(crate) fn content_type(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
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

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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
    fn knows_content_types() {
        assert_eq!(extension("en/index.html"), "html");
        assert_eq!(extension("en/indicators/x/data.csv"), "csv");
        assert_eq!(extension("static/fonts/a.woff2"), "woff2");
        assert_eq!(extension("en/noext"), "");
        assert_eq!(content_type("svg"), "image/svg+xml");
        assert_eq!(content_type("CSV"), "text/csv; charset=utf-8");
    }
}
