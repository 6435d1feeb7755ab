//! Text from files made safe and sized for the terminal: control characters and escape sequences
//! removed, widths measured in display columns (wide CJK, emoji and combining marks included).
//! Every face prints file-borne text through [`safe`], so a crafted file cannot move the cursor,
//! retitle the window or write the clipboard (OSC 52).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Removes control characters and whole escape sequences (CSI, OSC, DCS…), so text from a file can
/// never move the cursor, retitle the window or write the clipboard. Tabs become spaces, newlines stay.
pub fn safe(s: &str) -> String {
    // Most text is plain printable ASCII (and newlines), with nothing to take out.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b) || b == b'\n') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 introducers (CSI, OSC, DCS, SOS, PM, APC) as single code points.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            // Bidirectional overrides can reorder what is shown; drop them too.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..=`~`.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS-style strings end at BEL, ST (ESC \\) or the C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Like [`safe`], but shows what was removed: control characters become `\u{1b}`-style escapes.
/// For messages *about* a file, where the person needs to see the offending characters.
pub fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\n".to_string(),
            c if c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c) => {
                c.escape_unicode().to_string()
            }
            c => c.to_string(),
        })
        .collect()
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending in `…` when cut. Never splits a wide character.
pub fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A short name for a link, for where the whole address does not fit: the page's last path segment
/// without its extension, and the host (`https://docs.aws.amazon.com/…/rel04-bp01.html` →
/// `rel04-bp01 (docs.aws.amazon.com)`). Text that is not an http(s) address is returned as it is.
pub fn link_label(url: &str) -> String {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return url.to_string();
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let page = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let page = page.rsplit_once('.').map_or(page, |(stem, _)| stem);
    if page.is_empty() { host.to_string() } else { format!("{page} ({host})") }
}

/// Word-wraps `s` to lines of at most `width` display columns: breaks at spaces, splits only words
/// longer than a line, keeps paragraphs (`\n`). The views draw exactly these lines (no second
/// wrapping by the widget), so what is measured is what is drawn.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split_whitespace() {
            let w = self::width(word);
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= width {
                line.push_str(word);
                used = w;
                continue;
            }
            // A word longer than a line (a URL): split it by display width.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// `v` as JSON with every string (keys included) made [`safe`]: JSON would otherwise carry C1
/// controls and bidirectional overrides through as they are.
pub fn clean_json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).map(clean).unwrap_or(serde_json::Value::Null)
}

/// Writes `v` as pretty JSON with every string (keys too) made [`safe`], as [`clean_json`] would,
/// straight to `out`: no value tree and no whole-document string in memory (a system check of
/// 20,000 parts writes 17 MB of JSON).
pub fn write_clean_json(out: impl std::io::Write, v: &impl serde::Serialize) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, CleanFormatter::default());
    v.serialize(&mut ser).map_err(std::io::Error::other)
}

/// serde_json's pretty formatter, except that each string is gathered whole, made [`safe`] when it
/// needs it, and then written escaped ([`safe`] reads whole escape sequences, so fragments would not do).
#[derive(Default)]
struct CleanFormatter {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    string: String,
}

macro_rules! delegate {
    ($($name:ident),*) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
            self.pretty.$name(w)
        }
    )*};
    (first: $($name:ident),*) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
            self.pretty.$name(w, first)
        }
    )*};
}

impl serde_json::ser::Formatter for CleanFormatter {
    delegate!(
        begin_array,
        end_array,
        end_array_value,
        begin_object,
        end_object,
        end_object_key,
        begin_object_value,
        end_object_value
    );
    delegate!(first: begin_array_value, begin_object_key);

    fn begin_string<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.string.clear();
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, _: &mut W, fragment: &str) -> std::io::Result<()> {
        self.string.push_str(fragment);
        Ok(())
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape as E;
        self.string.push(match escape {
            E::Quote => '"',
            E::ReverseSolidus => '\\',
            E::Solidus => '/',
            E::Backspace => '\u{8}',
            E::FormFeed => '\u{c}',
            E::LineFeed => '\n',
            E::CarriageReturn => '\r',
            E::Tab => '\t',
            E::AsciiControl(b) => char::from(b),
        });
        Ok(())
    }

    fn end_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let text = into_safe(std::mem::take(&mut self.string));
        serde_json::to_writer(w, &text).map_err(std::io::Error::other)
    }
}

/// `v` as TOML with every string made [`safe`] (TOML escapes C0 controls but keeps C1 and bidi).
pub fn clean_toml(v: &impl serde::Serialize) -> String {
    fn drop_nulls(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Array(items) => Value::Array(items.into_iter().map(drop_nulls).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, drop_nulls(v))).collect())
            }
            other => other,
        }
    }
    toml::to_string_pretty(&drop_nulls(clean_json(v))).unwrap_or_default()
}

/// A copy of `v` with every string made [`safe`], for values written to files (records); values that
/// do not round-trip through JSON are returned unchanged.
pub fn sanitized<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(v: &T) -> T {
    match serde_json::to_value(v) {
        Ok(value) => serde_json::from_value(clean(value)).unwrap_or_else(|_| v.clone()),
        Err(_) => v.clone(),
    }
}

