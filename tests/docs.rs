//! The documentation's examples and id lists stay true to the code.

use syskind::core::questionnaire::{default_questionnaire, load};

fn toml_blocks(md: &str) -> Vec<String> {
    md.split("```toml\n").skip(1).map(|b| b.split("```").next().unwrap().to_string()).collect()
}

#[test]
fn the_complete_example_in_the_format_doc_loads_cleanly() {
    let md = std::fs::read_to_string("docs/questionnaire-format.md").unwrap();
    let blocks = toml_blocks(&md);
    let full = blocks.iter().find(|b| b.starts_with("schema = 2")).expect("a complete example");
    let (q, report) = load("docs example", full).unwrap_or_else(|r| panic!("{}", r.short()));
    assert!(report.diagnostics.is_empty(), "{}", report.short());
    assert_eq!(q.id, "mini");
    assert_eq!((q.conflicts.len(), q.findings.len()), (1, 1));
}

#[test]
fn every_built_in_id_is_documented() {
    let doc = std::fs::read_to_string("docs/questionnaire-ids.md").unwrap();
    let q = default_questionnaire();
    for question in &q.questions {
        assert!(doc.contains(&format!("`{}`", question.id)), "question {} undocumented", question.id);
        for c in &question.choices {
            assert!(doc.contains(&format!("`{}`", c.id)), "choice {}.{} undocumented", question.id, c.id);
        }
    }
    for r in &q.rules {
        assert!(doc.contains(&format!("`{}`", r.id)), "rule {} undocumented", r.id);
    }
    for c in &q.conflicts {
        assert!(doc.contains(&format!("`{}`", c.id)), "conflict {} undocumented", c.id);
    }
    for f in &q.findings {
        assert!(doc.contains(&format!("`{}`", f.id)), "finding {} undocumented", f.id);
    }
}
