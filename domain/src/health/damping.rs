//! Flap damping (facts §9, after Pulse#1506): a problem is shown after two
//! consecutive bad observations and cleared after two consecutive good
//! ones. A poll that brought no data, or data too thin to judge, is
//! transparent: it neither counts toward a change nor breaks a streak, and
//! so can never clear a problem.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

use model::resources::Status;

/// How an observed value counts for damping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Good,
    Bad,
    /// Present but inconclusive (e.g. [`Status::Unknown`]): shown at once
    /// over a good value, but it never raises or clears a problem.
    Inconclusive,
}

pub trait Damped: Clone + PartialEq {
    fn verdict(&self) -> Verdict;
}

impl Damped for Status {
    fn verdict(&self) -> Verdict {
        match self {
            Status::Online => Verdict::Good,
            Status::Warning | Status::Critical | Status::Offline => Verdict::Bad,
            Status::Unknown => Verdict::Inconclusive,
        }
    }
}

/// Observations needed in a row to raise, change or clear a problem.
pub const CONFIRMATIONS: u8 = 2;

/// The damped value of one resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Damper<S> {
    shown: S,
    /// Verdict of the observations asking for a change, and how many in a row.
    pending: Option<(Verdict, u8)>,
}

impl<S: Damped> Damper<S> {
    /// Starts from `initial`, normally [`Status::Unknown`]: a first bad
    /// observation still needs a second before it shows.
    pub fn new(initial: S) -> Self {
        Self {
            shown: initial,
            pending: None,
        }
    }

    pub fn shown(&self) -> &S {
        &self.shown
    }

    /// Feeds one poll's value (`None` when the poll brought no data) and
    /// returns what to show now.
    pub fn observe(&mut self, observed: Option<S>) -> &S {
        let Some(value) = observed else {
            return &self.shown;
        };
        let showing_problem = self.shown.verdict() == Verdict::Bad;
        match value.verdict() {
            Verdict::Inconclusive => {
                if !showing_problem {
                    self.shown = value;
                }
            }
            Verdict::Good if !showing_problem => {
                self.shown = value;
                self.pending = None;
            }
            Verdict::Bad if value == self.shown => self.pending = None,
            verdict => {
                let count = match self.pending {
                    Some((pending, count)) if pending == verdict => count.saturating_add(1),
                    _ => 1,
                };
                if count >= CONFIRMATIONS {
                    self.shown = value;
                    self.pending = None;
                } else {
                    self.pending = Some((verdict, count));
                }
            }
        }
        &self.shown
    }
}

/// One [`Damper`] per resource key (e.g. connection id + pool name).
#[derive(Clone, Debug)]
pub struct Dampers<K, S> {
    initial: S,
    /// foldhash: SipHash showed in profiles of large fleets, and foldhash
    /// is still seeded per process. Each damper carries the round in which
    /// it was last observed (see [`Self::end_round`]).
    map: HashMap<K, (Damper<S>, u32), foldhash::fast::RandomState>,
    round: u32,
}

impl<K: Eq + Hash, S: Damped> Dampers<K, S> {
    pub fn new(initial: S) -> Self {
        Self {
            initial,
            map: HashMap::default(),
            round: 0,
        }
    }

    pub fn observe(&mut self, key: K, observed: Option<S>) -> &S {
        let initial = &self.initial;
        let (damper, seen) = self
            .map
            .entry(key)
            .or_insert_with(|| (Damper::new(initial.clone()), 0));
        *seen = self.round;
        damper.observe(observed)
    }

