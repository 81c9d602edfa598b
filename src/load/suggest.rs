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

/// Edit distance over characters, where swapping two neighbours counts as one edit (the
/// optimal string alignment distance): `ulr` is one edit from `url`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // rows[i * width + j]: the distance between a[..i] and b[..j].
    let mut rows: Vec<usize> = vec![0; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let value = if i == 0 || j == 0 {
                i.max(j)
            } else {
                let get =
                    |i: usize, j: usize| rows.get(at(i, j)).copied().unwrap_or(usize::MAX - 1);
                let same = a.get(i - 1) == b.get(j - 1);
                let mut best = (get(i - 1, j) + 1)
                    .min(get(i, j - 1) + 1)
                    .min(get(i - 1, j - 1) + usize::from(!same));
                let swapped =
                    i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1);
                if swapped {
                    best = best.min(get(i - 2, j - 2) + 1);
                }
                best
            };
            if let Some(cell) = rows.get_mut(at(i, j)) {
                *cell = value;
            }
        }
    }
    rows.last().copied().unwrap_or(0)
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
        assert_eq!(distance("ulr", "url"), 1);
        assert_eq!(closest("ulr", ["url", "citation"]), Some("url".to_owned()));
    }
}
