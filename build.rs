//! Embeds the shipped default model (`models/default.revue`) in the binary. A checkout
//! without it still builds: the binary then asks for `--model PATH`.

use std::path::Path;

fn main() {
    let source = Path::new("models/default.revue");
    println!("cargo:rerun-if-changed={}", source.display());
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default.revue");
    let bytes = std::fs::read(source).unwrap_or_default();
    std::fs::write(out, bytes).expect("OUT_DIR is writable");
}
