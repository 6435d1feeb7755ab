//! What the binary costs before its first frame (decisions 56 and 57, docs/performance.md).

/// lld reads `assets/startup-order.txt` one symbol name per line, in the order the start first runs
/// them; a blank line, a space or a repeated name would be read as a name that never matches (or
/// placed once), silently losing its part of the gain.
#[test]
fn the_startup_order_is_one_symbol_name_per_line_in_the_order_they_first_run() {
    let text =
        std::fs::read_to_string("assets/startup-order.txt").expect("assets/startup-order.txt is in the repository");
    let names: Vec<&str> = text.lines().collect();
    assert!(names.len() > 100, "{} names: regenerate it with scripts/startup-order.py", names.len());
    for (i, name) in names.iter().enumerate() {
        let line = i + 1;
        assert!(
            !name.is_empty() && !name.contains(char::is_whitespace),
            "assets/startup-order.txt:{line}: {name:?} is not one symbol name"
        );
        assert!(name.is_ascii(), "assets/startup-order.txt:{line}: {name:?} is not a mangled (ASCII) name");
    }
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "assets/startup-order.txt names a function twice: regenerate it");
    // Execution order: the program's entry comes first and `main` before the wizard's code.
    let at = |name: &str| names.iter().position(|n| *n == name);
    assert_eq!(names.first(), Some(&"_start"), "the list starts where the program starts: regenerate it");
    let main = at("main").expect("`main` is listed");
    let wizard = names.iter().position(|n| n.contains("syskind") && n.contains("tui")).expect("the wizard is listed");
    assert!(main < wizard, "`main` runs before the wizard's code: the list is not in the order things run");
    // Rust's own code must be in it, not only the C library's: v0 (`_R`) or legacy (`_ZN`) names.
    assert!(names.iter().any(|n| n.starts_with("_ZN") && n.contains("syskind")), "no function of syskind is listed");
}

/// libm.so is not loaded at start: the two maths functions the dependencies call are the binary's
/// own (src/main.rs). A new dependency that calls another one brings libm back; this says so.
#[test]
fn the_binary_does_not_need_libm() {
    let bin = env!("CARGO_BIN_EXE_syskind");
    let out = std::process::Command::new("readelf").args(["-d", bin]).output().expect("readelf (binutils) runs");
    assert!(out.status.success(), "readelf -d {bin}: {}", String::from_utf8_lossy(&out.stderr));
    let dynamic = String::from_utf8_lossy(&out.stdout);
    let needed: Vec<&str> = dynamic.lines().filter(|l| l.contains("(NEEDED)")).collect();
    assert!(needed.iter().any(|l| l.contains("libc.so")), "not a dynamic section: {dynamic}");
    assert!(
        !needed.iter().any(|l| l.contains("libm.so")),
        "{bin} needs libm.so again: `nm -D --undefined-only` shows which maths function; give it in src/main.rs\n{}",
        needed.join("\n")
    );
}
