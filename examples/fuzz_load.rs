//! A fuzzer for the loader that runs on a stable toolchain (cargo-fuzz needs nightly).
//!
//! It mutates the bytes of the bundled scenarios (in TOML and in JSON) and of random bytes,
//! and feeds each input to `load::from_toml_str` and `load::from_json_str`, checking that
//! nothing panics (`std::panic::catch_unwind`), that whatever loads saves and reloads equal in
//! both formats, and that every refusal renders with a code, a place and no raw control
//! character. Inputs that give a new set of problem codes join the corpus, a crude stand-in
//! for coverage. A crashing input is saved to `fuzz/crashes/`; an input that takes longer
//! than `--timeout` seconds is saved there too, and the run stops.
//!
//! ```sh
//! cargo run --release --example fuzz_load -- --seconds 1800   # 30 minutes
//! cargo run --release --example fuzz_load -- --seconds 60 --seed 7
//! ```
//!
//! Options: `--seconds N` (default 5), `--seed N` (default: from the clock, printed),
//! `--timeout N` (default 10). Exits with status 1 if any input crashed.

use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use allegiance::load;

const SEEDS: [&str; 4] = [
    include_str!("data/caucasus-2022.toml"),
    include_str!("data/football-war-1969.toml"),
    include_str!("data/falklands-1982.toml"),
    include_str!("data/armenia-2022-09-13.toml"),
];

/// Pieces that mean something to TOML, JSON or the file form, spliced into inputs.
const TOKENS: &[&str] = &[
    "[[parties]]\n",
    "[[instruments]]\n",
    "[[instruments.clauses]]\n",
    "[[positions]]\n",
    "[[events]]\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    ",",
    ":",
    "\n",
    "\\u0000",
    "\\",
    "id = \"AZE\"\n",
    "kind = \"organisation\"\n",
    "members = [{ party = \"ARM\", since = \"2003-09-18\" }]\n",
    "members_of = \"CSTO\"\n",
    "subject_to = [\"moscow-2022\"]\n",
    "action = \"defend\"\n",
    "modality = \"permission\"\n",
    "bound = [\"AZE\"]\n",
    "toward = [\"TUR\"]\n",
    "since = \"2022-02-30\"\n",
    "until = 0000-00-00\n",
    "date = 9999-12-31\n",
    "\"0001-01-01\"",
    "\"99999-01-01\"",
    "1e999",
    "-0",
    "99999999999999999999999",
    "true",
    "null",
    "\"parties\": [",
    "\"instruments\": [{\"clauses\": [{}]}]",
    "\u{feff}",
    "\u{202e}",
    "\u{200b}",
    "\u{1b}[31m",
    "é",
    "e\u{301}",
    "🇺🇦",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `bound` (0 when `bound` is 0).
    fn below(&mut self, bound: usize) -> usize {
        let bound = u64::try_from(bound.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % bound).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One random change to `bytes`; `corpus` gives pieces to splice.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let len = bytes.len();
    match rng.below(9) {
        0 if len > 0 => {
            let at = rng.below(len);
            if let Some(byte) = bytes.get_mut(at) {
                *byte ^= 1 << rng.below(8);
            }
        }
        1 if len > 0 => {
            let at = rng.below(len);
            if let Some(byte) = bytes.get_mut(at) {
                *byte = u8::try_from(rng.below(256)).unwrap_or(0);
            }
        }
        2 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            bytes.drain(start..end);
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(256)).min(len);
            let piece: Vec<u8> = bytes.get(start..end).unwrap_or_default().to_vec();
            let at = rng.below(len + 1);
            bytes.splice(at..at, piece);
        }
        4 => {
            let token = TOKENS.get(rng.below(TOKENS.len())).copied().unwrap_or("");
            let at = rng.below(len + 1);
            bytes.splice(at..at, token.bytes());
        }
        5 if !corpus.is_empty() => {
            let other = corpus
                .get(rng.below(corpus.len()))
                .cloned()
                .unwrap_or_default();
            if !other.is_empty() {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(512)).min(other.len());
                let at = rng.below(len + 1);
                let piece = other.get(start..end).unwrap_or_default().to_vec();
                bytes.splice(at..at, piece);
            }
        }
        6 if len > 0 => bytes.truncate(rng.below(len)),
        7 => {
            let at = rng.below(len + 1);
            let count = 1 + rng.below(16);
            let random: Vec<u8> = (0..count)
                .map(|_| u8::try_from(rng.below(256)).unwrap_or(0))
                .collect();
            bytes.splice(at..at, random);
        }
        _ => {
            // Repeat a line, to grow lists and nest tables.
            let lines: Vec<&[u8]> = bytes.split(|it| *it == b'\n').collect();
            if let Some(line) = lines.get(rng.below(lines.len())) {
                let mut repeated = line.to_vec();
                repeated.push(b'\n');
                let times = 1 + rng.below(8);
                let piece = repeated.repeat(times);
                let at = rng.below(len + 1);
                bytes.splice(at..at, piece);
            }
        }
    }
}

