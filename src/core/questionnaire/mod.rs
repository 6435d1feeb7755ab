//! Questionnaires as data: the file format ([`raw`]), the checked model ([`model`]) and loading with
//! diagnostics ([`load`]). The default questionnaire is embedded in the binary.

pub mod baked;
mod condition_check;
pub mod generate;
mod inert;
pub mod load;
pub mod model;
mod question_check;
pub mod raw;
mod review_check;

pub use load::{MAX_FILE_BYTES, SCHEMA_VERSION, load};
pub use model::*;

/// Text of the built-in questionnaire, `questionnaires/system-kind.toml`.
pub const DEFAULT_SOURCE: &str = include_str!("../../../questionnaires/system-kind.toml");

/// File name shown in diagnostics for the built-in questionnaire.
pub const DEFAULT_NAME: &str = "questionnaires/system-kind.toml";

/// Text of version 1.0.0 of the built-in questionnaire, kept so records made with it re-derive under
/// the questionnaire they were answered against (`record upgrade` moves them on).
pub const V1_SOURCE: &str = include_str!("../../../questionnaires/system-kind-1.0.0.toml");

/// File name shown in diagnostics for version 1.0.0.
pub const V1_NAME: &str = "questionnaires/system-kind-1.0.0.toml";

/// Text of version 2.0.0 of the built-in questionnaire, kept so its records re-derive as written.
pub const V2_SOURCE: &str = include_str!("../../../questionnaires/system-kind-2.0.0.toml");

/// File name shown in diagnostics for version 2.0.0.
pub const V2_NAME: &str = "questionnaires/system-kind-2.0.0.toml";

// The digests of the three TOML files, taken by build.rs.
include!(concat!(env!("OUT_DIR"), "/digests.rs"));

/// The built-in questionnaire, with its checked form ([`baked`]).
pub const DEFAULT: baked::BuiltIn = baked::BuiltIn {
    name: DEFAULT_NAME,
    source: DEFAULT_SOURCE,
    digest: DEFAULT_DIGEST,
    baked: include_bytes!("../../../questionnaires/baked/system-kind.postcard"),
    baked_path: "questionnaires/baked/system-kind.postcard",
};

/// Version 2.0.0, with its checked form.
pub const V2: baked::BuiltIn = baked::BuiltIn {
    name: V2_NAME,
    source: V2_SOURCE,
    digest: V2_DIGEST,
    baked: include_bytes!("../../../questionnaires/baked/system-kind-2.0.0.postcard"),
    baked_path: "questionnaires/baked/system-kind-2.0.0.postcard",
};

/// Version 1.0.0, with its checked form.
pub const V1: baked::BuiltIn = baked::BuiltIn {
    name: V1_NAME,
    source: V1_SOURCE,
    digest: V1_DIGEST,
    baked: include_bytes!("../../../questionnaires/baked/system-kind-1.0.0.postcard"),
    baked_path: "questionnaires/baked/system-kind-1.0.0.postcard",
};

/// The built-in questionnaire. It is checked by the test suite, so failing here is a build bug.
pub fn default_questionnaire() -> Questionnaire {
    DEFAULT.questionnaire()
}

#[cfg(test)]
mod tests;
