//! Spreadsheets beyond the limits (README, "Limits"): a far-away cell, zip bombs, a
//! huge cell, in XLSX, ODS and CSV. Each is refused with the limit and the file named,
//! and the process's peak memory (from `wait4`) stays under 256 MiB: a bound on
//! memory, not a timing. The bombs are packed by hand a megabyte at a time, so the
//! test writes a few megabytes for gigabytes unpacked.

use super::*;
use std::io::{Read as _, Seek as _, Write as _};
use std::process::Stdio;

const MIB: usize = 1 << 20;
/// The most memory an import of a refused file may take.
const PEAK_KIB: u64 = 256 * 1024;

/// Runs an import of `file` to its end: the run and the process's peak resident
/// memory in KiB.
// The child is reaped by wait4, which std does not know of.
#[allow(clippy::zombie_processes)]
fn measured(site: &Site, file: &Path) -> (Run, u64) {
    let mut log = tempfile::tempfile().unwrap();
    let child = Command::new(common::BIN)
        .args([
            "import",
            "--root",
            site.root.to_str().unwrap(),
            file.to_str().unwrap(),
        ])
        .env("TMPDIR", tmp(site))
        .stdout(Stdio::null())
        .stderr(log.try_clone().unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, filled in by wait4 for the child we started.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; std's Child is not waited on afterwards.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4");
    let mut stderr = String::new();
    log.rewind().unwrap();
    log.read_to_string(&mut stderr).unwrap();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let run = Run {
        code,
        stdout: String::new(),
        stderr,
    };
    // Linux gives ru_maxrss in KiB.
    (run, usage.ru_maxrss as u64)
}

/// Imports `file`, which must be refused with `code` and `words`, in bounded memory,
/// writing nothing and leaving nothing.
fn refused(site: &Site, file: &Path, code: &str, words: &str) {
    let before = snapshot(site);
    let (run, peak) = measured(site, file);
    assert_eq!(run.code, 1, "{run}");
    let head = format!("error[{code}]: {}: ", file.display());
    assert!(run.stderr.contains(&head), "{head}\n{run}");
    assert!(run.stderr.contains(words), "{words}\n{run}");
    assert!(
        peak < PEAK_KIB,
        "{}: peak memory {peak} KiB\n{run}",
        file.display()
    );
    assert_same_tree(&before, &snapshot(site), "a refused file writes nothing");
    assert_no_leftovers(site, "a refused file");
}

/// One part of a ZIP archive, as packed.
struct Part {
    name: String,
    packed: Vec<u8>,
    deflated: bool,
    /// Unpacked size, as declared.
    size: u32,
    crc: u32,
}

fn stored(name: &str, data: &[u8]) -> Part {
    let mut crc = flate2::Crc::new();
    crc.update(data);
    Part {
        name: name.into(),
        packed: data.to_vec(),
        deflated: false,
        size: data.len() as u32,
        crc: crc.sum(),
    }
}

/// Writes a ZIP archive by hand: local headers, data, table of contents, end.
fn write_zip(path: &Path, parts: &[Part]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut central = Vec::new();
    let mut offset = 0u32;
    let le16 = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    for p in parts {
        let method = if p.deflated { 8 } else { 0 };
        let mut local = Vec::new();
        le32(&mut local, 0x0403_4b50);
        for n in [20, 0, method, 0, 0x21] {
            le16(&mut local, n);
        }
        for n in [p.crc, p.packed.len() as u32, p.size] {
            le32(&mut local, n);
        }
        le16(&mut local, p.name.len() as u16);
        le16(&mut local, 0);
        local.extend_from_slice(p.name.as_bytes());
        out.write_all(&local).unwrap();
        out.write_all(&p.packed).unwrap();
        le32(&mut central, 0x0201_4b50);
        for n in [20, 20, 0, method, 0, 0x21] {
            le16(&mut central, n);
        }
        for n in [p.crc, p.packed.len() as u32, p.size] {
            le32(&mut central, n);
        }
        for n in [p.name.len() as u16, 0, 0, 0, 0] {
            le16(&mut central, n);
        }
        le32(&mut central, 0);
        le32(&mut central, offset);
        central.extend_from_slice(p.name.as_bytes());
        offset += (local.len() + p.packed.len()) as u32;
    }
    let mut end = Vec::new();
    le32(&mut end, 0x0605_4b50);
    for n in [0, 0, parts.len() as u16, parts.len() as u16] {
        le16(&mut end, n);
    }
    le32(&mut end, central.len() as u32);
    le32(&mut end, offset);
    le16(&mut end, 0);
    out.write_all(&central).unwrap();
    out.write_all(&end).unwrap();
    out.flush().unwrap();
}

/// Deflates `input`, flushing it whole (`Full`: it stands alone) or ending the stream.
fn pack(c: &mut flate2::Compress, input: &[u8], flush: flate2::FlushCompress) -> Vec<u8> {
    let mut out = Vec::new();
    let start = c.total_in();
    loop {
        out.reserve(1 << 16);
        let status = c
            .compress_vec(&input[(c.total_in() - start) as usize..], &mut out, flush)
            .unwrap();
        let all_in = (c.total_in() - start) as usize == input.len();
        let ended = status == flate2::Status::StreamEnd;
        if all_in
            && (ended || (out.len() < out.capacity() && flush != flate2::FlushCompress::Finish))
        {
            return out;
        }
    }
}

/// A part of `prefix`, `mib` MiB of `byte` and `suffix`, deflated: the megabyte is
/// packed once and its bytes repeated. The CRC is left 0: nothing checks it before
/// the limits refuse the part. `declared` is the unpacked size it claims.
fn bomb(
    name: &str,
    prefix: &str,
    byte: u8,
    mib: usize,
    suffix: &str,
    declared: Option<u32>,
) -> Part {
    use flate2::{Compress, Compression, FlushCompress};
    let mut c = Compress::new(Compression::best(), false);
    let megabyte = vec![byte; MIB];
    let mut packed = pack(&mut c, prefix.as_bytes(), FlushCompress::Full);
    let first = pack(&mut c, &megabyte, FlushCompress::Full);
    let again = pack(&mut c, &megabyte, FlushCompress::Full);
    assert_eq!(first, again, "a flushed megabyte packs alike each time");
    for _ in 0..mib {
        packed.extend_from_slice(&first);
    }
    packed.extend(pack(&mut c, suffix.as_bytes(), FlushCompress::Finish));
    let size = prefix.len() as u64 + (mib * MIB) as u64 + suffix.len() as u64;
    Part {
        name: name.into(),
        packed,
        deflated: true,
        size: declared.unwrap_or_else(|| u32::try_from(size).expect("under 4 GiB")),
        crc: 0,
    }
}

#[test]
fn a_bomb_unpacks_to_what_it_says() {
    let part = bomb("x", "<a>", b'z', 3, "</a>", None);
    assert!(part.packed.len() < 20_000, "{}", part.packed.len());
    let mut unpacked = Vec::new();
    flate2::read::DeflateDecoder::new(&part.packed[..])
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked.len(), 3 * MIB + 7);
    assert!(unpacked.starts_with(b"<a>zzz") && unpacked.ends_with(b"zz</a>"));
}

