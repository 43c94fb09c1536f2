//! Fuzz target: see `briefing_fuzz::docx` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::docx(data));
