//! `dangos import` and `dangos export`, end to end: the real binary, real CSV, XLSX
//! and ODS files, and a copy of a site whose indicators are YAML (with comments, `/`
//! spellings, flow fractions, a missing `values:`) and TOML. Each import runs with its
//! own temporary folder (`TMPDIR`), so what it leaves there can be seen.

#[path = "../common/mod.rs"]
mod common;
#[path = "../preview/mod.rs"]
mod preview;

mod csv;
mod interrupted;
mod limits;
mod lines;
mod numbers;
mod reports;
mod sheets;

use common::{Run, Site, assert_same_tree, fixture, snapshot, tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The temporary folder the imports of `site` use: beside the site, not in it.
fn tmp(site: &Site) -> PathBuf {
    let dir = site.root.parent().unwrap().join("tmp");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `dangos ARGS...` with `TMPDIR` set to [`tmp`] and more environment.
fn dangos_in(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(common::BIN)
        .args(args)
        .env("TMPDIR", tmp(site))
        .envs(env.iter().copied())
        .output()
        .expect("run the dangos binary");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `dangos import --root ROOT FILE ARGS...`.
fn import(site: &Site, file: &Path, args: &[&str]) -> Run {
    import_with(site, file, args, &[])
}

/// [`import`], with more environment.
fn import_with(site: &Site, file: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec![
        "import",
        "--root",
        site.root.to_str().unwrap(),
        file.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    dangos_in(site, &all, env)
}

/// What an import may leave behind: its temporary files and journal in `content/`,
/// and its copy of the site in the temporary folder. Names only: no file is opened
/// (`content/` may hold a FIFO).
fn leftovers(site: &Site) -> Vec<String> {
    fn walk(dir: &Path, shown: &str, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".dangos-import") {
                found.push(format!("{shown}/{name}"));
            }
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{shown}/{name}"), found);
            }
        }
    }
    let mut found = Vec::new();
    walk(&site.path("content"), "content", &mut found);
    found.extend(
        std::fs::read_dir(tmp(site))
            .unwrap()
            .map(|e| format!("tmp/{}", e.unwrap().file_name().to_string_lossy())),
    );
    found
}

/// Asserts that an import left nothing behind.
fn assert_no_leftovers(site: &Site, what: &str) {
    assert_eq!(leftovers(site), Vec::<String>::new(), "{what}: leftovers");
}

/// The files of `content/`.
fn content(site: &Site) -> BTreeMap<String, Vec<u8>> {
    tree(&site.path("content"))
}

/// Writes an import file beside the site (not in it, so snapshots of the site see
/// only what the import changed).
fn sheet(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.root.parent().unwrap().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A quarter's figures: by code and by id, a fraction, a TOML file, a file with no
/// `values:` yet, an unchanged target, and commentary that needs quoting.
const Q3: &str = "Indicator,Period,Value,Numerator,Denominator,Target,Commentary,Notes
TST 01,2019-20 Q3,80.5,,,,\"- Up: 3 \"\"points\"\" # since Q2 — ŵyr\",checked
re-referrals,2019/20 Q3,,4,90,,,
visit-length,2019-20 q3,190,,,not-appropriate,,
children-waiting,2019-20 Q3,25,,,,,
children-waiting,2019-20 Q4,,,,,,no return yet
";

const AOT: &str = "content/indicators/assessments-on-time.md";
const AOT_CY: &str = "content/indicators/assessments-on-time.cy.md";
const RR: &str = "content/indicators/re-referrals.md";
const VL: &str = "content/indicators/visit-length.md";
const CW: &str = "content/indicators/children-waiting.md";

/// Replaces the one `from` in `text`.
fn with(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` in\n{text}");
    text.replacen(from, to, 1)
}

/// The files as Q3 should leave them: each exactly as before, plus the new lines.
fn expected_after_q3(before: &Site) -> Vec<(&'static str, String)> {
    vec![
        (
            AOT,
            with(
                &with(
                    &before.read(AOT),
                    "  2019/20 Q2: 78.0   # revised in October\n",
                    "  2019/20 Q2: 78.0   # revised in October\n  2019/20 Q3: 80.5\n",
                ),
                "  2019/20 Q2: Slightly below target because of staff sickness.\n",
                "  2019/20 Q2: Slightly below target because of staff sickness.\n  2019/20 Q3: \"- Up: 3 \\\"points\\\" # since Q2 — ŵyr\"\n",
            ),
        ),
        (
            AOT_CY,
            with(
                &before.read(AOT_CY),
                "  2019/20 Q2: Ychydig o dan y targed oherwydd salwch staff.\n",
                "  2019/20 Q2: Ychydig o dan y targed oherwydd salwch staff.\n  2019/20 Q3: \"TODO: translate: - Up: 3 \\\"points\\\" # since Q2 — ŵyr\"\n",
            ),
        ),
        (
            RR,
            with(
                &before.read(RR),
                "  2019-20 Q2: { numerator: 3, denominator: 82 }\n",
                "  2019-20 Q2: { numerator: 3, denominator: 82 }\n  2019-20 Q3: { numerator: 4, denominator: 90 }\n",
            ),
        ),
        (
            VL,
            with(
                &before.read(VL),
                "\"2019-20 Q2\" = 184\n",
                "\"2019-20 Q2\" = 184\n\"2019-20 Q3\" = 190\n",
            ),
        ),
        (
            CW,
            with(
                &before.read(CW),
                "direction: lower\n",
                "direction: lower\nvalues:\n  2019-20 Q3: 25\n",
            ),
        ),
    ]
}

/// Imports `file` into a fresh copy of the fixture and checks every file: the five
/// edited exactly as expected, every other byte of the site as it was.
fn imports_q3(file_name: &str, bytes: &[u8]) -> (Site, Run) {
    let site = fixture("import");
    let file = sheet(&site, file_name, bytes);
    let mut want = snapshot(&site);
    for (rel, text) in expected_after_q3(&site) {
        want.insert(rel.to_string(), text.into_bytes());
    }
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 0, "{run}");
    for (rel, text) in expected_after_q3(&fixture("import")) {
        assert_eq!(site.read(rel), text, "{rel}");
    }
    assert_same_tree(&want, &snapshot(&site), "only the five files change");
    (site, run)
}

/// A minimal OpenDocument spreadsheet: one sheet of text and number cells.
fn ods(path: &Path, sheet_name: &str, rows: &[&[&str]]) {
    use std::io::Write as _;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            if cell.parse::<f64>().is_ok() {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{cell}\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet_name}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}