/// The parts of a real workbook (of one sheet, `Q3`), raw, with the sheet's part
/// replaced by `sheet`.
fn workbook_with(dir: &Path, name: &str, sheet: Part) -> PathBuf {
    let template = dir.join("template.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("Q3")
        .unwrap()
        .write_string(0, 0, "indicator")
        .unwrap();
    book.save(&template).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&template).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut raw = zip.by_index_raw(i).unwrap();
        let part_name = raw.name().unwrap().to_string();
        if part_name == "xl/worksheets/sheet1.xml" {
            continue;
        }
        let mut packed = Vec::new();
        raw.read_to_end(&mut packed).unwrap();
        parts.push(Part {
            name: part_name,
            packed,
            deflated: raw.compression() == zip::CompressionMethod::Deflated,
            size: raw.size() as u32,
            crc: raw.crc32(),
        });
    }
    parts.push(Part {
        name: "xl/worksheets/sheet1.xml".into(),
        ..sheet
    });
    let path = dir.join(name);
    write_zip(&path, &parts);
    path
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>"#;
const SHEET_END: &str = "</t></is></c></row></sheetData></worksheet>";

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let site = fixture("import");
    let dir = site.root.parent().unwrap();
    // 3 GiB of zeros in a few megabytes, honest about its size.
    let honest = workbook_with(dir, "bomb.xlsx", bomb("", "", 0, 3072, "", None));
    assert!(std::fs::metadata(&honest).unwrap().len() < 8 << 20);
    refused(
        &site,
        &honest,
        "spreadsheet-limit",
        "part `xl/worksheets/sheet1.xml` unpacks to 3221225472 bytes; dangos reads parts of at most 64 MiB",
    );
    // The same, saying it is 1,000 bytes: unpacking stops there.
    let liar = workbook_with(
        dir,
        "liar.xlsx",
        bomb("", SHEET_START, b'a', 3072, SHEET_END, Some(1000)),
    );
    refused(&site, &liar, "import-file", "cannot read this workbook");
    // 300 MiB of text in one cell, packed into a third of a megabyte.
    let huge = workbook_with(
        dir,
        "huge-cell.xlsx",
        bomb("", SHEET_START, b'a', 300, SHEET_END, None),
    );
    refused(&site, &huge, "spreadsheet-limit", "unpacks to 314573");
}

