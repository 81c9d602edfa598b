//! "Did you mean…?": the closest known word to a misspelt one.

/// The candidate closest to `word` by edit distance, ignoring case, if it is close enough to
/// be a plausible misspelling (at most a third of the word's length, and at least one edit).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (distance(&word_lower, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, candidate)| candidate.to_owned())
}

/// Levenshtein distance over characters, in two rows of memory.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, a_char) in a.chars().enumerate() {
        current.clear();
        current.push(i + 1);
        for (j, b_char) in b.iter().enumerate() {
            let substitute = previous.get(j).copied().unwrap_or(0) + usize::from(a_char != *b_char);
            let delete = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insert = current.get(j).copied().unwrap_or(0) + 1;
            current.push(substitute.min(delete).min(insert));
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["AZE", "TUR", "RUS", "UKR", "ARM"];
        assert_eq!(closest("AZR", ids), Some("AZE".to_owned()));
        assert_eq!(closest("aze", ids), Some("AZE".to_owned()));
        assert_eq!(closest("FRA", ids), None);
        assert_eq!(
            closest("defnd", ["defend", "offense"]),
            Some("defend".to_owned())
        );
        assert_eq!(closest("", ids), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
    }
}
