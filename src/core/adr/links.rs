//! Editing existing ADRs the way adr-tools does, as text in, text out: titles, link lines in the
//! `## Status` section, and removing a status word when a decision is superseded. MADR files (YAML
//! front matter) get the same information in their front matter and "More Information" section.

/// Whether the text is a MADR file (starts with YAML front matter).
pub fn is_madr(text: &str) -> bool {
    text.starts_with("---\n") || text.starts_with("---\r\n")
}

/// The title as adr-tools reads it: the first line without its `# ` (for MADR, the first `# ` heading).
pub fn title_of(text: &str) -> String {
    let line = if is_madr(text) {
        text.lines().find(|l| l.starts_with("# ")).unwrap_or("")
    } else {
        text.lines().next().unwrap_or("")
    };
    // An ADR's title is copied into other ADRs' link lines: never with its control characters.
    crate::core::text::safe(line.get(2..).unwrap_or("").trim_end())
}

/// Adds `LINK [title](file)` as adr-tools' `_adr_add_link` does: a line (and a blank line) just
/// before the heading that follows `## Status`. In MADR the line goes under `## More Information`.
pub fn add_link(text: &str, link_type: &str, target_title: &str, target_file: &str) -> String {
    let line = format!("{link_type} [{target_title}]({target_file})");
    if is_madr(text) {
        return add_madr_link(text, &line);
    }
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let mut in_status = false;
    for l in text.split_inclusive('\n') {
        let bare = l.trim_end_matches(['\n', '\r']);
        if bare.starts_with("##") {
            if in_status {
                out.push_str(&line);
                out.push_str("\n\n");
            }
            in_status = false;
        }
        if bare == "## Status" {
            in_status = true;
        }
        out.push_str(l);
    }
    // A status section that runs to the end of the file gets the link at the end, as adr-tools would not
    // (it would drop it); keeping it is the safer reading.
    if in_status {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn add_madr_link(text: &str, line: &str) -> String {
    if let Some(at) = text.find("\n## More Information") {
        let after = at + "\n## More Information".len();
        let rest = &text[after..];
        let insert_at = after + rest.find('\n').map_or(rest.len(), |i| i + 1);
        let body = &text[insert_at..];
        let blank = if body.starts_with('\n') { 1 } else { 0 };
        let mut out = text[..insert_at + blank].to_string();
        if blank == 0 {
            out.push('\n');
        }
        out.push_str(&format!("* {line}\n"));
        out.push_str(&text[insert_at + blank..]);
        out
    } else {
        let mut out = text.trim_end_matches('\n').to_string();
        out.push_str(&format!("\n\n## More Information\n\n* {line}\n"));
        out
    }
}

/// Removes a status line (e.g. `Accepted`) from the `## Status` section, as `_adr_remove_status` does,
/// collapsing the blank lines left behind. MADR files are left alone (see `layout::supersede`).
pub fn remove_status(text: &str, status: &str) -> String {
    if is_madr(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_status = false;
    let mut after_blank = false;
    for l in text.split_inclusive('\n') {
        let bare = l.trim_end_matches(['\n', '\r']);
        if bare.starts_with("##") {
            in_status = false;
        }
        if bare == "## Status" {
            in_status = true;
        }
        if in_status && bare.trim().is_empty() {
            if !after_blank {
                out.push_str(l);
            }
            after_blank = true;
            continue;
        }
        if in_status && bare == status {
            continue;
        }
        if in_status {
            after_blank = false;
        }
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NYGARD: &str = "# 1. Record architecture decisions\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record.\n";

    #[test]
    fn titles_are_read_like_adr_tools() {
        assert_eq!(title_of(NYGARD), "1. Record architecture decisions");
        assert_eq!(title_of("---\nstatus: accepted\n---\n\n# Use MADR\n"), "Use MADR");
    }

    #[test]
    fn links_go_before_the_next_heading() {
        let t = add_link(NYGARD, "Superseded by", "2. Checkout", "0002-checkout.md");
        assert!(t.contains("Accepted\n\nSuperseded by [2. Checkout](0002-checkout.md)\n\n## Context"), "{t}");
        let t = remove_status(&t, "Accepted");
        assert!(t.contains("## Status\n\nSuperseded by [2. Checkout](0002-checkout.md)\n\n## Context"), "{t}");
    }

    #[test]
    fn madr_links_go_under_more_information() {
        let m = "---\nstatus: accepted\ndate: 2026-11-01\n---\n\n# X\n\n## More Information\n\n* Record: r.toml\n";
        let t = add_link(m, "Superseded by", "2. Y", "0002-y.md");
        assert!(t.contains("## More Information\n\n* Superseded by [2. Y](0002-y.md)\n* Record: r.toml"), "{t}");
    }
}
