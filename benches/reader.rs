//! Criterion benchmarks of the reader's pipeline, on the shipped briefing and on the
//! generated 10 MiB briefing-shaped document (`bench/out/doc-10m.txt`):
//! decode, parse, layout (one paragraph, one screen, the whole document), the reader's
//! start (`App::new`, then the first frame on a new screen), one frame drawn through the
//! reader's own screen at 120×40 (tree and text), the keys j, G/g, ] and } (update and
//! draw), j after a pause of 5 ms, and search.
//!
//! The 10 MiB document is made by `bench/make-docs.sh 10` when it is missing; when it
//! cannot be made, its cases are skipped with a message, so `cargo bench --no-run`
//! and a bench run without python3 still work. `BRIEFING_BENCH_DOC=path` benchmarks
//! another large document instead.
//!
//! Sample sizes are small (10 samples, ~2 s each) so a whole `cargo bench` takes a few
//! minutes on two cores; the figures are for comparing before and after a change, not
//! for the targets, which `bench/compare.sh` measures against less.

use std::hint::black_box;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use briefing::app::{Action, App, Effect, Settings};
use briefing::decode::{Decoded, decode};
use briefing::document::Document;
use briefing::layout::{RenderOptions, render};
use briefing::parse::parse;
use briefing::search::Pattern;
use briefing::source::EMBEDDED_BRIEFING;
use briefing::text::{AmbiguousWidth, ScreenLine, wrap};
use briefing::ui::ReaderScreen;
use criterion::{BatchSize, BenchmarkGroup, Criterion, Throughput, measurement::WallTime};

/// The terminal the issue measures at.
const COLUMNS: u16 = 120;
const ROWS: u16 = 40;
/// Inner width of the text pane at 120 columns (tree 30 %, padding 2) and the measure.
const TEXT_WIDTH: usize = 82;
const MEASURE: usize = 80;
const INDENT: usize = 4;
/// How long `key_j_after_a_pause` sleeps before each j.
const PAUSE_BEFORE_KEY: Duration = Duration::from_millis(5);
/// A term found all through the document, and one found only in its closing.
const FREQUENT_TERM: &str = "三连冠";
const CLOSING_TERM: &str = "新局面";

/// One document to benchmark: its name in the report and its bytes.
struct Input {
    name: &'static str,
    bytes: Vec<u8>,
}

impl Input {
    fn decoded(&self) -> Decoded {
        decode(&self.bytes, None)
    }

    fn document(&self) -> Document {
        parse(self.decoded())
    }

    fn throughput(&self) -> Throughput {
        Throughput::Bytes(u64::try_from(self.bytes.len()).unwrap_or(u64::MAX))
    }
}

/// The shipped briefing and, when it can be had, the 10 MiB document.
fn inputs() -> Vec<Input> {
    let mut inputs = vec![Input {
        name: "shipped",
        bytes: EMBEDDED_BRIEFING.to_vec(),
    }];
    match large_document() {
        Ok(bytes) => inputs.push(Input {
            name: "10MiB",
            bytes,
        }),
        Err(why) => eprintln!("benches: skipping the 10 MiB cases: {why}"),
    }
    inputs
}

/// The bytes of the large document, generating it first if it is missing.
fn large_document() -> Result<Vec<u8>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(path) = std::env::var_os("BRIEFING_BENCH_DOC") {
        let path = PathBuf::from(path);
        return std::fs::read(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()));
    }
    let path = root.join("bench/out/doc-10m.txt");
    if !path.exists() {
        eprintln!(
            "benches: {} is missing; running bench/make-docs.sh 10",
            path.display()
        );
        let status = Command::new("bash")
            .arg(root.join("bench/make-docs.sh"))
            .arg("10")
            .status()
            .map_err(|error| format!("cannot run bench/make-docs.sh: {error}"))?;
        if !status.success() {
            return Err(format!("bench/make-docs.sh 10 failed ({status})"));
        }
    }
    std::fs::read(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn settings() -> Settings {
    Settings {
        indent: INDENT,
        measure: MEASURE,
        ambiguous: AmbiguousWidth::Narrow,
        rate: 220,
        colour: true,
        ..Settings::default()
    }
}

fn render_options() -> RenderOptions {
    RenderOptions {
        width: TEXT_WIDTH,
        indent: INDENT,
        measure: MEASURE,
        ambiguous: AmbiguousWidth::Narrow,
    }
}

/// The text of the longest paragraph: the worst case for wrapping one paragraph.
fn longest_paragraph(doc: &Document) -> &str {
    doc.blocks
        .iter()
        .map(|block| doc.slice(&block.span))
        .max_by_key(|text| text.len())
        .unwrap_or_default()
}

/// Wraps paragraphs from block `first` on until a screen of text-pane rows is full:
/// what a reader that lays out lazily has to do to show one screen.
fn wrap_one_screen(doc: &Document, first: usize) -> Vec<ScreenLine> {
    let rows = usize::from(ROWS) - 1;
    let mut lines = Vec::with_capacity(rows + 8);
    for block in doc.blocks.iter().skip(first) {
        lines.extend(wrap(
            doc.slice(&block.span),
            MEASURE,
            INDENT,
            AmbiguousWidth::Narrow,
        ));
        if lines.len() >= rows {
            break;
        }
    }
    lines
}

fn app_for(doc: Document) -> App {
    App::new(doc, settings(), usize::from(COLUMNS), usize::from(ROWS))
}

/// The reader's own screen, as the reader draws on it (scrolling, carrying over what the
/// frame on screen shows), writing its escape sequences nowhere.
fn terminal(app: &App) -> ReaderScreen<io::Sink> {
    ReaderScreen::new(io::sink(), app)
}

fn draw_frame(terminal: &mut ReaderScreen<io::Sink>, app: &App) {
    terminal.draw(app).expect("writing to a sink never fails");
}

/// Times `key` followed by a frame, `iters` times, each after `pause` asleep (untimed);
/// when the key no longer moves (the end of the document), `reset` puts the reader
/// back, outside the timing.
fn time_key(
    app: &mut App,
    terminal: &mut ReaderScreen<io::Sink>,
    iters: u64,
    (key, reset): (Action, Action),
    pause: Duration,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        if !pause.is_zero() {
            std::thread::sleep(pause);
        }
        let start = Instant::now();
        let effect = app.update(key);
        draw_frame(terminal, app);
        total += start.elapsed();
        if effect == Effect::None {
            app.update(reset);
        }
    }
    total
}

