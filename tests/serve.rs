//! `dangos serve`, end to end: the real binary on a free loopback port, serving a copy
//! of the example site, spoken to over HTTP.

mod preview;

use preview::{
    Events, edit, example_site, generation, get, panel_words, relabel_language, request,
    request_to, serve,
};
use std::time::Instant;

const FIGURE_PAGE: &str = "/en/indicators/fam-kpi-01/";

#[test]
fn serves_every_built_file_with_its_type_and_the_script_only_in_html() {
    let site = example_site();
    let (_server, addr) = serve(site.path(), &[]);

    // What `dangos build` makes for the same base URL is what `serve` serves, byte for
    // byte, except the live-reload script, which the build never contains.
    let out = tempfile::tempdir().unwrap();
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_dangos"))
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(out.path().join("public"))
        .args(["--base-url", &format!("http://{addr}/")])
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let files = preview::tree(&out.path().join("public"));
    let mut seen = std::collections::BTreeSet::new();
    for (rel, bytes) in &files {
        let rel = rel.to_str().unwrap().replace('\\', "/");
        if rel == ".dangos-output" {
            continue;
        }
        assert!(
            !String::from_utf8_lossy(bytes).contains("__dangos"),
            "`dangos build` wrote the live-reload script into {rel}"
        );
        let r = get(&addr, &format!("/{rel}"));
        assert_eq!(r.status, 200, "/{rel}");
        let ext = rel.rsplit('.').next().unwrap();
        let expected = match ext {
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "svg" => "image/svg+xml",
            "xml" => "application/xml; charset=utf-8",
            "csv" => "text/csv; charset=utf-8",
            "json" => "application/json",
            "js" => "text/javascript; charset=utf-8",
            "woff2" => "font/woff2",
            "woff" => "font/woff",
            "ttf" => "font/ttf",
            "txt" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };
        assert_eq!(r.header("content-type"), Some(expected), "/{rel}");
        assert_eq!(r.header("cache-control"), Some("no-store"));
        if ext == "html" {
            let served = r.text();
            // The tag: the build it came from, then the panel's words.
            let start = served
                .find("<script src=\"/__dangos/livereload.js\"")
                .unwrap_or_else(|| panic!("no live-reload script in /{rel}"));
            let end = start + served[start..].find("</script>\n").unwrap() + 10;
            let tag = served[start..end].to_string();
            assert!(
                tag.starts_with(&format!(
                    "<script src=\"/__dangos/livereload.js\" data-generation=\"{}\" data-words=\"",
                    generation(&served)
                )),
                "{tag}"
            );
            assert_eq!(served.matches(&tag).count(), 1, "/{rel}");
            assert!(
                served.contains(&format!("{tag}</body>")),
                "before </body>: /{rel}"
            );
            assert_eq!(
                served.replace(&tag, ""),
                String::from_utf8_lossy(bytes),
                "/{rel}"
            );
        } else {
            assert!(!r.text().contains("__dangos"), "/{rel}");
            assert_eq!(&r.body, bytes, "/{rel}");
        }
        seen.insert(ext.to_string());
    }
    for ext in ["html", "css", "xml", "csv"] {
        assert!(
            seen.contains(ext),
            "the example site has no .{ext} file to check"
        );
    }

    // Folders are served by their index.html; a folder without its slash redirects.
    let home = get(&addr, "/en/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("<html lang=\"en\""));
    let chooser = get(&addr, "/");
    assert_eq!(chooser.status, 200);
    let r = get(&addr, "/en/indicators");
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/en/indicators/"));
    let script = get(&addr, "/__dangos/livereload.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    // The overlay's words come with each page (see
    // the_preview_speaks_the_language_of_the_page_from_the_ui_strings), not in the
    // script, which holds no words of any language.
    let js = script.text();
    assert!(js.contains("data-words"));
    for words in ["The build failed", "Ni lwyddodd yr adeiladu"] {
        assert!(!js.contains(words), "{words}");
    }
    assert_eq!(request(&addr, "POST", "/en/").status, 405);
    let head = request(&addr, "HEAD", "/en/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn unknown_paths_get_the_404_page_of_their_language() {
    let site = example_site();
    let (_server, addr) = serve(site.path(), &[]);
    for (path, lang) in [
        ("/cy/dim-yn-bod/", "cy"),
        ("/cy/indicators/nope", "cy"),
        ("/en/missing.html", "en"),
        ("/no-such-language/page/", "en"),
        ("/favicon.ico", "en"),
    ] {
        let r = get(&addr, path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        let html = r.text();
        assert!(
            html.contains(&format!("<html lang=\"{lang}\"")),
            "{path}: {html}"
        );
        assert!(html.contains("/__dangos/livereload.js"), "{path}");
    }
    let welsh = get(&addr, "/cy/dim-yn-bod/").text();
    let on_disk = std::fs::read_to_string(site.path().join("themes/default/i18n/cy.ftl")).unwrap();
    let title = on_disk
        .lines()
        .find_map(|l| l.strip_prefix("not-found-title = "))
        .expect("a Welsh 404 title");
    assert!(
        welsh.contains(&title.replace('\'', "&#39;")),
        "the Welsh 404 page: {welsh}"
    );
}

#[test]
fn requests_cannot_leave_the_site() {
    let site = example_site();
    // A symbolic link in the site's static folder to a file outside the site.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("static/secret.txt"),
    )
    .unwrap();
    let (_server, addr) = serve(site.path(), &[]);
    for target in [
        "/../site.toml",
        "/../../../../etc/passwd",
        "/en/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/en/%2e%2e%2f%2e%2e%2fsite.toml",
        "/..%2fsite.toml",
        "/..%5csite.toml",
        "/static/..%2f..%2fsite.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/site.toml",
        "/content/indicators/fam-kpi-01.md",
        "/themes/default/i18n/en.ftl",
        "/static/secret.txt",
        "/%00",
    ] {
        let r = get(&addr, target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        let body = r.text();
        for leak in [
            "default_language",
            "root:",
            "TOP SECRET",
            "1754",
            "skip-to-content",
        ] {
            assert!(!body.contains(leak), "{target} leaked {leak:?}");
        }
    }
}

#[test]
fn an_edit_reloads_the_page_and_an_error_shows_until_fixed() {
    let site = example_site();
    let file = site.path().join("content/indicators/fam-kpi-01.md");
    let (mut server, addr) = serve(site.path(), &[]);
    let page = get(&addr, FIGURE_PAGE).text();
    assert!(page.contains("1,754"));
    let mut events = Events::subscribe(&addr, &generation(&page));

    // A figure changes: the page is told to reload, and then shows the new figure.
    let saved = Instant::now();
    edit(&file, "2019-20 Q2: 1754", "2019-20 Q2: 1800");
    let (name, _) = events.next();
    let latency = saved.elapsed();
    assert_eq!(name, "reload");
    let page = get(&addr, FIGURE_PAGE).text();
    assert!(page.contains("1,800"), "{page}");
    assert!(!page.contains("1,754"));
    server.wait_stdout("Rebuilt in");
    println!(
        "edit to reload event: {} ms (debug build)",
        latency.as_millis()
    );

    // Broken front matter: an error event with file and line; the old page stays.
    let mut events = Events::subscribe(&addr, &generation(&page));
    edit(&file, "title: The number", "title The number");
    let (name, data) = events.next();
    assert_eq!(name, "build-error");
    let report: serde_json::Value = serde_json::from_str(&data).unwrap();
    let first = &report["errors"][0];
    assert_eq!(first["file"], "content/indicators/fam-kpi-01.md", "{data}");
    assert_eq!(first["line"], 2, "{data}");
    assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()));
    let still = get(&addr, FIGURE_PAGE);
    assert_eq!(still.status, 200);
    assert!(still.text().contains("1,800"));
    let terminal = server.wait_stderr("still serving the last good site");
    assert!(
        terminal.contains("content/indicators/fam-kpi-01.md:2"),
        "{terminal}"
    );
    // A page opened now learns of the error at once.
    let mut late = Events::subscribe(&addr, &generation(&still.text()));
    assert_eq!(late.next().0, "build-error");

    // Fixed: the overlay goes, as the page reloads into the new build.
    edit(&file, "title The number", "title: The number");
    assert_eq!(events.next().0, "reload");
    assert_eq!(late.next().0, "reload");
    let fixed = get(&addr, FIGURE_PAGE).text();
    assert_ne!(generation(&fixed), generation(&still.text()));
    assert!(fixed.contains("1,800"));
}

