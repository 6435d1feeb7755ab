//! Editing a system file in place (toml_edit): only what must change, keeping the user's comments,
//! order and layout. Text in, text out; the caller writes the file.

pub use crate::core::edit_error::EditError;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::Mode;

fn doc(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>().map_err(|e| EditError::Parse { file: "system file", detail: e.to_string() })
}

fn array<'a>(d: &'a mut DocumentMut, key: &str) -> Result<&'a mut ArrayOfTables, EditError> {
    if !d.contains_key(key) {
        d.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    d[key].as_array_of_tables_mut().ok_or_else(|| EditError::NotTables(key.to_string()))
}

/// Appends a `[[call]]`.
pub fn add_call(text: &str, from: &str, to: &str, mode: Mode) -> Result<String, EditError> {
    add_call_with(text, from, to, mode, None, "")
}

/// [`add_call`] with the caller's timeout (a duration as written, e.g. `2s`) and a note, when given.
pub fn add_call_with(
    text: &str,
    from: &str,
    to: &str,
    mode: Mode,
    timeout: Option<&str>,
    note: &str,
) -> Result<String, EditError> {
    let mut d = doc(text)?;
    let mut t = Table::new();
    t["from"] = value(from);
    t["to"] = value(to);
    t["mode"] = value(mode.name());
    if let Some(timeout) = timeout {
        t["timeout"] = value(timeout);
    }
    if !note.trim().is_empty() {
        t["note"] = value(note.trim());
    }
    array(&mut d, "call")?.push(t);
    Ok(d.to_string())
}

/// Removes the `index`th `[[call]]`.
pub fn remove_call(text: &str, index: usize) -> Result<String, EditError> {
    let mut d = doc(text)?;
    let calls = array(&mut d, "call")?;
    if index >= calls.len() {
        return Err(EditError::NoCall(index + 1));
    }
    calls.remove(index);
    Ok(d.to_string())
}

/// Removes a part and every call to or from it.
pub fn remove_part(text: &str, id: &str) -> Result<String, EditError> {
    let mut d = doc(text)?;
    let parts = array(&mut d, "part")?;
    let before = parts.len();
    parts.retain(|t| t.get("id").and_then(|v| v.as_str()) != Some(id));
    if parts.len() == before {
        return Err(EditError::NoPart(id.to_string()));
    }
    if d.contains_key("call") {
        array(&mut d, "call")?.retain(|t| {
            let end = |k: &str| t.get(k).and_then(|v| v.as_str()) == Some(id);
            !end("from") && !end("to")
        });
    }
    Ok(d.to_string())
}

/// Appends a `[[part]]` whose answers are in a record (path relative to the system file).
pub fn add_part(text: &str, id: &str, title: &str, record: &str) -> Result<String, EditError> {
    let mut d = doc(text)?;
    let mut t = Table::new();
    t["id"] = value(id);
    t["title"] = value(title);
    t["record"] = value(record);
    array(&mut d, "part")?.push(t);
    Ok(d.to_string())
}

/// Points a part at a record, dropping its inline answers and notes (they now live in the record).
pub fn set_record(text: &str, id: &str, record: &str) -> Result<String, EditError> {
    let mut d = doc(text)?;
    let parts = array(&mut d, "part")?;
    let part = parts
        .iter_mut()
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
        .ok_or_else(|| EditError::NoPart(id.to_string()))?;
    part.remove("answers");
    part.remove("notes");
    part["record"] = value(record);
    Ok(d.to_string())
}

/// A part id not yet taken, from a title (`Order processing` → `order_processing`, then `_2`, …).
pub fn fresh_id(title: &str, taken: &[String]) -> String {
    let base: String = crate::core::slug::slug(title).replace('-', "_");
    let base = if base.is_empty() { "part".to_string() } else { base };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# my system\n[system]\nid = \"s\"\ntitle = \"S\" # the name\n\n[[part]]\nid = \"a\"\ntitle = \"A\"\n\n[part.answers]\ncaller = \"nobody\"\n\n[[part]]\nid = \"b\"\ntitle = \"B\"\nrecord = \"b.toml\"\n\n[[call]]\nfrom = \"a\"\nto = \"b\"\nmode = \"async\"\n";

    #[test]
    fn edits_keep_comments_and_change_only_what_they_must() {
        let t = add_call(FILE, "b", "a", Mode::Sync).unwrap();
        assert!(t.starts_with("# my system\n[system]\nid = \"s\"\ntitle = \"S\" # the name\n"), "{t}");
        assert!(t.ends_with("[[call]]\nfrom = \"b\"\nto = \"a\"\nmode = \"sync\"\n"), "{t}");
        let t = remove_call(&t, 0).unwrap();
        assert_eq!(t.matches("[[call]]").count(), 1);
        let t = set_record(&t, "a", "decisions/a.toml").unwrap();
        assert!(!t.contains("caller = \"nobody\"") && t.contains("record = \"decisions/a.toml\""), "{t}");
        let t = remove_part(&t, "b").unwrap();
        assert!(!t.contains("id = \"b\"") && !t.contains("[[call]]"), "{t}");
        assert!(remove_part(&t, "zz").is_err());
        let t = add_part(&t, "c", "C", "c.toml").unwrap();
        assert!(t.contains("[[part]]\nid = \"c\"\ntitle = \"C\"\nrecord = \"c.toml\"\n"), "{t}");
        assert!(t.contains("# my system"));
    }

    #[test]
    fn fresh_ids_do_not_collide() {
        let taken = vec!["order_processing".to_string()];
        assert_eq!(fresh_id("Order processing", &taken), "order_processing_2");
        assert_eq!(fresh_id("Billing!", &taken), "billing");
    }
}
