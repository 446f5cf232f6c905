//! `dangos export`: every figure, a row per indicator and period, in the columns an
//! import reads, so a spreadsheet can go out and come back with nothing changed.
//! Figures are written by the one formatter of figures, as the site's CSV files
//! write them (each as it was given, to the digit: an export is a copy of the
//! files, not of the pages), and words by the rules of the site's CSV files, so a
//! spreadsheet runs none of them as a formula.

use crate::config::{Config, Overrides};
use crate::content::{self, RawTarget, RawValue};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::Rounded;
use crate::period::Period;
use crate::render::data::csv::{keep_for_import, neutralise_formula_like};
use std::collections::BTreeSet;
use std::path::Path;

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated, UTF-8.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// The columns, in order. `title` is for people: an import passes over it.
pub const HEADER: [&str; 8] = [
    "indicator",
    "title",
    "period",
    "value",
    "numerator",
    "denominator",
    "target",
    "commentary",
];

/// One cell of an export.
enum Out {
    Text(String),
    Number(f64),
    Empty,
}

/// Every row: indicators by id, periods in time order, a target on its year's row.
fn rows(config: &Config) -> Result<Vec<[Out; 8]>, Diagnostics> {
    // An indicator that cannot be read would be missing from the export, and a
    // spreadsheet made from it would look complete: refuse instead.
    let (content, diags) = content::load_all(config);
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut out = Vec::new();
    let mut indicators: Vec<_> = content.indicators.iter().collect();
    indicators.sort_by(|a, b| a.slug.cmp(&b.slug));
    for l in indicators {
        let f = &l.source.front;
        let periods: BTreeSet<Period> = f
            .values
            .keys()
            .chain(f.targets.keys())
            .chain(f.commentary.keys())
            .copied()
            .collect();
        for p in periods {
            let (value, numerator, denominator) = match f.values.get(&p) {
                Some(RawValue::Number(n)) => (Out::Number(*n), Out::Empty, Out::Empty),
                Some(RawValue::Fraction {
                    numerator,
                    denominator,
                }) => (
                    Out::Empty,
                    Out::Number(*numerator),
                    Out::Number(*denominator),
                ),
                None => (Out::Empty, Out::Empty, Out::Empty),
            };
            let target = match f.targets.get(&p) {
                Some(RawTarget::Value(n)) => Out::Number(*n),
                Some(RawTarget::NotAppropriate) => Out::Text("not-appropriate".into()),
                Some(RawTarget::NotStated) => Out::Text("not-stated".into()),
                None => Out::Empty,
            };
            let commentary = f
                .commentary
                .get(&p)
                .map_or(Out::Empty, |c| Out::Text(c.clone()));
            out.push([
                Out::Text(l.slug.clone()),
                Out::Text(f.title.value.clone()),
                Out::Text(p.to_string()),
                value,
                numerator,
                denominator,
                target,
                commentary,
            ]);
        }
    }
    Ok(out)
}

/// Writes every figure of the site in `root` to `output` (standard output if `None`,
/// for CSV only). Returns the number of rows.
pub fn export(root: &Path, format: Format, output: Option<&Path>) -> Result<usize, Diagnostics> {
    let config = Config::load(
        root,
        &Overrides {
            drafts: true,
            ..Overrides::default()
        },
    )?;
    if let Some(out) = output
        && out.exists()
    {
        return Err(
            Diagnostic::in_file(Code::Export, out, "the file exists already")
                .help("give a new file name, or move the old file away first")
                .into(),
        );
    }
    let rows = rows(&config)?;
    let fail = |e: String| -> Diagnostics {
        let d = match output {
            Some(p) => {
                Diagnostic::in_file(Code::Export, p, format!("cannot write the export: {e}"))
            }
            None => Diagnostic::new(Code::Export, format!("cannot write the export: {e}")),
        };
        d.into()
    };
    match format {
        Format::Csv => {
            let sink: Box<dyn std::io::Write> = match output {
                Some(p) => Box::new(std::fs::File::create(p).map_err(|e| fail(e.to_string()))?),
                None => Box::new(std::io::stdout().lock()),
            };
            let mut w = csv::Writer::from_writer(sink);
            w.write_record(HEADER).map_err(|e| fail(e.to_string()))?;
            for row in &rows {
                let cells = row.iter().map(|c| match c {
                    Out::Text(s) => neutralise_formula_like(s).into_owned(),
                    Out::Number(n) => Rounded::as_given(*n).plain(),
                    Out::Empty => String::new(),
                });
                w.write_record(cells).map_err(|e| fail(e.to_string()))?;
            }
            w.flush().map_err(|e| fail(e.to_string()))?;
        }
        Format::Xlsx => {
            let Some(path) = output else {
                return Err(Diagnostic::new(
                    Code::Export,
                    "a workbook cannot be written to the terminal",
                )
                .help("give --output FILE.xlsx")
                .into());
            };
            xlsx(&rows, path).map_err(|e| fail(e.to_string()))?;
        }
    }
    Ok(rows.len())
}

fn xlsx(rows: &[[Out; 8]], path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("figures")?;
    let bold = CellFormat::new().set_bold();
    // Text cells stay text: a period typed as 2019-20 must not become a date, and
    // words that begin with `=` are words (`write_string`: never a formula).
    let text = CellFormat::new().set_num_format("@");
    for (c, name) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Text(s) => {
                    sheet.write_string_with_format(r, c, &*keep_for_import(s), &text)?
                }
                Out::Number(n) => sheet.write_number(r, c, *n)?,
                Out::Empty => sheet,
            };
        }
    }
    for (c, width) in [14.0, 40.0, 12.0, 9.0, 10.0, 12.0, 14.0, 60.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save(path)
}