#[test]
fn a_page_loaded_before_a_rebuild_still_reloads() {
    let site = example_site();
    let (mut server, addr) = serve(site.path(), &[]);
    let before = get(&addr, FIGURE_PAGE).text();
    edit(
        &site.path().join("content/indicators/fam-kpi-01.md"),
        "1754",
        "1801",
    );
    server.wait_rebuilt("content/indicators/fam-kpi-01.md");
    // The page's script connects only after the rebuild: it is told at once.
    let mut events = Events::subscribe(&addr, &generation(&before));
    assert_eq!(events.next().0, "reload");
}

#[test]
fn a_site_that_does_not_build_yet_is_served_once_fixed() {
    let site = example_site();
    let file = site.path().join("content/indicators/fam-kpi-01.md");
    edit(&file, "unit: count", "unit: counts");
    let (mut server, addr) = serve(site.path(), &[]);
    server.wait_stderr("The rebuild failed");
    let r = get(&addr, "/cy/");
    assert_eq!(r.status, 503);
    assert!(r.text().contains("<html lang=\"cy\""));
    let mut events = Events::subscribe(&addr, &generation(&r.text()));
    let (name, data) = events.next();
    assert_eq!(name, "build-error");
    assert!(data.contains("fam-kpi-01.md"), "{data}");
    edit(&file, "unit: counts", "unit: count");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(&addr, "/cy/").status, 200);
}

