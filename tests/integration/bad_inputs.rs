//! The bad-input catalogue: every file in `tests/bad_inputs/` is broken in one way (the prefix says
//! which loader: `q-` questionnaire, `r-` record, `a-` answers). Each must be refused — or, for
//! `q-inert-question`, loaded with a warning — with a message naming file, line and fix, never a
//! panic and never a raw control character; the full message is kept as a snapshot.

use std::fs;
use std::path::Path;

use syskind::core::answers_file::parse_answers;
use syskind::core::questionnaire::{default_questionnaire, load};
use syskind::core::record::{parse_record, record_answers};
use syskind::store::read_text;

/// What a file produces: the rendered report, and whether it was refused.
fn outcome(path: &Path) -> (String, bool) {
    let name = format!("tests/bad_inputs/{}", path.file_name().unwrap().to_string_lossy());
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => return (format!("error: {}\n", e.to_string().replace(&path.display().to_string(), &name)), true),
    };
    let stem = path.file_stem().unwrap().to_string_lossy().to_string();
    let q = default_questionnaire();
    let result = if stem.starts_with("q-") {
        load(&name, &text).map(|(_, warnings)| warnings)
    } else if stem.starts_with("r-") {
        parse_record(&name, &text)
            .and_then(|r| record_answers(&name, &text, &r, &q).map(|_| r))
            .map(|_| syskind::core::answers_file::report_for(&name, &text))
    } else {
        parse_answers(&name, &text, &q).map(|_| syskind::core::answers_file::report_for(&name, &text))
    };
    match result {
        Ok(warnings) => (warnings.render(false), false),
        Err(report) => (report.render(false), true),
    }
}

#[test]
fn every_bad_input_is_refused_with_a_clear_message() {
    let mut files: Vec<_> = fs::read_dir("tests/bad_inputs").unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    assert!(files.len() >= 40, "the catalogue holds {} files", files.len());
    for path in &files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let (message, refused) = outcome(path);
        if stem == "q-inert-question" {
            assert!(!refused && message.starts_with("warning: "), "{stem}: {message}");
        } else {
            assert!(refused, "{stem} was accepted");
            assert!(message.starts_with("error: "), "{stem}: {message}");
        }
        assert!(message.contains(&format!("tests/bad_inputs/{stem}.toml")), "{stem} names its file: {message}");
        assert!(!message.chars().any(|c| c.is_control() && c != '\n'), "{stem}: control characters in {message:?}");
        insta::assert_snapshot!(stem.clone(), message);
    }
}
