//! Build-time facts the binary would otherwise work out at every start.
//!
//! The SHA-256 digest of each built-in questionnaire's TOML: the wizard's start reads the baked form
//! only when it was made from exactly that TOML, and hashing 38 KB at start took a tenth of the time
//! to read the questionnaire (docs/performance.md). A unit test checks these against the run-time
//! digest, so the two cannot drift apart.

use sha2::{Digest, Sha256};

fn main() {
    let files = [
        ("DEFAULT_DIGEST", "questionnaires/system-kind.toml"),
        ("V2_DIGEST", "questionnaires/system-kind-2.0.0.toml"),
        ("V1_DIGEST", "questionnaires/system-kind-1.0.0.toml"),
    ];
    let mut out = String::new();
    for (name, path) in files {
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let hex: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        out.push_str(&format!(
            "/// `sha256:` digest of `{path}`, taken at build time.\npub const {name}: &str = \"sha256:{hex}\";\n"
        ));
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("digests.rs"), out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
