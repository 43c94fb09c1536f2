//! Fuzz target: see `briefing_fuzz::html` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::html(data));