/// The preview's own words (the build-error panel, the page before the first build,
/// the wrong-address page) come from the theme's UI strings, in the language whose
/// URL prefix the page is under: here Welsh is published as `cym`, not `cy`.
#[test]
fn the_preview_speaks_the_language_of_the_page_from_the_ui_strings() {
    let site = example_site();
    relabel_language(site.path(), "cy", "cym");
    let strings = site.path().join("themes/default/i18n/cym.ftl");
    // Words that exist only in the strings file, not in any code.
    edit(
        &strings,
        "preview-error-title = Ni lwyddodd yr adeiladu",
        "preview-error-title = Methodd yr adeiladu (cym.ftl)",
    );
    let file = site.path().join("content/indicators/fam-kpi-01.md");
    edit(&file, "unit: count", "unit: counts");
    let (mut server, addr) = serve(site.path(), &[]);
    server.wait_stderr("The rebuild failed");

    // Before the first good build: a page in the language of the path.
    let r = get(&addr, "/cym/indicators/");
    assert_eq!(r.status, 503);
    let page = r.text();
    assert!(page.contains("<html lang=\"cym\""), "{page}");
    assert!(page.contains("<h1>Ni lwyddodd yr adeiladu</h1>"), "{page}");
    assert!(
        page.contains("Nid yw’r wefan wedi’i hadeiladu eto"),
        "{page}"
    );
    assert_eq!(panel_words(&page)["title"], "Methodd yr adeiladu (cym.ftl)");
    let page = get(&addr, "/en/").text();
    assert!(page.contains("<h1>The build failed</h1>"), "{page}");
    assert_eq!(panel_words(&page)["title"], "The build failed");

    // Built: every page carries its own language's words for the panel.
    let mut events = Events::subscribe(&addr, &generation(&page));
    assert_eq!(events.next().0, "build-error");
    edit(&file, "unit: counts", "unit: count");
    assert_eq!(events.next().0, "reload");
    for (path, lang, title, close) in [
        ("/cym/", "cym", "Methodd yr adeiladu (cym.ftl)", "Cau"),
        (
            "/cym/indicators/fam-kpi-01/",
            "cym",
            "Methodd yr adeiladu (cym.ftl)",
            "Cau",
        ),
        (
            "/cym/no-such-page/",
            "cym",
            "Methodd yr adeiladu (cym.ftl)",
            "Cau",
        ),
        (
            "/en/indicators/fam-kpi-01/",
            "en",
            "The build failed",
            "Close",
        ),
    ] {
        let page = get(&addr, path).text();
        let words = panel_words(&page);
        assert_eq!(words["lang"], lang, "{path}");
        assert_eq!(words["title"], title, "{path}");
        assert_eq!(words["close"], close, "{path}");
    }

    // Addressed to another name: every language, each from its strings file.
    let port = addr.rsplit(':').next().unwrap();
    let r = request_to(&addr, "GET", "/cym/", Some(&format!("evil.example:{port}")));
    assert_eq!(r.status, 421);
    let body = r.text();
    assert!(body.contains("<html lang=\"cym\""), "{body}");
    assert!(body.contains("<h1>Cyfeiriad anghywir</h1>"), "{body}");
    assert!(
        body.contains("<div lang=\"en\"><h2>Wrong address</h2>"),
        "{body}"
    );
    let home = format!("<a href=\"http://127.0.0.1:{port}/\">http://127.0.0.1:{port}/</a>");
    assert_eq!(body.matches(&home).count(), 2, "{body}");
}

