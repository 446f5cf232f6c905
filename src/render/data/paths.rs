//! Where the data files are, under their language's folder: one place for the paths
//! they are written to and the links that point at them.

/// One indicator's CSV: `indicators/{id}/{id}.csv`.
pub(in crate::render) fn indicator_csv(id: &str) -> String {
    format!("indicators/{id}/{id}.csv")
}

/// A report's CSV: `reports/{slug}/{slug}.csv`.
pub(in crate::render) fn report_csv(slug: &str) -> String {
    format!("reports/{slug}/{slug}.csv")
}

/// A report's JSON: `reports/{slug}/{slug}.json`.
pub(in crate::render) fn report_json(slug: &str) -> String {
    format!("reports/{slug}/{slug}.json")
}

/// Every indicator and every period, as CSV.
pub(in crate::render) const ALL_CSV: &str = "data/indicators.csv";

/// Every indicator and every period, as JSON.
pub(in crate::render) const ALL_JSON: &str = "data/indicators.json";