fn quick(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
}

fn bench_decode_parse(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("decode");
    quick(&mut group);
    for input in inputs {
        group.throughput(input.throughput());
        group.bench_function(input.name, |b| {
            b.iter(|| decode(black_box(&input.bytes), None));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse");
    quick(&mut group);
    for input in inputs {
        let decoded = input.decoded();
        group.throughput(input.throughput());
        group.bench_function(input.name, |b| {
            b.iter_batched(|| decoded.clone(), parse, BatchSize::LargeInput);
        });
    }
    group.finish();
}

fn bench_layout(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("layout");
    quick(&mut group);
    for input in inputs {
        let doc = input.document();
        let paragraph = longest_paragraph(&doc);
        group.throughput(Throughput::Bytes(
            u64::try_from(paragraph.len()).unwrap_or(u64::MAX),
        ));
        group.bench_function(format!("wrap_paragraph/{}", input.name), |b| {
            b.iter(|| {
                wrap(
                    black_box(paragraph),
                    MEASURE,
                    INDENT,
                    AmbiguousWidth::Narrow,
                )
            });
        });
        let middle = doc.blocks.len() / 2;
        group.throughput(Throughput::Elements(u64::from(ROWS) - 1));
        group.bench_function(format!("wrap_screen/{}", input.name), |b| {
            b.iter(|| wrap_one_screen(black_box(&doc), middle));
        });
        // The whole document at once: what `briefing render` does, and what the reader
        // did at start and on every width change before it laid out block by block.
        group.throughput(input.throughput());
        group.bench_function(format!("render_document/{}", input.name), |b| {
            b.iter(|| render(black_box(&doc), &render_options()));
        });
    }
    group.finish();
}

fn bench_reader(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("reader");
    quick(&mut group);
    for input in inputs {
        let doc = input.document();
        group.bench_function(format!("app_new/{}", input.name), |b| {
            b.iter_batched(|| doc.clone(), app_for, BatchSize::LargeInput);
        });
        let mut app = app_for(doc);
        // What the reader's start pays after App::new: a screen and its first, whole frame.
        group.bench_function(format!("first_frame/{}", input.name), |b| {
            b.iter(|| draw_frame(&mut terminal(&app), black_box(&app)));
        });
        let mut terminal = terminal(&app);
        group.bench_function(format!("draw_frame/{}", input.name), |b| {
            b.iter(|| draw_frame(&mut terminal, black_box(&app)));
        });
        for (label, key, reset) in [
            ("key_j", Action::Down, Action::Top),
            ("key_G", Action::Bottom, Action::Top),
            ("key_g", Action::Top, Action::Bottom),
            ("key_next_point", Action::NextPoint, Action::Top),
            ("key_next_heading", Action::NextHeading, Action::Top),
        ] {
            group.bench_function(format!("{label}/{}", input.name), |b| {
                b.iter_custom(|iters| {
                    app.update(reset);
                    time_key(&mut app, &mut terminal, iters, (key, reset), Duration::ZERO)
                });
            });
        }
        // A key pressed after a pause, as a reader presses them: the processor wakes
        // from idle, and the same work takes several times as long. Criterion fills its
        // measuring time with timed work only: a short one keeps the pauses to seconds.
        group.measurement_time(Duration::from_millis(300));
        group.bench_function(format!("key_j_after_a_pause/{}", input.name), |b| {
            b.iter_custom(|iters| {
                app.update(Action::Top);
                let keys = (Action::Down, Action::Top);
                time_key(&mut app, &mut terminal, iters, keys, PAUSE_BEFORE_KEY)
            });
        });
        quick(&mut group);
    }
    group.finish();
}

fn bench_search(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("search");
    quick(&mut group);
    for input in inputs {
        let doc = input.document();
        group.throughput(input.throughput());
        for term in [FREQUENT_TERM, CLOSING_TERM] {
            let pattern = Pattern::new(term).expect("the term is not empty");
            group.bench_function(format!("find_all_{term}/{}", input.name), |b| {
                b.iter(|| pattern.find_all(black_box(&doc.text)));
            });
        }
    }
    group.finish();
}

fn main() {
    let inputs = inputs();
    let mut c = Criterion::default().configure_from_args();
    bench_decode_parse(&mut c, &inputs);
    bench_layout(&mut c, &inputs);
    bench_reader(&mut c, &inputs);
    bench_search(&mut c, &inputs);
    c.final_summary();
}
