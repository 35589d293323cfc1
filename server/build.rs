//! The release binary embeds `../dist` (Trunk's output). Rebuild when it
//! changes, and make sure the folder exists so `cargo check`/`clippy` work
//! before the front end was ever built (the server then answers 503 for pages).
use std::path::Path;

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist");
    if !dist.exists() {
        let _ = std::fs::create_dir_all(&dist);
    }
    println!("cargo:rerun-if-changed=../dist");
}
