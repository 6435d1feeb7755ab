//! Generated questionnaires of any size, for benchmarks and stress tests.

use std::fmt::Write;

/// A valid questionnaire with `n` questions (cycling through single, duration, yes/no, multiple)
/// over three classes, with a rule per eight questions and a `show_if` every seventh question.
pub fn generated_questionnaire(n: usize) -> String {
    let mut s = String::from("schema = 1\nid = \"generated\"\nversion = \"1\"\ntitle = \"Generated\"\n");
    for (id, label) in [("low", "Low"), ("mid", "Mid"), ("high", "High")] {
        let _ = write!(s, "\n[[classes]]\nid = \"{id}\"\nlabel = \"{label}\"\ndescription = \"{label}.\"\n");
    }
    for i in 0..n {
        let kind = ["single", "duration", "yes_no", "multiple"][i % 4];
        let _ = write!(
            s,
            "\n[[questions]]\nid = \"q{i}\"\nkind = \"{kind}\"\nprompt = \"Question {i}?\"\nhelp = \"Why we ask {i}.\"\n"
        );
        if i % 7 == 6 {
            let _ = writeln!(s, "show_if = {{ question = \"q{}\", answered = true }}", i - 1);
        }
        match kind {
            "single" | "multiple" => {
                for c in 0..4 {
                    let _ = write!(
                        s,
                        "\n[[questions.choices]]\nid = \"c{c}\"\nlabel = \"Choice {c}\"\nweights = {{ low = {}, mid = {}, high = {} }}\n",
                        (c + i) % 3,
                        (c * 2 + i) % 3,
                        (c + 2 * i) % 4
                    );
                }
            }
            "duration" => {
                for (b, up) in ["\"1s\"", "\"1m\"", "\"1h\""].iter().enumerate() {
                    let _ =
                        write!(s, "\n[[questions.bands]]\nup_to = {up}\nweights = {{ high = {}, mid = 1 }}\n", 3 - b);
                }
                s.push_str("\n[[questions.bands]]\nweights = { low = 3 }\n");
            }
            _ => s.push_str("yes = { high = 1 }\nno = { low = 1 }\n"),
        }
    }
    for r in (0..n.saturating_sub(4)).step_by(8) {
        let _ = write!(
            s,
            "\n[[rules]]\nid = \"r{r}\"\nwhen = {{ all = [{{ question = \"q{r}\", any_of = [\"c0\"] }}, {{ question = \"q{}\", at_most = \"1s\" }}] }}\neffect = \"floor\"\nclass = \"mid\"\nreason = \"Rule {r}.\"\n",
            r + 1
        );
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_questionnaires_load_cleanly() {
        for n in [1, 12, 500] {
            let text = super::generated_questionnaire(n);
            let (q, report) = super::super::load("gen.toml", &text).unwrap_or_else(|r| panic!("{}", r.short()));
            assert_eq!(q.questions.len(), n);
            assert!(!report.has_errors());
        }
    }
}
