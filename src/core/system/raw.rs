//! The system file exactly as written, with spans kept for diagnostics.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::Mode;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSystemFile {
    pub system: RawSystemMeta,
    #[serde(default)]
    pub part: Vec<RawPart>,
    #[serde(default)]
    pub call: Vec<RawCall>,
}

/// `[system]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSystemMeta {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Questionnaire for inline answers (built-in id, `id@version`); records name their own.
    pub questionnaire: Option<Spanned<String>>,
}

/// `[[part]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub id: Spanned<String>,
    pub title: String,
    pub record: Option<Spanned<String>>,
    pub answers: Option<Spanned<Table>>,
    #[serde(default)]
    pub notes: BTreeMap<String, Spanned<String>>,
}

/// A part's answers: key and value, sorted by key as a map would be, in one small vector (a
/// B-tree per part took about 1.3 KB for three answers; a system may have 20,000 parts).
#[derive(Debug, Default)]
pub struct Table(pub Vec<(String, Spanned<toml::Value>)>);

impl Table {
    /// The entries, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Spanned<toml::Value>)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'de> Deserialize<'de> for Table {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Table;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Table, A::Error> {
                let mut v = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some(entry) = map.next_entry()? {
                    v.push(entry);
                }
                v.sort_by(|a: &(String, _), b: &(String, _)| a.0.cmp(&b.0));
                Ok(Table(v))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// `[[call]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCall {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    pub mode: Spanned<Mode>,
    pub timeout: Option<Spanned<String>>,
    #[serde(default)]
    pub note: String,
}