    /// [`Self::observe`] by a borrowed key, which is copied only the first
    /// time it is seen: a poll feeds hundreds of thousands of names.
    pub fn observe_borrowed<Q>(&mut self, key: &Q, observed: Option<S>)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some((damper, seen)) = self.map.get_mut(key) {
            damper.observe(observed);
            *seen = self.round;
            return;
        }
        let mut damper = Damper::new(self.initial.clone());
        damper.observe(observed);
        self.map.insert(key.to_owned(), (damper, self.round));
    }

    pub fn shown<Q>(&self, key: &Q) -> Option<&S>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.map.get(key).map(|(damper, _)| damper.shown())
    }

    /// Ends one complete answer (a successful poll): every resource it did
    /// not mention is gone from the NAS (a deleted dataset, a removed
    /// disk), so its damper is dropped; a NAS that creates and deletes
    /// datasets would otherwise grow its map for ever. A resource that comes
    /// back starts afresh.
    pub fn end_round(&mut self) {
        let round = self.round;
        self.map.retain(|_, (_, seen)| *seen == round);
        self.round = round.wrapping_add(1);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Drops a resource that no longer exists (pool exported and removed,
    /// connection deleted); a missed poll is `observe(key, None)` instead.
    pub fn forget(&mut self, key: &K) {
        self.map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn run(initial: Status, observations: &[Option<Status>]) -> Vec<Status> {
        let mut damper = Damper::new(initial);
        observations.iter().map(|o| *damper.observe(*o)).collect()
    }

    const ON: Option<Status> = Some(Status::Online);
    const WARN: Option<Status> = Some(Status::Warning);
    const CRIT: Option<Status> = Some(Status::Critical);
    const UNKNOWN: Option<Status> = Some(Status::Unknown);

    #[test]
    fn two_bad_raise_and_two_good_clear() {
        use Status::*;
        assert_eq!(
            run(Online, &[WARN, WARN, ON, WARN, ON, ON]),
            [Online, Warning, Warning, Warning, Warning, Online]
        );
    }

    #[test]
    fn gaps_neither_clear_nor_break_a_streak() {
        use Status::*;
        assert_eq!(
            run(
                Online,
                &[WARN, None, WARN, None, None, UNKNOWN, ON, None, ON]
            ),
            [
                Online, Online, Warning, Warning, Warning, Warning, Warning, Warning, Online
            ]
        );
    }

    #[test]
    fn first_observation_needs_confirmation_when_bad_only() {
        use Status::*;
        assert_eq!(run(Unknown, &[CRIT, CRIT]), [Unknown, Critical]);
        assert_eq!(run(Unknown, &[ON]), [Online]);
        assert_eq!(run(Online, &[UNKNOWN, ON]), [Unknown, Online]);
    }

    #[test]
    fn escalation_is_damped_too() {
        use Status::*;
        assert_eq!(
            run(Warning, &[CRIT, WARN, CRIT, CRIT]),
            [Warning, Warning, Warning, Critical]
        );
    }

    #[test]
    fn a_round_forgets_what_it_did_not_see() {
        let mut set: Dampers<String, Status> = Dampers::new(Status::Unknown);
        set.observe_borrowed("tank", WARN);
        set.observe_borrowed("gone", WARN);
        set.end_round();
        set.observe_borrowed("tank", WARN);
        assert_eq!(set.shown("tank"), Some(&Status::Warning));
        assert_eq!(set.shown("gone"), Some(&Status::Unknown));
        set.end_round();
        assert_eq!(set.len(), 1, "only tank was in the last answer");
        assert_eq!(set.shown("gone"), None);
        assert_eq!(set.shown("tank"), Some(&Status::Warning));
    }

    #[test]
    fn dampers_are_per_key_and_forgettable() {
        let mut set = Dampers::new(Status::Unknown);
        set.observe("tank", WARN);
        set.observe("backup", ON);
        assert_eq!(set.observe("tank", WARN), &Status::Warning);
        assert_eq!(set.shown(&"backup"), Some(&Status::Online));
        set.forget(&"tank");
        assert_eq!(set.shown(&"tank"), None);
        assert_eq!(set.observe("tank", WARN), &Status::Unknown);
    }

    fn observation() -> impl Strategy<Value = Option<Status>> {
        prop_oneof![Just(None), Just(ON), Just(WARN), Just(CRIT), Just(UNKNOWN)]
    }

    /// The determinate verdicts seen so far, gaps and unknowns dropped.
    fn verdicts(seen: &[Option<Status>]) -> Vec<Verdict> {
        seen.iter()
            .flatten()
            .map(Damped::verdict)
            .filter(|v| *v != Verdict::Inconclusive)
            .collect()
    }

    proptest! {
        #[test]
        fn a_problem_shows_only_after_two_bad_and_clears_only_after_two_good(
            seq in prop::collection::vec(observation(), 0..40)
        ) {
            let mut damper = Damper::new(Status::Online);
            for (i, observed) in seq.iter().enumerate() {
                let before = *damper.shown();
                let after = *damper.observe(*observed);
                let tail = verdicts(&seq[..=i]);
                let last_two = tail.len() >= 2
                    && tail[tail.len() - 2..].iter().all(|v| *v == after.verdict());
                if before.verdict() != Verdict::Bad && after.verdict() == Verdict::Bad {
                    prop_assert!(last_two, "raised without two bad in a row at {i}: {seq:?}");
                }
                if before.verdict() == Verdict::Bad && after != before {
                    prop_assert!(last_two, "changed without two in a row at {i}: {seq:?}");
                }
                if before.verdict() == Verdict::Bad
                    && observed.is_none_or(|s| s.verdict() == Verdict::Inconclusive)
                {
                    prop_assert_eq!(after, before, "a gap changed a shown problem");
                }
            }
        }

        #[test]
        fn a_steady_value_is_shown_after_two_observations(
            prefix in prop::collection::vec(observation(), 0..20),
            steady in prop_oneof![Just(Status::Online), Just(Status::Warning), Just(Status::Critical)],
        ) {
            let mut damper = Damper::new(Status::Unknown);
            for observed in prefix {
                damper.observe(observed);
            }
            damper.observe(Some(steady));
            prop_assert_eq!(*damper.observe(Some(steady)), steady);
        }
    }
}