/// What loading one text said, as a signature for the corpus: the problem codes, or `ok`.
fn run_one(text: &str, format: load::Format) -> Result<String, String> {
    let loaded = match format {
        load::Format::Toml => load::from_toml_str(text),
        load::Format::Json => load::from_json_str(text),
    };
    match loaded {
        Ok(scenario) => {
            let toml = allegiance::save::to_toml_string(&scenario);
            let json = allegiance::save::to_json_string(&scenario);
            if load::from_toml_str(&toml).ok().as_ref() != Some(&scenario) {
                return Err(format!("saved TOML does not reload equal:\n{toml}"));
            }
            if load::from_json_str(&json).ok().as_ref() != Some(&scenario) {
                return Err(format!("saved JSON does not reload equal:\n{json}"));
            }
            Ok("ok".to_owned())
        }
        Err(errors) => {
            let rendered = errors.to_string();
            if let Some(bad) = rendered.chars().find(|c| *c != '\n' && c.is_control()) {
                return Err(format!("rendering carries {bad:?}:\n{rendered}"));
            }
            let mut codes = BTreeSet::new();
            for error in errors.errors() {
                if !error.code().starts_with("allegiance::load::") || error.help().is_empty() {
                    return Err(format!("incomplete problem {error:?}"));
                }
                codes.insert(error.code());
            }
            Ok(codes.into_iter().collect::<Vec<_>>().join(" "))
        }
    }
}

/// A short hash for file names (FNV-1a).
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |acc, byte| {
        (acc ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn save_crash(kind: &str, bytes: &[u8], why: &str) -> PathBuf {
    let dir = PathBuf::from("fuzz/crashes");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("load-{kind}-{:016x}", hash(bytes)));
    let _ = std::fs::write(&path, bytes);
    let _ = std::fs::write(path.with_extension("why.txt"), why);
    path
}

struct Options {
    seconds: u64,
    seed: u64,
    timeout: u64,
}

fn options() -> Options {
    let mut options = Options {
        seconds: 5,
        seed: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |it| it.as_secs()),
        timeout: 10,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).and_then(|it| it.parse().ok());
        match (pair.first().map(String::as_str), value) {
            (Some("--seconds"), Some(value)) => options.seconds = value,
            (Some("--seed"), Some(value)) => options.seed = value,
            (Some("--timeout"), Some(value)) => options.timeout = value,
            _ => {
                eprintln!("usage: fuzz_load [--seconds N] [--seed N] [--timeout N]");
                std::process::exit(2);
            }
        }
    }
    options
}

