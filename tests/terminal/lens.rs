//! Issue 23: a hand-written Well-Architected custom lens walked end to end in the wizard, in a real
//! terminal: its risk review in the panel, a record exported, an ADR that lists the risks, and the
//! record checked against the lens.

use std::path::Path;
use std::process::Command;

use crate::common::Tmux;

const LENS: &str = "questionnaires/examples/lenses/operational-readiness.json";

#[test]
fn the_example_lens_is_walked_in_the_wizard_and_its_record_checks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    let lens = Path::new(env!("CARGO_MANIFEST_DIR")).join(LENS);
    std::fs::copy(&lens, d.join("lens.json")).unwrap();
    let cmd = format!("{} -q lens.json; echo WIZARD-EXITED; sleep 30", env!("CARGO_BIN_EXE_syskind"));
    let env = [("XDG_STATE_HOME", d.join("state").display().to_string()), ("NO_COLOR", "1".to_string())];
    let Some(t) = Tmux::run(d, (100, 30), &env, &cmd) else { return };
    t.wait_for("How do you learn that the service is failing");
    // alarms: hosts only → medium risk, said in the panel.
    t.keys(&["Down", "Space", "Enter"]);
    t.wait_for("Can you follow one request");
    let s = t.screen();
    assert!(s.contains("MEDIUM RISK") && s.contains("Medium risk"), "{s}");
    assert!(s.contains("Questions: 0 high · 1 medium"), "the WA Tool's counts per question: {s}");
    // tracing: traces; on_call: rotation and runbooks; deployments: by hand → high risk.
    t.keys(&["Space", "Enter"]);
    t.wait_for("Who is paged");
    t.keys(&["Space", "Down", "Space", "Enter"]);
    t.wait_for("How do changes reach production");
    t.keys(&["Down", "Down", "Space", "Enter"]);
    let s = t.wait_for("Review and export");
    assert!(s.contains("HIGH RISK"), "{s}");
    t.text("Checkout service readiness");
    t.keys(&["Tab", "Tab", "Tab", "Right", "C-s"]);
    let s = t.wait_for("Decision record written");
    // The next steps name the lens: without it the commands could not read the record.
    assert!(s.contains("syskind -q lens.json record check"), "{s}");
    t.keys(&["a"]);
    t.wait_for("There is no ADR folder yet");
    t.keys(&["y"]);
    t.wait_for("ADR written");
    t.keys(&["q"]);
    t.wait_for("WIZARD-EXITED");
    let record = d.join("decisions/0001-checkout-service-readiness.toml");
    let text = std::fs::read_to_string(&record).unwrap();
    for want in ["class = \"high_risk\"", "deployments__rule_1", "alarms__rule_2", "deployments = [\"manual\"]"] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
    let adr = std::fs::read_dir(d.join("doc/adr"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-checkout-service-readiness.md"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("the ADR");
    // The ADR lists the risks, highest first.
    let high = adr.find("(deployments__rule_1)").expect("the high risk is listed");
    let medium = adr.find("(alarms__rule_2)").expect("the medium risk is listed");
    assert!(adr.contains("Risk review") && high < medium, "{adr}");
    // The record checks and re-derives against the lens, like any other.
    let status = Command::new(env!("CARGO_BIN_EXE_syskind"))
        .current_dir(d)
        .args(["-q", "lens.json", "record", "check"])
        .arg(&record)
        .status()
        .unwrap();
    assert!(status.success());
}
