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

#[test]
fn the_complete_system_example_loads_and_checks_clean() {
    let md = std::fs::read_to_string("docs/system-format.md").unwrap();
    let block = toml_blocks(&md).into_iter().find(|b| b.starts_with("[system]")).expect("a complete example");
    let dir = std::env::temp_dir().join(format!("syskind-doc-system-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("signup.toml");
    std::fs::write(&file, block).unwrap();
    let l = syskind::store::system::load(None, &file).unwrap_or_else(|_| panic!("loads"));
    let kinds: Vec<&str> = l.system.parts.iter().map(|p| p.verdict.class.as_str()).collect();
    assert_eq!(kinds, ["hard_real_time", "soft_real_time"]);
    assert!(syskind::core::system::check(&l.system).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
