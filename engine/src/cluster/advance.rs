//! Letting simulated time pass, in pieces of work that can be spread over several calls.
//!
//! `advance` settles the controllers, then fires the timers due by the target in order,
//! settling after each instant, and settles once more at the target. [`Advancing`] holds
//! where that work stands, so that the browser can do a large step of a 5,000-node
//! rollout a slice at a time between frames; the work and its order are the same
//! whether it is done at once or in slices.

use super::{timers, Cluster, Time};
use crate::controller;

/// Upper bound on reconcile rounds at one instant; a livelock shows as an event, not a hang.
const MAX_ROUNDS: usize = 64;
/// Upper bound on rounds of timers fired at one instant (each round settles the cluster).
const MAX_BATCHES_PER_INSTANT: usize = 1_000;
/// How many controllers a settle round runs (see `run_controller`).
const CONTROLLERS: usize = 5;

/// The `i`th controller of a settle round; whether it wrote anything.
fn run_controller(c: &mut Cluster, i: usize) -> bool {
    match i {
        0 => controller::garbage_collector::run(c),
        1 => controller::taint_eviction::run(c),
        2 => controller::daemonset::run(c),
        3 => controller::scheduler::run(c),
        _ => controller::kubelet::run(c),
    }
}

/// An advance of the clock under way (see [`Cluster::advance_for`]).
#[derive(Clone, Debug)]
pub struct Advancing {
    target: Time,
    stage: Stage,
    /// The instant whose timers fire, and how often they have fired so far.
    batches: (Time, usize),
    /// The settle under way: its round, the next controller, whether the round changed
    /// anything.
    round: usize,
    next: usize,
    changed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// Settling; then looking for the next timers (or, at the target, done).
    Settle {
        last: bool,
    },
    /// Looking for the next instant with timers due by the target.
    Timers,
    /// Firing the timers due at this instant.
    Fire {
        at: Time,
        livelock: bool,
    },
    Done,
}

impl Advancing {
    /// An advance of `c`'s clock to its next timer (a step of the timeline), if any.
    pub fn to_next_timer(c: &Cluster) -> Option<Advancing> {
        let at = c.next_timer_at()?;
        Some(Advancing::new(c, at.0.saturating_sub(c.now.0)))
    }

    /// An advance of `ms` from `c`'s clock.
    pub fn new(c: &Cluster, ms: i64) -> Advancing {
        Advancing {
            target: c.now.plus_ms(ms.max(0)),
            stage: Stage::Settle { last: false },
            batches: (Time(i64::MIN), 0),
            round: 0,
            next: 0,
            changed: false,
        }
    }
}

impl Cluster {
    /// Runs the controllers until nothing changes at the current instant.
    pub fn settle(&mut self) {
        let mut a = Advancing::new(self, 0);
        a.stage = Stage::Settle { last: true };
        self.advance_for(&mut a, &mut || true);
    }

    /// Advances simulated time by `ms`, firing timers in order and settling after each instant.
    pub fn advance(&mut self, ms: i64) {
        let mut a = Advancing::new(self, ms);
        self.advance_for(&mut a, &mut || true);
    }

    /// Does the work of `a` piece by piece (one controller's run, one timer) while `more`
    /// says so after each; true once it is all done.
    pub fn advance_for(&mut self, a: &mut Advancing, more: &mut dyn FnMut() -> bool) -> bool {
        loop {
            match a.stage {
                Stage::Done => return true,
                Stage::Settle { last } => {
                    a.changed |= run_controller(self, a.next);
                    a.next += 1;
                    if a.next == CONTROLLERS {
                        a.round += 1;
                        let settled = !a.changed || a.round == MAX_ROUNDS;
                        (a.next, a.changed) = (0, false);
                        if settled {
                            a.round = 0;
                            a.stage = if last { Stage::Done } else { Stage::Timers };
                        }
                    }
                }
                Stage::Timers => match self.next_timer_at() {
                    Some(at) if at <= a.target => {
                        self.now = self.now.max(at);
                        a.batches = if a.batches.0 == at {
                            (at, a.batches.1 + 1)
                        } else {
                            (at, 1)
                        };
                        let livelock = a.batches.1 > MAX_BATCHES_PER_INSTANT;
                        a.stage = Stage::Fire { at, livelock };
                    }
                    _ => {
                        self.now = a.target;
                        a.stage = Stage::Settle { last: true };
                    }
                },
                Stage::Fire { at, livelock } => {
                    if self.next_timer_at() != Some(at) {
                        a.stage = Stage::Settle { last: false };
                    } else {
                        let e = self.queue.pop().expect("peeked");
                        if livelock {
                            // Controllers re-arming each other at one instant without end
                            // must not hang the simulation: what is left moves one second on.
                            self.schedule(at.plus_secs(1), e.timer);
                        } else {
                            timers::fire(self, e.timer);
                        }
                    }
                }
            }
            if a.stage != Stage::Done && !more() {
                return false;
            }
        }
    }
}
