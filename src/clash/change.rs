//! What a hypothesis changes on an issue's clash points: the points added and those taken
//! away, a multiset difference of points read either way along their chains.
//!
//! Points met in the same order are matched in place; the rest are sorted by a hash that is a
//! function of each point's value and compared whole only within a run of equal hashes.

use std::hash::{Hash, Hasher};

use super::{ClashPoint, RawStep};
use crate::model::IssueId;

/// How an issue's clash points would change: see [`super::ClashTracker::what_if`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueChange<'a> {
    /// The issue.
    pub issue: &'a IssueId,
    /// The points added, each as many times as it is added, in the solver's order.
    pub added: Vec<ClashPoint<'a>>,
    /// The points taken away, each as many times, in the order the tracker held them.
    pub removed: Vec<ClashPoint<'a>>,
}

impl<'a> IssueChange<'a> {
    /// `points` (the issue's points before, as [`super::ClashTracker::points_on`] gives them) with
    /// the change made: each removed point taken away once, then the added ones.
    pub fn apply(&self, points: &[ClashPoint<'a>]) -> Vec<ClashPoint<'a>> {
        let mut then = kept_in_order(points, &self.removed);
        then.extend(self.added.iter().cloned());
        then
    }
}

/// The points of `points` not among `gone`, in their order; `gone` is a sub-multiset of them.
fn kept_in_order<'a>(points: &[ClashPoint<'a>], gone: &[ClashPoint<'a>]) -> Vec<ClashPoint<'a>> {
    let (kept, _) = unmatched(points, gone);
    kept.iter()
        .filter_map(|at| points.get(*at).cloned())
        .collect()
}

/// The points of `fresh` that `held` does not have, and those of `held` that `fresh` does
/// not, each as many times as it is missing from the other: multisets of points read either
/// way along their chains (as [`ClashPoint::canonical`]).
pub(super) fn difference<'a>(
    fresh: Vec<ClashPoint<'a>>,
    held: &[ClashPoint<'a>],
) -> (Vec<ClashPoint<'a>>, Vec<ClashPoint<'a>>) {
    // The solver meets most points in the same order as before: those are matched in place,
    // from either end, and only the middle is sorted and matched.
    let same = |(a, b): (&ClashPoint<'_>, &ClashPoint<'_>)| same_point(a, b);
    let head = fresh.iter().zip(held).take_while(|it| same(*it)).count();
    let (fresh_rest, held_rest) = (
        fresh.get(head..).unwrap_or(&[]),
        held.get(head..).unwrap_or(&[]),
    );
    let tail = fresh_rest
        .iter()
        .rev()
        .zip(held_rest.iter().rev())
        .take_while(|it| same(*it))
        .count();
    if head + tail == fresh.len() && fresh.len() == held.len() {
        return (Vec::new(), Vec::new());
    }
    let middle = |points: &[ClashPoint<'_>]| head..points.len().saturating_sub(tail).max(head);
    let (fresh_middle, held_middle) = (middle(&fresh), middle(held));
    let (added, removed) = unmatched(
        fresh.get(fresh_middle.clone()).unwrap_or(&[]),
        held.get(held_middle.clone()).unwrap_or(&[]),
    );
    let removed = removed
        .iter()
        .filter_map(|at| held.get(at + held_middle.start).cloned())
        .collect();
    let added = fresh
        .into_iter()
        .skip(fresh_middle.start)
        .enumerate()
        .filter(|(at, _)| added.binary_search(at).is_ok())
        .map(|(_, it)| it)
        .collect();
    (added, removed)
}

/// As [`difference`], for points under keys (each side sorted by key) such that points
/// under different keys are never equal: each is matched only among those under its key,
/// without hashing; the points `fresh` adds in its order, those of `held` it takes away in
/// theirs.
pub(super) fn difference_by_key<'a, K: Ord>(
    fresh: Vec<(K, ClashPoint<'a>)>,
    held: Vec<(K, ClashPoint<'a>)>,
) -> (Vec<ClashPoint<'a>>, Vec<ClashPoint<'a>>) {
    let mut taken = vec![false; held.len()];
    let mut added = Vec::new();
    let mut from = 0;
    for (key, point) in fresh {
        // Both sides go by key, so the run of `key` is found by walking on from the last
        // one: a search of the rest for each point cost more, tens of thousands of times.
        while held.get(from).is_some_and(|it| it.0 < key) {
            from += 1;
        }
        let run = held.get(from..).unwrap_or(&[]);
        let found = run
            .iter()
            .take_while(|it| it.0 == key)
            .zip(taken.get_mut(from..).unwrap_or(&mut []))
            .find(|(it, taken)| !**taken && same_point(&it.1, &point));
        match found {
            Some((_, taken)) => *taken = true,
            None => added.push(point),
        }
    }
    let removed = held
        .into_iter()
        .zip(taken)
        .filter(|it| !it.1)
        .map(|it| (it.0).1)
        .collect();
    (added, removed)
}

/// The places of the points of `left` with no match in `right`, and of those of `right` with
/// none in `left`, each sorted: a point matches one equal point of the other side.
///
/// Points are sorted by a hash that does not depend on which way a chain is read, and
/// compared only within a run of equal hashes: comparing them whole, party ids and all, was
/// most of a what-if on a world.
fn unmatched(left: &[ClashPoint<'_>], right: &[ClashPoint<'_>]) -> (Vec<usize>, Vec<usize>) {
    let hashes = |points: &[ClashPoint<'_>]| {
        let mut hashes: Vec<(u64, usize)> = points.iter().map(point_hash).zip(0..).collect();
        hashes.sort_unstable();
        hashes
    };
    let (left_hashes, right_hashes) = (hashes(left), hashes(right));
    let (mut lonely_left, mut lonely_right) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    loop {
        let hash = match (left_hashes.get(i), right_hashes.get(j)) {
            (Some(a), Some(b)) => a.0.min(b.0),
            (Some(a), None) => a.0,
            (None, Some(b)) => b.0,
            (None, None) => break,
        };
        let (run_left, run_right) = (run(&left_hashes, i, hash), run(&right_hashes, j, hash));
        i += run_left.len();
        j += run_right.len();
        let mut taken = vec![false; run_right.len()];
        for (_, a) in run_left {
            let found = run_right.iter().zip(taken.iter_mut()).find(|((_, b), taken)| {
                !**taken
                    && matches!((left.get(*a), right.get(*b)), (Some(a), Some(b)) if same_point(a, b))
            });
            match found {
                Some((_, taken)) => *taken = true,
                None => lonely_left.push(*a),
            }
        }
        lonely_right.extend(
            run_right
                .iter()
                .zip(&taken)
                .filter(|(_, taken)| !**taken)
                .map(|((_, b), _)| *b),
        );
    }
    lonely_left.sort_unstable();
    lonely_right.sort_unstable();
    (lonely_left, lonely_right)
}

/// The entries of `hashes` from `from` on whose hash is `hash`.
fn run(hashes: &[(u64, usize)], from: usize, hash: u64) -> &[(u64, usize)] {
    let rest = hashes.get(from..).unwrap_or(&[]);
    rest.get(..rest.iter().take_while(|it| it.0 == hash).count())
        .unwrap_or(&[])
}

/// A hash of a point that is the same whichever way its chain is read: the smaller of its
/// steps' hashes folded forward and backward.
fn point_hash(point: &ClashPoint<'_>) -> u64 {
    let mut start = Fx::default();
    start.write_u64(tail(point.issue().as_str()));
    point.kind().hash(&mut start);
    let steps: smallvec::SmallVec<[u64; 4]> = point.raw().iter().map(step_hash).collect();
    let fold = |hashes: &mut dyn Iterator<Item = &u64>| {
        let mut hasher = Fx(start.0);
        hashes.for_each(|it| hasher.write_u64(*it));
        hasher.finish()
    };
    fold(&mut steps.iter()).min(fold(&mut steps.iter().rev()))
}

/// A hash of a step's numbers.
fn step_hash(step: &RawStep) -> u64 {
    let mut hasher = Fx::default();
    step.hash(&mut hasher);
    hasher.finish()
}

/// An issue id's length and its last eight bytes, as one word: ids are numbered at their
/// ends, and hashing them whole was most of a what-if.
fn tail(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut word = [0u8; 8];
    let end = bytes.get(bytes.len().saturating_sub(8)..).unwrap_or(&[]);
    for (slot, byte) in word.iter_mut().zip(end) {
        *slot = *byte;
    }
    u64::from_le_bytes(word) ^ (bytes.len() as u64).rotate_left(56)
}

/// Whether two points are the same, either way along their chains (as
/// [`ClashPoint::canonical`] reads them): one chain is the other, or the other reversed.
fn same_point(a: &ClashPoint<'_>, b: &ClashPoint<'_>) -> bool {
    a == b
        || (a.kind() == b.kind()
            && a.issue() == b.issue()
            && a.raw().iter().eq(b.raw().iter().rev()))
}

/// FxHash's multiply-rotate, word by word: unkeyed and fast. The standard hasher (SipHash)
/// took half of a what-if hashing party ids. Collisions cost time only: points are compared
/// whole within a run of equal hashes.
#[derive(Default)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..chunk.len()) {
                head.copy_from_slice(chunk);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
