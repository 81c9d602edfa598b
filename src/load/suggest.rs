//! "Did you mean…?": the closest known word to a misspelt one.

/// The candidate closest to `word` by edit distance, ignoring case, if it is close enough to
/// be a plausible misspelling (at most a third of the word's length, and at least one edit).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut unlimited = usize::MAX;
    closest_within(word, candidates, &mut unlimited)
}

/// As [`closest`], spending at most `budget` units of work, shared by every call that passes
/// the same budget: each candidate costs its length, and each distance computed the size of
/// its table. When the budget runs out there is no suggestion, for this word and every later
/// one, so that a file with many unknown ids among many declared ones stays linear to load.
/// A candidate whose length differs from the word's by more than the limit is passed over
/// without computing its distance, which is at least that difference.
pub(crate) fn closest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1);
    let word: Vec<char> = word.to_lowercase().chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let Some(rest) = budget.checked_sub(candidate.len() + 1) else {
            *budget = 0;
            return None;
        };
        *budget = rest;
        let lower: Vec<char> = candidate.to_lowercase().chars().collect();
        if lower.len().abs_diff(word.len()) > limit {
            continue;
        }
        let cells = (word.len() + 1).saturating_mul(lower.len() + 1);
        let Some(rest) = budget.checked_sub(cells) else {
            *budget = 0;
            return None;
        };
        *budget = rest;
        let distance = distance(&word, &lower);
        if distance <= limit && best.is_none_or(|best| (distance, candidate) < best) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_owned())
}

/// Edit distance over characters, where swapping two neighbours counts as one edit (the
/// optimal string alignment distance): `ulr` is one edit from `url`. Three rows of the
/// table are kept, so memory grows with the shorter word's length only.
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    // The rows for a[..i-2], a[..i-1] and a[..i]: row[j] is the distance to b[..j].
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        if let Some(first) = current.first_mut() {
            *first = i;
        }
        for j in 1..width {
            let get = |row: &[usize], j: usize| row.get(j).copied().unwrap_or(usize::MAX - 1);
            let same = a.get(i - 1) == b.get(j - 1);
            let mut best = (get(&previous, j) + 1)
                .min(get(&current, j - 1) + 1)
                .min(get(&previous, j - 1) + usize::from(!same));
            let swapped =
                i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1);
            if swapped {
                best = best.min(get(&before, j - 2) + 1);
            }
            if let Some(cell) = current.get_mut(j) {
                *cell = best;
            }
        }
        std::mem::swap(&mut before, &mut previous);
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

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn distance_counts_edits() {
        let distance = |a: &str, b: &str| distance(&chars(a), &chars(b));
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("ulr", "url"), 1);
        assert_eq!(distance("abcd", "badc"), 2);
        assert_eq!(distance("ca", "abc"), 3);
        assert_eq!(closest("ulr", ["url", "citation"]), Some("url".to_owned()));
    }

    #[test]
    fn a_spent_budget_suggests_nothing() {
        let ids = ["AZE", "TUR", "RUS"];
        let mut budget = 1_000;
        assert_eq!(
            closest_within("AZR", ids, &mut budget),
            Some("AZE".to_owned())
        );
        assert!(budget < 1_000);
        let mut budget = 10;
        assert_eq!(closest_within("AZR", ids, &mut budget), None);
        assert_eq!(budget, 0);
        assert_eq!(closest_within("AZE", ids, &mut budget), None);
    }
}
