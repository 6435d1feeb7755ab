//! Build-time facts the binary would otherwise work out at every start.
//!
//! The SHA-256 digest of each built-in questionnaire's TOML: the wizard's start reads the baked form
//! only when it was made from exactly that TOML, and hashing 38 KB at start took a tenth of the time
//! to read the questionnaire (docs/performance.md). A unit test checks these against the run-time
//! digest, so the two cannot drift apart.
//!
//! The order of the start-up code: a release build for x86_64 Linux (where rustc links with lld)
//! asks the linker to place the functions the first frame runs side by side
//! (`assets/startup-order.txt`, made by `scripts/startup-order.py`). Spread over the text they cost
//! ~50 page faults at every start (docs/performance.md, decision 56).

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
    order_startup_code();
}

/// Hands `assets/startup-order.txt` to the linker when it is known to be lld: release builds for
/// x86_64-unknown-linux-gnu, which rustc links with its own lld since 1.90. Another linker would
/// reject the option, so any other target, profile or older rustc links as before, and
/// `SYSKIND_NO_STARTUP_ORDER=1` turns it off (for a linker set by hand). Names the linker does not
/// find (code changed since the list was made) are skipped without a warning.
fn order_startup_code() {
    println!("cargo:rerun-if-env-changed=SYSKIND_NO_STARTUP_ORDER");
    println!("cargo:rerun-if-changed=assets/startup-order.txt");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let lld_by_default = var("TARGET") == "x86_64-unknown-linux-gnu" && rustc_minor() >= Some(90);
    if !lld_by_default || var("PROFILE") != "release" || !var("SYSKIND_NO_STARTUP_ORDER").is_empty() {
        return;
    }
    let list = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("assets/startup-order.txt");
    if list.is_file() {
        println!("cargo:rustc-link-arg-bin=syskind=-Wl,--symbol-ordering-file={}", list.display());
        println!("cargo:rustc-link-arg-bin=syskind=-Wl,--no-warn-symbol-ordering");
    }
}

/// The minor version of the rustc doing the build (`rustc 1.95.0 (…)` → 95).
fn rustc_minor() -> Option<u32> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::process::Command::new(rustc).arg("-V").output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.split_whitespace().nth(1)?.split('.').nth(1)?.parse().ok()
}
