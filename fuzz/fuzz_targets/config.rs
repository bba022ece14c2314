//! revue.toml on arbitrary text: a clear error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = revue::config::parse(text, "revue.toml");
});