/// A web page elsewhere must not read the preview by pointing a name of its own at
/// 127.0.0.1 (DNS rebinding): only this computer's names, with the port, are
/// answered, and the live-reload stream (file paths, snippets) is no exception.
#[test]
fn only_requests_addressed_to_this_computer_are_answered() {
    let site = example_site();
    let (_server, addr) = serve(site.path(), &[]);
    let port = addr.rsplit(':').next().unwrap();
    for host in [
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = request_to(&addr, "GET", "/en/", Some(&host));
        assert_eq!(r.status, 200, "{host}");
    }
    let other_port = if port == "1" { "2" } else { "1" };
    for host in [
        Some(format!("evil.example:{port}")),
        Some("evil.example".to_string()),
        Some(format!("127.0.0.1.evil.example:{port}")),
        Some(format!("127.0.0.1:{other_port}")),
        Some("127.0.0.1".to_string()),
        None,
    ] {
        for target in [
            "/en/",
            "/en/indicators/fam-kpi-01/",
            "/__dangos/events",
            "/__dangos/livereload.js",
            "/en/indicators",
        ] {
            let r = request_to(&addr, "GET", target, host.as_deref());
            assert_eq!(r.status, 421, "{host:?} {target}");
            assert!(r.header("location").is_none());
            let body = r.text();
            assert!(body.contains("Wrong address"), "{body}");
            assert!(body.contains("Cyfeiriad anghywir"), "{body}");
            assert!(!body.contains("1,754") && !body.contains("skip"), "{body}");
        }
    }
    // A request naming its host in the target is judged by that host.
    let evil = format!("http://evil.example:{port}/en/");
    assert_eq!(request(&addr, "GET", &evil).status, 421);
}

/// A folder without its slash redirects within the site: never to `//...`, which a
/// browser reads as another host.
#[test]
fn redirects_stay_on_the_site() {
    let site = example_site();
    let (_server, addr) = serve(site.path(), &[]);
    for (target, to) in [
        ("/en/indicators", "/en/indicators/"),
        ("//en", "/en/"),
        ("//en/indicators", "/en/indicators/"),
        ("///en", "/en/"),
        ("//en?x=1", "/en/?x=1"),
        ("/%2fen", "/en/"),
    ] {
        let r = get(&addr, target);
        assert_eq!(r.status, 308, "{target}");
        assert_eq!(r.header("location"), Some(to), "{target}");
        assert_eq!(get(&addr, to).status, 200, "{to}");
    }
}

/// Ctrl+C stops the server at once and ends the live-reload streams. (How soon is
/// printed, not asserted: a busy machine may be slow.)
#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_ends_the_streams() {
    let site = example_site();
    let (mut server, addr) = serve(site.path(), &[]);
    let page = get(&addr, FIGURE_PAGE).text();
    let mut streams: Vec<Events> = (0..20)
        .map(|_| Events::subscribe(&addr, &generation(&page)))
        .collect();
    let start = Instant::now();
    server.interrupt();
    for s in &mut streams {
        s.wait_end();
    }
    let ended = start.elapsed();
    assert_eq!(server.wait_exit(), Some(0));
    println!(
        "Ctrl+C to streams ended: {} ms; to exit: {} ms",
        ended.as_millis(),
        start.elapsed().as_millis()
    );
    assert!(std::net::TcpStream::connect(&addr).is_err());
}