fn main() {
    let options = options();
    println!(
        "fuzz_load: {} s, seed {}, timeout {} s per input",
        options.seconds, options.seed, options.timeout
    );
    // Panics are caught and reported here; the default hook's message is kept for the file.
    let last_panic: Arc<Mutex<String>> = Arc::new(Mutex::new(String::new()));
    let hook_message = Arc::clone(&last_panic);
    panic::set_hook(Box::new(move |info| {
        if let Ok(mut message) = hook_message.lock() {
            *message = info.to_string();
        }
    }));

    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for seed in SEEDS {
        corpus.push(seed.as_bytes().to_vec());
        if let Ok(scenario) = load::from_toml_str(seed) {
            corpus.push(allegiance::save::to_json_string(&scenario).into_bytes());
        }
    }
    let seeds = corpus.len();

    // A watchdog: an input that runs past the timeout is saved, and the run stops.
    let current: Arc<Mutex<Vec<u8>>> = Arc::new(Mutex::new(Vec::new()));
    let started = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let epoch = Instant::now();
    {
        let (current, started, done) = (
            Arc::clone(&current),
            Arc::clone(&started),
            Arc::clone(&done),
        );
        let timeout = options.timeout.saturating_mul(1000);
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let since = started.load(Ordering::Relaxed);
                let now = u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
                if since > 0 && now.saturating_sub(since) > timeout {
                    let bytes = current.lock().map(|it| it.clone()).unwrap_or_default();
                    let path = save_crash("timeout", &bytes, "ran past the timeout");
                    eprintln!(
                        "an input ran past {} s: saved to {}",
                        timeout / 1000,
                        path.display()
                    );
                    std::process::exit(1);
                }
            }
        });
    }

    let mut rng = Rng(options.seed);
    let mut signatures: BTreeSet<String> = BTreeSet::new();
    let (mut executions, mut crashes) = (0u64, 0u64);
    let mut slowest = (Duration::ZERO, 0usize);
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let mut next_report = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let mut bytes = if rng.chance(10) {
            let count = rng.below(4096);
            (0..count)
                .map(|_| u8::try_from(rng.below(256)).unwrap_or(0))
                .collect()
        } else {
            corpus
                .get(rng.below(corpus.len()))
                .cloned()
                .unwrap_or_default()
        };
        for _ in 0..1 + rng.below(8) {
            mutate(&mut rng, &mut bytes, &corpus);
        }
        // The loaders take text: invalid UTF-8 is replaced, as `from_path` would refuse it.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok(mut it) = current.lock() {
            it.clone_from(&bytes);
        }
        for format in [load::Format::Toml, load::Format::Json] {
            let begun = Instant::now();
            started.store(
                u64::try_from(epoch.elapsed().as_millis())
                    .unwrap_or(u64::MAX)
                    .max(1),
                Ordering::Relaxed,
            );
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| run_one(&text, format)));
            started.store(0, Ordering::Relaxed);
            executions += 1;
            let took = begun.elapsed();
            if took > slowest.0 {
                slowest = (took, bytes.len());
            }
            match outcome {
                Ok(Ok(signature)) => {
                    let signature = format!("{format:?} {signature}");
                    if corpus.len() < 10_000 && signatures.insert(signature) {
                        corpus.push(bytes.clone());
                    }
                }
                Ok(Err(why)) => {
                    crashes += 1;
                    let path =
                        save_crash("invariant", text.as_bytes(), &format!("{format:?}: {why}"));
                    println!("invariant broken ({format:?}): saved to {}", path.display());
                }
                Err(_) => {
                    crashes += 1;
                    let message = last_panic.lock().map(|it| it.clone()).unwrap_or_default();
                    let path =
                        save_crash("panic", text.as_bytes(), &format!("{format:?}: {message}"));
                    println!(
                        "panic ({format:?}): {message}\n  saved to {}",
                        path.display()
                    );
                }
            }
        }
        if Instant::now() >= next_report {
            println!(
                "  {executions} executions, corpus {}, {crashes} crash(es)",
                corpus.len()
            );
            next_report += Duration::from_secs(10);
        }
    }
    done.store(true, Ordering::Relaxed);
    let seconds = epoch.elapsed().as_secs_f64();
    println!(
        "fuzz_load: {executions} executions in {seconds:.1} s ({:.0}/s), corpus {} ({} seeds, {} found), {crashes} crash(es); slowest input {:.1} ms ({} bytes)",
        executions as f64 / seconds.max(f64::EPSILON),
        corpus.len(),
        seeds,
        corpus.len() - seeds,
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1
    );
    if crashes > 0 {
        std::process::exit(1);
    }
}
