//! Play mode: how real time becomes simulated time.
//!
//! The app ticks while playing; each tick adds `real ms × speed` to a budget, and the
//! timeline steps to its next event once the budget covers the simulated time until it.
//! A quiet stretch never makes the viewer wait more than [`MAX_WAIT_MS`] of real time
//! (a CrashLoopBackOff's 5-minute back-off plays in 2 s at 1×).

/// Speeds offered, as multiples of real time.
pub const SPEEDS: [f64; 6] = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// Longest real-time wait between two events while playing.
pub const MAX_WAIT_MS: f64 = 2_000.0;

/// Most events taken in one tick, so that a burst never freezes the page.
pub const MAX_STEPS_PER_TICK: usize = 8;

/// Real ms of simulation after which a tick takes no further event (the rest wait for the
/// next tick), so that the page can draw between large steps.
pub const MAX_TICK_WORK_MS: f64 = 12.0;

thread_local! {
    static STOPWATCH: std::cell::Cell<Option<fn() -> f64>> = const { std::cell::Cell::new(None) };
}

/// The real-time clock (ms) that bounds a tick's work; without one, only
/// [`MAX_STEPS_PER_TICK`] does.
pub fn set_stopwatch(now_ms: fn() -> f64) {
    STOPWATCH.with(|s| s.set(Some(now_ms)));
}

/// Tells whether a tick may do more work: after [`MAX_TICK_WORK_MS`], the rest waits for
/// the next tick (a large step is done in slices, see `Timeline::step_for`).
pub struct TickWork {
    now: Option<fn() -> f64>,
    started: f64,
    taken: usize,
}

impl TickWork {
    pub fn start() -> Self {
        let now = STOPWATCH.with(|s| s.get());
        TickWork {
            now,
            started: now.map_or(0.0, |f| f()),
            taken: 0,
        }
    }

    /// Whether the tick has time left.
    pub fn more(&self) -> bool {
        self.now
            .is_none_or(|f| f() - self.started < MAX_TICK_WORK_MS)
    }

    /// Counts an event taken; false once the tick has done enough.
    pub fn another(&mut self) -> bool {
        self.taken += 1;
        self.taken < MAX_STEPS_PER_TICK && self.more()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clock {
    pub playing: bool,
    pub speed: f64,
    /// Simulated ms accumulated towards the next event.
    budget_ms: f64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            playing: false,
            speed: 1.0,
            budget_ms: 0.0,
        }
    }
}

impl Clock {
    /// Adds a tick of `real_ms`; returns how much simulated time has been "played" past now.
    pub fn tick(&mut self, real_ms: f64) {
        // A tab in the background delivers one huge tick later; don't fast-forward through it.
        self.budget_ms += real_ms.clamp(0.0, 250.0) * self.speed;
    }

    /// Whether an event `gap_ms` ahead of the clock is due; consumes the budget if so.
    pub fn take_if_due(&mut self, gap_ms: i64) -> bool {
        let gap = (gap_ms as f64).min(MAX_WAIT_MS * self.speed);
        if self.budget_ms >= gap {
            self.budget_ms = (self.budget_ms - gap).min(MAX_WAIT_MS * self.speed);
            true
        } else {
            false
        }
    }

    /// Simulated ms played towards the next event (for a clock that moves smoothly).
    pub fn played_ms(&self, gap_ms: i64) -> i64 {
        (self.budget_ms as i64).min(gap_ms)
    }

    pub fn reset_budget(&mut self) {
        self.budget_ms = 0.0;
    }

    pub fn faster(&mut self) {
        if let Some(s) = SPEEDS.iter().find(|&&s| s > self.speed) {
            self.speed = *s;
        }
    }

    pub fn slower(&mut self) {
        if let Some(s) = SPEEDS.iter().rev().find(|&&s| s < self.speed) {
            self.speed = *s;
        }
    }
}

/// `00:01:23.5` of simulated time since the cluster started.
pub fn format_elapsed(ms: i64) -> String {
    let ms = ms.max(0);
    let tenths = (ms % 1000) / 100;
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    format!("{h:02}:{m:02}:{s:02}.{tenths}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_due_once_enough_time_played() {
        let mut c = Clock::default();
        c.tick(100.0);
        assert!(!c.take_if_due(1_000));
        for _ in 0..9 {
            c.tick(100.0);
        }
        assert!(c.take_if_due(1_000));
        assert!(!c.take_if_due(1_000));
    }

    #[test]
    fn speed_multiplies_and_quiet_stretches_are_shortened() {
        let mut c = Clock {
            speed: 4.0,
            ..Clock::default()
        };
        c.tick(250.0);
        assert!(c.take_if_due(1_000));
        // Five minutes away, at 1×: due after MAX_WAIT_MS of real time.
        let mut c = Clock::default();
        let mut ticks = 0;
        while !c.take_if_due(300_000) {
            c.tick(100.0);
            ticks += 1;
        }
        assert_eq!(ticks, (MAX_WAIT_MS / 100.0) as usize);
    }

    #[test]
    fn a_huge_tick_counts_as_a_short_one() {
        let mut c = Clock::default();
        c.tick(60_000.0);
        assert!(!c.take_if_due(1_000));
    }

    #[test]
    fn speeds_step_within_the_offered_range() {
        let mut c = Clock::default();
        for _ in 0..10 {
            c.faster();
        }
        assert_eq!(c.speed, 16.0);
        for _ in 0..10 {
            c.slower();
        }
        assert_eq!(c.speed, 0.5);
    }

    #[test]
    fn a_tick_takes_no_more_events_once_its_time_is_spent() {
        thread_local! { static T: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) }; }
        fn fake() -> f64 {
            T.with(|t| t.get())
        }
        let mut w = TickWork::start();
        assert!(w.another() && w.another(), "no stopwatch: counted only");
        set_stopwatch(fake);
        let mut w = TickWork::start();
        assert!(w.another() && w.more(), "quick events: another");
        T.with(|t| t.set(MAX_TICK_WORK_MS + 1.0));
        assert!(!w.more() && !w.another(), "the tick's time is spent");
        let mut w = TickWork::start();
        let taken = (0..100).take_while(|_| w.another()).count();
        assert_eq!(taken + 1, MAX_STEPS_PER_TICK);
    }

    #[test]
    fn elapsed_time_reads_like_a_stopwatch() {
        assert_eq!(format_elapsed(0), "00:00:00.0");
        assert_eq!(format_elapsed(83_450), "00:01:23.4");
        assert_eq!(format_elapsed(3_600_000 * 25), "25:00:00.0");
    }
}
