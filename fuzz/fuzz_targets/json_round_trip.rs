//! Fuzz target: see `briefing_fuzz::json_round_trip` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::json_round_trip(data));
