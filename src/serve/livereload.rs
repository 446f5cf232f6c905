//! Live reload over server-sent events. Each served page carries the generation of
//! the build it came from; its script subscribes to `/__dangos/events?since=G`. The
//! stream says `reload` as soon as the served generation differs from `G` (so a page
//! that loaded just before a rebuild still reloads), and `build-error` with every
//! problem while the last rebuild has failed. The generation only moves after the
//! new files are in place, so a browser never reloads into a half-built site.

use super::App;
use super::preview_strings::{LangWords, PreviewWords};
use crate::diagnostics::{Diagnostics, Shown, more_message, shown};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::watch;

/// The script added to every HTML page `serve` sends.
pub(crate) const SCRIPT: &str = include_str!("livereload.js");

/// What open pages are told: the generation being served, and the last rebuild's
/// problems (as JSON) if it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The generation of the files being served.
    pub generation: u64,
    /// The problems of the last rebuild, as the JSON the script reads, if it failed.
    pub error: Option<Arc<str>>,
    /// The server is stopping: every stream ends.
    pub closing: bool,
}

/// The `<script>` element added before `</body>`: the build it came from, and the
/// panel's words in the page's language.
pub(crate) fn script_tag(generation: u64, words: &LangWords) -> String {
    format!(
        "<script src=\"{}\" data-generation=\"{generation}\" data-words=\"{}\"></script>\n",
        super::http::SCRIPT_PATH,
        words.panel_attr()
    )
}

/// The problems of a failed build as the JSON the script reads: as many as the
/// terminal shows (see [`shown`]), each with its severity and code, and how many
/// errors and warnings there are in all, in the words of each language (`counts`,
/// by language code).
pub(crate) fn error_json(diags: &Diagnostics, words: &PreviewWords) -> Arc<str> {
    let (errors, warnings) = crate::watch::error_and_warning_counts(diags);
    let problems: Vec<serde_json::Value> = shown(&diags.0, |d| d.code)
        .into_iter()
        .map(|entry| match entry {
            Shown::One(d) => serde_json::json!({
                "severity": d.severity(),
                "code": d.code.as_str(),
                "file": d.file.as_ref().map(|f| f.display().to_string()),
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "snippet": d.snippet,
                "help": d.help,
            }),
            Shown::More { code, count } => serde_json::json!({
                "severity": code.severity(),
                "code": code.as_str(),
                "message": more_message(count),
            }),
        })
        .collect();
    serde_json::json!({ "errors": problems, "counts": words.counts(errors, warnings) })
        .to_string()
        .into()
}

/// The event stream for one page.
pub(crate) fn events(app: &App, query: Option<&str>) -> Response {
    let since = query
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse::<u64>().ok());
    let rx = app.status.clone();
    // A page that does not say which build it shows is taken to show the current one.
    let since = since.unwrap_or_else(|| rx.borrow().generation);
    let stream = futures_util::stream::unfold((rx, true), move |(mut rx, first)| async move {
        if !first {
            rx.changed().await.ok()?;
        }
        loop {
            if rx.borrow().closing {
                return None;
            }
            let event = event_for(&rx.borrow_and_update(), since);
            if let Some(event) = event {
                return Some((Ok::<_, Infallible>(event), (rx, false)));
            }
            rx.changed().await.ok()?;
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn event_for(status: &Status, since: u64) -> Option<Event> {
    if let Some(error) = &status.error {
        return Some(Event::default().event("build-error").data(error.as_ref()));
    }
    (status.generation != since).then(|| {
        Event::default()
            .event("reload")
            .data(status.generation.to_string())
    })
}

/// A new status channel, starting at `status`.
pub fn channel(status: Status) -> (watch::Sender<Status>, watch::Receiver<Status>) {
    watch::channel(status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};

    #[test]
    fn errors_become_json_with_file_and_line() {
        let d = Diagnostic::in_file(Code::UnknownField, "content/indicators/a.md", "bad <value>")
            .at(Some("x: 1"), 1, Some(4));
        let json = error_json(&Diagnostics(vec![d]), &PreviewWords::fallback());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["errors"][0]["file"], "content/indicators/a.md");
        assert_eq!(v["errors"][0]["line"], 1);
        assert_eq!(v["errors"][0]["message"], "bad <value>");
        assert_eq!(v["errors"][0]["severity"], "error");
        assert_eq!(v["errors"][0]["code"], "unknown-field");
        assert_eq!(v["counts"]["en"], "1 error");
    }

    #[test]
    fn the_panel_shows_as_many_problems_as_the_terminal() {
        let many = (0..60)
            .map(|i| {
                Diagnostic::in_file(
                    Code::UnknownField,
                    format!("content/indicators/i{i}.md"),
                    "bad",
                )
            })
            .collect();
        let json = error_json(&Diagnostics(many), &PreviewWords::fallback());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors = v["errors"].as_array().unwrap();
        assert_eq!(errors.len(), crate::diagnostics::SHOWN_PER_CODE + 1);
        let last = errors.last().unwrap()["message"].as_str().unwrap();
        assert!(last.contains("and 10 more of this kind"), "{last}");
    }

    #[test]
    fn a_page_reloads_only_when_its_build_is_not_the_current_one() {
        let ok = |g| Status {
            generation: g,
            error: None,
            closing: false,
        };
        assert!(event_for(&ok(5), 5).is_none());
        assert!(event_for(&ok(6), 5).is_some());
        let failed = Status {
            generation: 5,
            error: Some("{}".into()),
            closing: false,
        };
        assert!(event_for(&failed, 5).is_some());
    }
}
