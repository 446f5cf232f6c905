//! Measures what a chart costs: `cargo run --release --example chart_bench`.
//! Prints the median time per chart (twelve quarters with a stepped target, the
//! heaviest common case, and a single value) over several rounds, on one thread: drawn
//! afresh (the first language), and from the drawing kept for the first (the others).

use dangos::figures::NumberFormat;
use dangos::render::chart::{self, ChartData, ChartTheme, PeriodWords, Quarters, Shape};
use std::time::Instant;

fn main() {
    let theme: ChartTheme = toml::from_str(
        &std::fs::read_to_string("themes/default/chart.toml")
            .expect("run from the repository root"),
    )
    .unwrap();
    let quarters = |n: usize| {
        let year = |i: usize| format!("{}-{:02}", 2017 + i / 4, (18 + i / 4) % 100);
        PeriodWords {
            labels: (0..n)
                .map(|i| format!("Q{} {}", i % 4 + 1, year(i)))
                .collect(),
            quarters: Some(Quarters {
                quarter: (0..n).map(|i| format!("Q{}", i % 4 + 1)).collect(),
                year: (0..n).map(year).collect(),
            }),
        }
    };
    let twelve = ChartData {
        words: quarters(12),
        values: (0..12)
            .map(|i| Some(70.0 + (i as f64 * 1.7) % 9.0))
            .collect(),
        targets: (0..12)
            .map(|i| if i < 8 { Some(75.0) } else { Some(80.0) })
            .collect(),
        shape: Shape::Line,
        from_zero: false,
        whole: false,
        ceiling: Some(100.0),
        unit: "%".into(),
        format: NumberFormat::new(",", "."),
    };
    let one = ChartData {
        words: quarters(1),
        values: vec![Some(76.1)],
        targets: vec![Some(80.0)],
        shape: Shape::Bars,
        ..twelve.clone()
    };
    for (name, data, kept) in [
        ("twelve quarters, stepped target", &twelve, false),
        ("one value against a target", &one, false),
        ("twelve quarters, from the kept drawing", &twelve, true),
    ] {
        let n = 2000;
        let mut rounds = Vec::new();
        let cell = chart::DrawingCell::new();
        if kept {
            chart::draw_shared(data, &[], &theme, Some(&cell)).unwrap();
        }
        for _ in 0..7 {
            let start = Instant::now();
            for _ in 0..n {
                let cell = kept.then_some(&cell);
                std::hint::black_box(chart::draw_shared(data, &[], &theme, cell).unwrap());
            }
            rounds.push(start.elapsed().as_secs_f64() * 1000.0 / n as f64);
        }
        rounds.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name}: median {:.3} ms per chart (min {:.3}, max {:.3}; {n} charts x 7 rounds)",
            rounds[3], rounds[0], rounds[6]
        );
    }
}
