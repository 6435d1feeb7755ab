//! "Did you mean …?" hints for misspelt ids.

/// `did you mean `x`? ` when a known name is close to `given`, else an empty string.
pub fn did_you_mean(given: &str, known: &[String]) -> String {
    known
        .iter()
        .map(|k| (strsim::levenshtein(given, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| format!("did you mean `{k}`? "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = vec!["hard_real_time".to_string(), "offline".to_string()];
        assert_eq!(did_you_mean("hard_realtime", &known), "did you mean `hard_real_time`? ");
        assert_eq!(did_you_mean("banana", &known), "");
    }
}