/// A file saved in two writes with a pause between them (longer than the watcher's
/// quiet time) is read half-written by the first rebuild; its error must not reach
/// the open pages, which are told only to reload once the file is whole.
#[test]
fn a_half_written_file_is_read_again_before_its_problem_is_shown() {
    let site = example_site();
    let file = site.path().join("content/indicators/fam-kpi-01.md");
    let (mut server, addr) = serve(site.path(), &[]);
    let page = get(&addr, FIGURE_PAGE).text();
    let mut events = Events::subscribe(&addr, &generation(&page));
    let whole = std::fs::read_to_string(&file)
        .unwrap()
        .replace("2019-20 Q2: 1754", "2019-20 Q2: 1811");
    // Cut inside the front matter, so the first half does not parse.
    let cut = whole.find("unit:").expect("a unit");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&file).unwrap();
        f.write_all(&whole.as_bytes()[..cut + 3]).unwrap();
        f.flush().unwrap();
        // The writer's pause (part of the scenario, not a synchronisation).
        std::thread::sleep(std::time::Duration::from_millis(40));
        f.write_all(&whole.as_bytes()[cut + 3..]).unwrap();
    }
    let (name, data) = events.next();
    assert_eq!(name, "reload", "{data}");
    server.wait_rebuilt("content/indicators/fam-kpi-01.md");
    assert!(get(&addr, FIGURE_PAGE).text().contains("1,811"));
    assert!(
        !server.err.iter().any(|l| l.contains("rebuild failed")),
        "{}",
        server.err.join("\n")
    );
}

#[test]
fn a_connection_that_never_finishes_its_headers_is_closed() {
    use std::io::{Read, Write};
    let site = example_site();
    let (_server, addr) = serve(site.path(), &[]);
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    // Half a request: no blank line after the headers, ever.
    write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").unwrap();
    stream.flush().unwrap();
    // The server closes it (a read gives the end, or the connection is reset);
    // the read timeout only stops a broken server from hanging the test, far past
    // the server's 5 s.
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let mut buf = [0u8; 512];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            // A 408 or other answer may come before the close.
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break false;
            }
            Err(_) => break true,
        }
    };
    assert!(closed, "the half-sent request is still open after 120 s");
    // And the server still answers whole requests.
    assert_eq!(get(&addr, "/en/").status, 200);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = example_site();
    let mut server = preview::Dangos::start(&[
        "serve",
        "--root",
        site.path().to_str().unwrap(),
        "--port",
        &port,
    ]);
    assert_eq!(server.wait_exit(), Some(1));
    let said = server.err.join("\n");
    assert!(
        said.contains("error[serve]: cannot serve on") && said.contains("already in use"),
        "{said}"
    );
    assert!(said.contains("--port"), "{said}");
}

/// Edit-to-reload latency: the time from a file write to the reload event, on the
/// example site and on one with 1,000 more indicators. A measurement, not a test:
/// `cargo test --release --test serve -- --ignored --nocapture latency`.
#[test]
#[ignore]
fn latency() {
    for (name, site) in [
        ("example site", example_site()),
        ("1,000 more indicators", preview::big_site(1000)),
    ] {
        let file = site.path().join("content/indicators/fam-kpi-01.md");
        let (mut server, addr) = serve(site.path(), &[]);
        let mut times = Vec::new();
        let mut rebuilds = Vec::new();
        for i in 0..10 {
            let page = get(&addr, FIGURE_PAGE).text();
            let mut events = Events::subscribe(&addr, &generation(&page));
            let text = std::fs::read_to_string(&file).unwrap();
            let old = format!("2019-20 Q2: {}", 1754 + i);
            let new = format!("2019-20 Q2: {}", 1755 + i);
            let start = Instant::now();
            std::fs::write(&file, text.replace(&old, &new)).unwrap();
            assert_eq!(events.next().0, "reload");
            times.push(start.elapsed().as_millis());
            let line = server.wait_stdout("Rebuilt in");
            rebuilds.push(line);
        }
        times.sort();
        println!(
            "{name}: edit to reload event, ms: median {}, min {}, max {}",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
        for line in rebuilds.iter().take(3) {
            println!("  {line}");
        }
    }
}
