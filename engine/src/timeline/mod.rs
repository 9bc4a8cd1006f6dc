//! The browser's step interface: a session whose history can be stepped forward one
//! event at a time and scrubbed backwards without replaying from the start.
//!
//! Everything that happens is an [`Action`]: a command, or a step of the clock to its
//! next event. The simulation is deterministic, so the state after action `i` is a pure
//! function of the actions before it; copies of the cluster are kept along the way and
//! going back restores the nearest copy and replays the actions after it.
//!
//! A copy costs in proportion to the objects in the cluster, a replay in proportion to
//! the writes it makes, so a copy is taken once at least [`SNAPSHOT_EVERY`] actions
//! *and* writes worth a quarter of the objects have gone by since the last one (a quiet
//! 5,000-node cluster is not copied every 16 clock steps), and at the latest after
//! [`SNAPSHOT_AT_MOST`] actions.

use crate::api::Time;
use crate::cluster::{Advancing, Cluster, Key};
use crate::session::{FileSource, Output, Session};

mod looks;

pub const SNAPSHOT_EVERY: usize = 16;
pub const SNAPSHOT_AT_MOST: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command line (kubectl, sleep or sim) with its standard input.
    Command { line: String, stdin: Option<String> },
    /// The clock moves to the next event and the cluster settles.
    Step,
}

/// What one action changed, for the grid's animation and the timeline's markers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub at: Time,
    pub created: Vec<Key>,
    pub deleted: Vec<Key>,
    /// Pods whose phase, readiness or deletion state changed.
    pub changed: Vec<Key>,
    pub output: Output,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.deleted.is_empty() && self.changed.is_empty()
    }
}

pub struct Timeline {
    pub session: Session,
    actions: Vec<Action>,
    /// Actions applied to `session` (less than `actions.len()` after stepping back).
    position: usize,
    /// Copies of the cluster after so many actions, by increasing position (a `Vec`:
    /// positions only ever grow, and a `BTreeMap` of clusters cost the wasm a copy of
    /// its code).
    snapshots: Vec<(usize, Cluster)>,
    /// The clock after each action (`times[i]` = after action `i`).
    times: Vec<Time>,
    /// The cluster's write counter when the last snapshot was taken.
    writes_at_snapshot: u64,
    /// The pods as the grid last saw them, to report what an action changed.
    looks: looks::Looks,
    /// A step begun by [`Timeline::step_for`] and not finished yet.
    pending: Option<Advancing>,
}

impl Timeline {
    pub fn new(files: Box<dyn FileSource>) -> Timeline {
        let session = Session::new(files);
        let snapshots = vec![(0, session.cluster.clone())];
        Timeline {
            session,
            actions: Vec::new(),
            position: 0,
            snapshots,
            times: Vec::new(),
            writes_at_snapshot: 0,
            looks: Default::default(),
            pending: None,
        }
    }

    /// A timeline with `actions` recorded (each applied once, in order), at its end.
    pub fn replayed(
        files: Box<dyn FileSource>,
        actions: impl IntoIterator<Item = Action>,
    ) -> Timeline {
        let mut t = Timeline::new(files);
        for a in actions {
            t.push(a);
        }
        t
    }

