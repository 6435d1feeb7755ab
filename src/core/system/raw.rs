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
    pub answers: Option<Spanned<BTreeMap<String, Spanned<toml::Value>>>>,
    #[serde(default)]
    pub notes: BTreeMap<String, Spanned<String>>,
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
