//! Reading a large system file a piece at a time. The `toml` crate holds a whole document's parse
//! tree (every table, key and span) while it deserialises, which for a system of 20,000 parts and
//! 100,000 calls is about 30 times the file. A system file is a `[system]` table and many
//! `[[part]]` and `[[call]]` tables, so it can be cut before those headers and each piece parsed on
//! its own, its spans moved back to where they are in the whole file.
//!
//! Only ever a shortcut: a file with multi-line strings (where a line may look like a header) is not
//! cut, and when any piece does not read, the caller parses the whole file, so every error is the
//! one a whole parse gives. A test compares both ways on the same files.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::raw::{RawCall, RawPart, RawSystemFile, RawSystemMeta};

/// Files smaller than this are parsed whole (the tree is small; cutting would only cost time).
pub const SMALLEST: usize = 1 << 20;

/// Bytes per piece, roughly (a piece ends at the first header after this many).
const PIECE: usize = 256 * 1024;

/// The first piece: `[system]`, and any parts and calls before the first cut.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    system: RawSystemMeta,
    #[serde(default)]
    part: Vec<RawPart>,
    #[serde(default)]
    call: Vec<RawCall>,
}

/// Any later piece: parts and calls only (a `[system]` there would be a duplicate: parsed whole).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    #[serde(default)]
    part: Vec<RawPart>,
    #[serde(default)]
    call: Vec<RawCall>,
}

/// The file read piece by piece, or `None` when it is small, cannot be cut safely, or a piece does
/// not read (then parse it whole, for the exact error).
pub fn parse(text: &str) -> Option<RawSystemFile> {
    parse_in(text, SMALLEST, PIECE)
}

/// [`parse`] with the smallest file cut and the size of a piece chosen (the fuzzer cuts small files
/// into small pieces and compares with a whole parse).
pub fn parse_in(text: &str, smallest: usize, piece: usize) -> Option<RawSystemFile> {
    if text.len() < smallest || text.contains("\"\"\"") || text.contains("'''") {
        return None;
    }
    let (cuts, parts, calls) = cuts(text, piece);
    let mut pieces = cuts.windows(2).map(|w| (w[0], &text[w[0]..w[1]]));
    let (_, first) = pieces.next()?;
    let head: Head = toml::from_str(first).ok()?;
    let mut raw = RawSystemFile { system: head.system, part: head.part, call: head.call };
    // Room for every part and call at once: growing by doubling would hold two copies at the end.
    raw.part.reserve(parts.saturating_sub(raw.part.len()));
    raw.call.reserve(calls.saturating_sub(raw.call.len()));
    for (at, piece) in pieces {
        let p: Piece = toml::from_str(piece).ok()?;
        raw.part.extend(p.part.into_iter().map(|x| part_at(x, at)));
        raw.call.extend(p.call.into_iter().map(|x| call_at(x, at)));
    }
    Some(raw)
}

/// Where the pieces start (and the end): before a `[[part]]` or `[[call]]` header line, every
/// `piece` bytes or so; and how many part and call headers there are.
fn cuts(text: &str, piece: usize) -> (Vec<usize>, usize, usize) {
    let (mut out, mut parts, mut calls) = (vec![0], 0, 0);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let head = line.trim();
        let (part, call) = (head == "[[part]]", head == "[[call]]");
        parts += usize::from(part);
        calls += usize::from(call);
        if at - out[out.len() - 1] >= piece && (part || call) {
            out.push(at);
        }
        at += line.len();
    }
    out.push(text.len());
    (out, parts, calls)
}

fn moved<T>(s: Spanned<T>, by: usize) -> Spanned<T> {
    let Range { start, end } = s.span();
    Spanned::new(start + by..end + by, s.into_inner())
}

fn part_at(p: RawPart, by: usize) -> RawPart {
    RawPart {
        id: moved(p.id, by),
        title: p.title,
        record: p.record.map(|r| moved(r, by)),
        answers: p.answers.map(|a| {
            let mut a = moved(a, by);
            a.get_mut().0.iter_mut().for_each(|(_, v)| move_in_place(v, by, toml::Value::Boolean(false)));
            a
        }),
        notes: {
            let mut notes = p.notes;
            notes.values_mut().for_each(|v| move_in_place(v, by, String::new()));
            notes
        },
    }
}

/// [`moved`] without building the map around it again.
/// (`empty` stands in for the value while it moves, and allocates nothing.)
fn move_in_place<T>(s: &mut Spanned<T>, by: usize, empty: T) {
    let span = s.span();
    let value = std::mem::replace(s.get_mut(), empty);
    *s = Spanned::new(span.start + by..span.end + by, value);
}

fn call_at(c: RawCall, by: usize) -> RawCall {
    RawCall {
        from: moved(c.from, by),
        to: moved(c.to, by),
        mode: moved(c.mode, by),
        timeout: c.timeout.map(|t| moved(t, by)),
        note: c.note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_and_files_with_multi_line_strings_are_parsed_whole() {
        assert!(parse("[system]\nid = \"s\"\ntitle = \"S\"\n").is_none());
        let big = format!("[system]\nid = \"s\"\ntitle = \"S\"\ndescription = '''x'''\n{}", " ".repeat(SMALLEST));
        assert!(parse(&big).is_none());
    }

    #[test]
    fn cuts_fall_before_headers_only() {
        let mut text = String::from("[system]\nid = \"s\"\ntitle = \"S\"\n");
        for i in 0..40_000 {
            text.push_str(&format!("\n[[part]]\nid = \"p{i}\"\ntitle = \"P\"\n"));
        }
        let (c, parts, calls) = cuts(&text, PIECE);
        assert_eq!((parts, calls), (40_000, 0));
        assert!(c.len() > 3, "{}", c.len());
        for w in c.windows(2).skip(1) {
            assert!(text[w[0]..].starts_with("[[part]]"));
        }
    }
}