    pub fn position(&self) -> usize {
        self.position
    }
    pub fn len(&self) -> usize {
        self.actions.len()
    }
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }
    /// The simulated time after each action, for the scrubber's labels and markers.
    pub fn times(&self) -> &[Time] {
        &self.times
    }

    fn apply(&mut self, a: &Action) -> Report {
        self.looks.start(&self.session.cluster);
        let output = match a {
            Action::Command { line, stdin } => self.session.run_command(line, stdin.as_deref()),
            Action::Step => {
                let c = &mut self.session.cluster;
                if let Some(mut step) = Advancing::to_next_timer(c) {
                    c.advance_for(&mut step, &mut || true);
                }
                Output::default()
            }
        };
        self.report(output)
    }

    /// The report of the action just applied (`looks` started before it).
    fn report(&mut self, output: Output) -> Report {
        let mut r = Report {
            at: self.session.cluster.now,
            output,
            ..Default::default()
        };
        self.looks.finish(&self.session.cluster, &mut r);
        r
    }

    fn snapshot_due(&self) -> bool {
        let last = self.snapshots.last().map_or(0, |(i, _)| *i);
        let since = self.position - last;
        let c = &self.session.cluster;
        let objects = (c.store.nodes.len() + c.store.pods.len()) as u64;
        let writes = c.write_counter().saturating_sub(self.writes_at_snapshot);
        since >= SNAPSHOT_AT_MOST || (since >= SNAPSHOT_EVERY && writes >= objects / 4)
    }

    /// Records and applies an action. Anything after the current position (after
    /// stepping back) is discarded first, as an editor discards redo history.
    pub fn push(&mut self, a: Action) -> Report {
        self.finish_step();
        self.actions.truncate(self.position);
        self.times.truncate(self.position);
        self.snapshots.retain(|(i, _)| *i <= self.position);
        let r = self.apply(&a);
        self.record(a);
        r
    }

    fn record(&mut self, a: Action) {
        self.actions.push(a);
        self.times.push(self.session.cluster.now);
        self.position += 1;
        if self.snapshot_due() {
            self.snapshots
                .push((self.position, self.session.cluster.clone()));
            self.writes_at_snapshot = self.session.cluster.write_counter();
        }
    }

    /// Steps to the next event as [`Timeline::step`] does, doing the work while `more`
    /// says so (it is asked after each controller's run and each timer): a large step
    /// can be spread over several calls, and gives the same result. None when nothing
    /// is left to happen or the step is not done yet ([`Timeline::stepping`]): until it
    /// is, the cluster is between two states, and anything else done to the timeline
    /// finishes the step first ([`Timeline::finish_step`]).
    pub fn step_for(&mut self, more: &mut dyn FnMut() -> bool) -> Option<Report> {
        if self.pending.is_none() {
            // After stepping back, the next action is replayed, whatever it is.
            if self.position < self.actions.len() {
                return Some(self.replay_next());
            }
            let step = Advancing::to_next_timer(&self.session.cluster)?;
            self.looks.start(&self.session.cluster);
            self.pending = Some(step);
        }
        let a = self.pending.as_mut()?;
        if !self.session.cluster.advance_for(a, more) {
            return None;
        }
        self.pending = None;
        let r = self.report(Output::default());
        self.record(Action::Step);
        Some(r)
    }

    /// Whether a step begun by [`Timeline::step_for`] is under way.
    pub fn stepping(&self) -> bool {
        self.pending.is_some()
    }

    /// Finishes a step under way, if any; its report.
    pub fn finish_step(&mut self) -> Option<Report> {
        self.pending.as_ref()?;
        self.step()
    }

    pub fn run(&mut self, line: &str, stdin: Option<&str>) -> Report {
        self.push(Action::Command {
            line: line.into(),
            stdin: stdin.map(String::from),
        })
    }

    /// Steps to the next event; None when nothing is left to happen.
    pub fn step(&mut self) -> Option<Report> {
        self.step_for(&mut || true)
    }

    /// Moves to the state after `target` actions (0 = the fresh cluster).
    pub fn seek(&mut self, target: usize) {
        self.finish_step();
        let target = target.min(self.actions.len());
        // The last snapshot at or before `target` (snapshot 0 always exists).
        let nearest = self.snapshots.partition_point(|(i, _)| *i <= target) - 1;
        let (at, snap) = &self.snapshots[nearest];
        if target < self.position || *at > self.position {
            self.session.cluster = snap.clone();
            self.looks.invalidate();
            self.position = *at;
        }
        while self.position < target {
            self.replay_next();
        }
    }

    /// Applies the recorded action at the current position again.
    fn replay_next(&mut self) -> Report {
        let a = self.actions[self.position].clone();
        let r = self.apply(&a);
        self.position += 1;
        r
    }

    pub fn step_back(&mut self) {
        if self.position > 0 {
            self.seek(self.position - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::NoFiles;

    const NODES: &str = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n";
    const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: img:1}]}\n";

    fn pods(t: &Timeline) -> Vec<(Key, String, bool)> {
        t.session
            .cluster
            .store
            .pods
            .iter()
            .map(|(k, p)| (k.clone(), p.status.phase.to_string(), p.is_ready()))
            .collect()
    }

    /// Everything kubectl can print about the cluster, events included.
    fn everything(t: &mut Timeline) -> String {
        let o = t.session.run_command(
            "kubectl get nodes,pods,daemonsets,controllerrevisions,events -A -o yaml",
            None,
        );
        assert!(o.stderr.is_empty(), "{}", o.stderr);
        o.stdout
    }

    #[test]
    fn a_step_done_in_slices_is_the_step_done_at_once() {
        let rollout = |t: &mut Timeline| {
            t.run("kubectl apply -f -", Some(NODES));
            t.run("kubectl apply -f -", Some(DS));
            t.run("sleep 1m", None);
            t.run("kubectl set image ds/d c=img:2", None);
        };
        let mut whole = Timeline::new(Box::new(NoFiles));
        rollout(&mut whole);
        let mut sliced = Timeline::new(Box::new(NoFiles));
        rollout(&mut sliced);
        let (mut steps, mut slices) = (0, 0);
        while let Some(r) = whole.step() {
            // One piece of work per call: the smallest slices there are.
            let s = loop {
                slices += 1;
                match sliced.step_for(&mut || false) {
                    Some(s) => break s,
                    None => assert!(sliced.stepping(), "the sliced timeline ran out first"),
                }
            };
            assert_eq!(s, r, "step {steps}");
            assert_eq!(sliced.position(), whole.position());
            steps += 1;
        }
        assert!(sliced.step_for(&mut || true).is_none() && !sliced.stepping());
        assert!(slices > 3 * steps, "{slices} slices for {steps} steps");
        assert_eq!(everything(&mut sliced), everything(&mut whole));
    }

    #[test]
    fn a_command_during_a_sliced_step_finishes_it_first() {
        let mut t = Timeline::new(Box::new(NoFiles));
        t.run("kubectl apply -f -", Some(NODES));
        t.run("kubectl apply -f -", Some(DS));
        let mut other = Timeline::new(Box::new(NoFiles));
        other.run("kubectl apply -f -", Some(NODES));
        other.run("kubectl apply -f -", Some(DS));
        assert!(t.step_for(&mut || false).is_none() && t.stepping());
        let before = t.position();
        t.run("kubectl label nodes a x=y", None);
        assert!(!t.stepping());
        assert_eq!(t.position(), before + 2, "the step, then the command");
        other.step();
        other.run("kubectl label nodes a x=y", None);
        assert_eq!(everything(&mut t), everything(&mut other));
    }

    #[test]
    fn steps_and_scrubs_back_to_identical_states() {
        let mut t = Timeline::new(Box::new(NoFiles));
        t.run("kubectl apply -f -", Some(NODES));
        let r = t.run("kubectl apply -f -", Some(DS));
        assert_eq!(r.created.len(), 2, "both pods created by the apply");
        let mut states = vec![pods(&t)];
        while let Some(r) = t.step() {
            assert!(!r.is_empty() || r.output.stdout.is_empty());
            states.push(pods(&t));
            if t.position() > 60 {
                break;
            }
        }
        assert!(states
            .last()
            .unwrap()
            .iter()
            .all(|(_, phase, ready)| phase == "Running" && *ready));
        let end = t.position();
        let at_end = everything(&mut t);
        for back in (2..end).rev() {
            t.seek(back);
            assert_eq!(pods(&t), states[back - 2], "state after {back} actions");
        }
        t.seek(end);
        assert_eq!(&pods(&t), states.last().unwrap());
        // The copies the seeks started from share objects and kubelet state with the
        // cluster they were taken from; what happened after them left them as they were.
        assert_eq!(everything(&mut t), at_end);
    }

    #[test]
    fn a_pod_stored_without_a_new_resource_version_is_still_reported() {
        let mut t = Timeline::new(Box::new(NoFiles));
        t.run("kubectl apply -f -", Some(NODES));
        t.run("kubectl apply -f -", Some(DS));
        // Stored behind the API's back: its resourceVersion is an old one, so only the
        // pod count tells that the report must compare every pod.
        let c = &mut t.session.cluster;
        let mut extra = c.store.pods.values().next().expect("a pod").clone();
        extra.metadata.name = "stowaway".into();
        let key = Key::of(&extra.metadata);
        c.store.pods.insert(key.clone(), extra);
        let r = t.run("kubectl get pods", None);
        assert_eq!(r.created, vec![key]);
        assert!(r.deleted.is_empty() && r.changed.is_empty(), "{r:?}");
    }

    #[test]
    fn quiet_actions_are_not_copied_every_time_but_scrubbing_still_lands_exactly() {
        let mut t = Timeline::new(Box::new(NoFiles));
        t.run("kubectl apply -f -", Some(NODES));
        t.run("kubectl apply -f -", Some(DS));
        let mut states = vec![];
        for i in 0..300 {
            // Reads write nothing; a label every 50 actions does.
            if i % 50 == 0 {
                t.run(&format!("kubectl label node a n={i} --overwrite"), None);
            } else {
                t.run("kubectl get nodes", None);
            }
            states.push((
                t.position(),
                t.session.cluster.store.nodes["a"].metadata.labels.clone(),
            ));
        }
        let copies = t.snapshots.len();
        // One per labelled stretch (6) plus the first; not one every 16 actions (18).
        assert!(copies <= 8, "{copies} copies for 300 mostly quiet actions");
        for (pos, labels) in states.iter().rev().step_by(37) {
            t.seek(*pos);
            assert_eq!(&t.session.cluster.store.nodes["a"].metadata.labels, labels);
        }
    }
}
