//! Model files on arbitrary bytes: a clear error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = revue::model::Model::from_bytes(data, "fuzz");
});