fn clean(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(into_safe(s)),
        Value::Array(items) => Value::Array(items.into_iter().map(clean).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (into_safe(k), clean(v))).collect()),
        other => other,
    }
}

/// `s` made [`safe`], copied only when that changes it.
pub fn into_safe(s: String) -> String {
    if needs_cleaning(&s) { safe(&s) } else { s }
}

/// Whether [`safe`] would change `s` (a quick scan, so clean text costs no allocation).
pub fn needs_cleaning(s: &str) -> bool {
    s.chars().any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// The names inside `{…}` placeholders of a text (letters, digits, `_` and `-` only; anything else
/// in braces is left as written).
pub fn placeholder_names(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| {
        let name = &rest[..rest.find('}')?];
        let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        ok.then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_json_written_straight_is_the_same_as_through_a_value() {
        let evil = "a\u{1b}[2J\u{1b}]0;pwned\u{7}b \"q\" \\ / \u{9b}31md\u{8}\u{202e}e\tf\r\n\u{c}ü";
        let v = serde_json::json!({
            "plain": "text", evil: [evil, 1, null, true, { "k": evil, "n": 2.5 }], "empty": {}, "none": []
        });
        let mut out = Vec::new();
        write_clean_json(&mut out, &v).unwrap();
        let expected = serde_json::to_string_pretty(&clean_json(&v)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        assert!(!expected.contains("pwned") && !expected.contains('\u{202e}'));
    }

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        let evil = "a\u{1b}[2J\u{1b}]0;pwned\u{7}b\u{1b}]52;c;ZXZpbA==\u{1b}\\c\u{9b}31md\u{8}\u{202e}e\tf";
        assert_eq!(safe(evil), "abcde f");
    }

    #[test]
    fn visible_shows_escapes() {
        assert_eq!(visible("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert!(!visible("\u{1b}]52;c;x\u{7}").chars().any(char::is_control));
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let s = "A client subscribed to pushed updates, not blocked on a request (chat, tickers, live dashboards)";
        for w in [10, 20, 47, 80] {
            let lines = wrap(s, w);
            assert!(lines.iter().all(|l| width(l) <= w), "{lines:?}");
            let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(squeeze(&lines.concat()), squeeze(s), "nothing lost at {w}");
        }
        assert_eq!(wrap(s, 47).join(" "), s, "words are only split when longer than a line");
        assert_eq!(wrap("https://example.com/very/long", 10), ["https://ex", "ample.com/", "very/long"]);
        assert_eq!(wrap("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
    }

    proptest::proptest! {
        /// What the panes measure is what they draw: `wrap`'s lines are drawn as they are (no second
        /// wrapping by a widget), so it is enough that each fits and nothing is lost, for any text —
        /// runs of spaces, words longer than a line, wide characters.
        #[test]
        fn wrapped_lines_fit_and_keep_every_character(s in "[a-z 日本語é\u{301}\n-]{0,80}", w in 1usize..30) {
            let lines = wrap(&s, w);
            for l in &lines {
                // A wide character on a one-column line is the only thing allowed to overflow.
                proptest::prop_assert!(width(l) <= w.max(2), "{:?} wider than {} in {:?}", l, w, lines);
            }
            let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(squeeze(&lines.concat()), squeeze(&s));
            proptest::prop_assert_eq!(lines.len() >= s.split('\n').count(), true, "paragraphs kept");
        }

        /// Whatever goes in, no control character but a newline and no bidirectional override comes
        /// out; and text with nothing to take out comes out as it went in (the short way for ASCII).
        #[test]
        fn safe_text_has_no_controls_and_clean_text_is_kept(s in "([ -~\n]|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}é日]){0,40}") {
            let out = safe(&s);
            proptest::prop_assert!(!out.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)), "{:?}", out);
            let clean = !s.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
            if clean {
                proptest::prop_assert_eq!(out, s);
            }
        }
    }

    #[test]
    fn links_get_short_labels() {
        let wa = "https://docs.aws.amazon.com/wellarchitected/latest/framework/rel04-bp01.html";
        assert_eq!(link_label(wa), "rel04-bp01 (docs.aws.amazon.com)");
        assert_eq!(
            link_label("https://aws.amazon.com/builders-library/timeouts-retries/"),
            "timeouts-retries (aws.amazon.com)"
        );
        assert_eq!(link_label("http://example.com"), "example.com");
        assert_eq!(link_label("https://example.com/a/page.html?x=1#top"), "page (example.com)");
        assert_eq!(link_label("REL04-BP01"), "REL04-BP01");
    }

    #[test]
    fn clipping_respects_display_width() {
        assert_eq!(clip("hello world", 5), "hell…");
        assert_eq!(clip("支付系统", 5), "支付…");
        assert_eq!(width(&clip("支付系统", 5)), 5);
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("e\u{301}tude", 3), "e\u{301}t…");
    }
}
