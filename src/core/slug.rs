//! File-name slugs from titles: lowercase ASCII, hyphens, bounded, never empty, never a path.

/// Longest slug produced, in bytes.
pub const MAX_SLUG: usize = 60;

/// `"Checkout: hard real-time?"` → `"checkout-hard-real-time"`. Like adr-tools, every run of other
/// characters becomes one `-`; non-ASCII letters are dropped, so no `/`, `..` or Unicode tricks survive.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
        // Cut at a word boundary when there is one in the second half.
        if let Some(i) = out.rfind('-').filter(|i| *i > MAX_SLUG / 2) {
            out.truncate(i);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "decision".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slug("Checkout: hard real-time?"), "checkout-hard-real-time");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("a/b\\c"), "a-b-c");
        assert_eq!(slug("!!!"), "decision");
        assert_eq!(slug("Café Zürich 支付"), "caf-z-rich");
        let long = slug(&"word ".repeat(100));
        assert!(long.len() <= super::MAX_SLUG && !long.ends_with('-'), "{long}");
    }
}