#[test]
fn a_cell_over_a_mebibyte_is_refused() {
    let site = fixture("import");
    // Letters that do not pack: stored as they are, 2 MiB in a 2 MiB part.
    let mut seed = 1u32;
    let letters: String = (0..2 * MIB)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'a' + ((seed >> 16) % 26) as u8)
        })
        .collect();
    let sheet = format!("{SHEET_START}{letters}{SHEET_END}");
    let dir = site.root.parent().unwrap();
    let path = workbook_with(dir, "long.xlsx", stored("", sheet.as_bytes()));
    refused(
        &site,
        &path,
        "spreadsheet-limit",
        "Q3!A2 holds 2097152 bytes of text; dangos reads cells of at most 1 MiB",
    );
    let csv = sheet_file(
        &site,
        "long.csv",
        &format!("indicator,period,value\nx,2019-20 Q3,{letters}\n"),
    );
    refused(
        &site,
        &csv,
        "spreadsheet-limit",
        "line 2, field 3, holds 2097152 bytes; dangos reads fields of at most 1 MiB",
    );
    // A file over 64 MiB is not read at all (a sparse file: no disk used).
    let big = dir.join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(64 * MIB as u64 + 1)
        .unwrap();
    refused(
        &site,
        &big,
        "spreadsheet-limit",
        "the file is 67108865 bytes; dangos reads files of at most 64 MiB",
    );
}

fn sheet_file(site: &Site, name: &str, text: &str) -> PathBuf {
    sheet(site, name, text.as_bytes())
}

#[test]
fn a_far_away_cell_costs_nothing() {
    use rust_xlsxwriter::Workbook;
    let site = fixture("import");
    let dir = site.root.parent().unwrap();
    // The one cell of the sheet is its last: refused by its column, not made.
    let far = dir.join("far.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Q3")
        .unwrap()
        .write_string(1_048_575, 16_383, "x")
        .unwrap();
    book.save(&far).unwrap();
    refused(
        &site,
        &far,
        "spreadsheet-limit",
        "Q3!XFD1048576 is beyond column BL: dangos reads the first 64 columns of a sheet",
    );

    // The last row, within the columns read: read, a cell at a time.
    let low = dir.join("low.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("Q3").unwrap();
    for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1_048_575, 0, "children-waiting").unwrap();
    ws.write_string(1_048_575, 1, "2019-20 Q3").unwrap();
    ws.write_number(1_048_575, 2, 25).unwrap();
    book.save(&low).unwrap();
    let (run, peak) = measured(&site, &low);
    assert_eq!(run.code, 0, "{run}");
    assert!(peak < PEAK_KIB, "peak memory {peak} KiB");
    assert!(
        site.read(CW).contains("2019-20 Q3: 25"),
        "{}",
        site.read(CW)
    );
}

#[test]
fn an_ods_file_is_bounded_the_same() {
    let site = fixture("import");
    let dir = site.root.parent().unwrap();
    let ods_with = |name: &str, content: Part| {
        let path = dir.join(name);
        write_zip(
            &path,
            &[
                stored(
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet",
                ),
                Part {
                    name: "content.xml".into(),
                    ..content
                },
            ],
        );
        path
    };
    let bomb_path = ods_with("bomb.ods", bomb("", "", 0, 3072, "", None));
    refused(
        &site,
        &bomb_path,
        "spreadsheet-limit",
        "part `content.xml` unpacks to 3221225472 bytes",
    );
    let table = |rows: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Q3">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    };
    // A row of 64 numbers repeated a million times: counted, not made.
    let repeated = table(
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="64" office:value-type="float" office:value="1"/></table:table-row>"#,
    );
    let path = ods_with("repeated.ods", stored("", repeated.as_bytes()));
    refused(
        &site,
        &path,
        "spreadsheet-limit",
        "sheet `Q3` has more than 1000000 cells with something in them",
    );
    // One cell, at the far corner.
    let far = table(
        r#"<table:table-row table:number-rows-repeated="1048575"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    let path = ods_with("far.ods", stored("", far.as_bytes()));
    refused(
        &site,
        &path,
        "spreadsheet-limit",
        "Q3!XFD1048576 is beyond column BL",
    );
}
