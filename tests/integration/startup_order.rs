//! The linker's list of start-up functions (`assets/startup-order.txt`, decision 56). lld reads it
//! one symbol name per line; a blank line, a space or a repeated name would be read as a name that
//! never matches, silently losing its part of the gain.

#[test]
fn the_startup_order_is_one_sorted_symbol_name_per_line() {
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
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "assets/startup-order.txt is not sorted and unique: regenerate it with scripts/startup-order.py"
    );
    // Rust's own code must be in it, not only the C library's: v0 (`_R`) or legacy (`_ZN`) names.
    assert!(names.iter().any(|n| n.starts_with("_ZN") && n.contains("syskind")), "no function of syskind is listed");
}
