//! Independent jobs shared out among scoped threads, their results in the jobs' order
//! whichever thread ran each: what makes a result on threads equal to the one without.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `job` of each of `items` on `threads` threads (the caller's among them), in the items'
/// order.
///
/// Each thread takes the next job from a shared counter as it finishes one, so uneven jobs
/// (an issue in a giant component beside a thousand small ones) still keep every thread
/// busy. With one thread, or one job, the jobs run here, one after the other, and no
/// thread is spawned.
///
/// A panic in a job is raised again here once every thread has stopped: a job lost on a
/// thread must not pass as a job that found nothing.
pub(crate) fn map<I: Sync, T: Send>(
    items: &[I],
    threads: usize,
    job: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    map_with(items, threads, || (), |(), it| job(it))
}

/// As [`map`], each thread keeping a state of its own from job to job, made by `state`:
/// lists a job fills and empties, say, rather than new ones for each.
pub(crate) fn map_with<I: Sync, S, T: Send>(
    items: &[I],
    threads: usize,
    state: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &I) -> T + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        let mut state = state();
        return items.iter().map(|it| job(&mut state, it)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = state();
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(at) else {
                return done;
            };
            done.push((at, job(&mut state, item)));
        }
    };
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            match helper.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|it| it.0);
    done.into_iter().map(|it| it.1).collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_come_in_the_jobs_order_on_any_number_of_threads() {
        // Every other job waits a millisecond, so that each thread holds a mix of early and
        // late jobs: results kept in the order the threads finished them would be out of
        // order.
        let job = |at: &usize| {
            if at % 2 == 1 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            at * 3
        };
        let items: Vec<usize> = (0..40).collect();
        let alone: Vec<usize> = items.iter().map(job).collect();
        for threads in [0, 1, 2, 3, 64] {
            assert_eq!(map(&items, threads, job), alone, "{threads} threads");
        }
        assert!(map(&[], 4, job).is_empty());
    }
}
