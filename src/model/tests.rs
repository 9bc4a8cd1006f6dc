use super::*;
use engine::view::PodState;

fn pods_on(m: &Model) -> Vec<(String, usize)> {
    m.board
        .nodes
        .iter()
        .map(|n| (n.node.name.clone(), n.pods.len()))
        .collect()
}

fn play_until_quiet(m: &mut Model) {
    m.update(Msg::TogglePlay);
    for _ in 0..10_000 {
        if !m.clock.playing {
            return;
        }
        m.update(Msg::Tick(250.0));
    }
    panic!("still playing");
}

#[test]
fn starts_with_saved_text_or_the_example_on_the_starter_cluster() {
    assert_eq!(Model::new(None).editor, DEFAULT_MANIFEST);
    assert_eq!(Model::new(Some("x".into())).editor, "x");
    let m = Model::new(None);
    assert_eq!(
        pods_on(&m),
        [
            ("control-plane".into(), 0),
            ("worker-1".into(), 0),
            ("worker-2".into(), 0)
        ]
    );
}

#[test]
fn apply_puts_pods_on_the_board_and_reports() {
    let mut m = Model::new(None);
    let fx = m.update(Msg::Apply);
    assert!(fx.render && fx.save);
    let out = m.apply_output.clone().unwrap();
    assert_eq!(out.stdout, "daemonset.apps/fluentd created\n");
    assert_eq!(m.apply_runs, 1);
    assert!(m.board.nodes.iter().all(|n| n.pods.len() == 1));
    assert_eq!(m.changed.len(), 3, "the three new pods are highlighted");
}

#[test]
fn editing_asks_to_save_and_auto_apply_waits_for_the_last_edit() {
    let mut m = Model::new(Some("a".into()));
    assert_eq!(m.update(Msg::EditorChanged("a".into())), Effects::NONE);
    let fx = m.update(Msg::EditorChanged("ab".into()));
    assert!(fx.save && fx.auto_apply_after.is_none());
    m.update(Msg::ToggleAutoApply);
    let first = m
        .update(Msg::EditorChanged(DEFAULT_MANIFEST.into()))
        .auto_apply_after;
    let second = m
        .update(Msg::EditorChanged(format!("{DEFAULT_MANIFEST}\n")))
        .auto_apply_after;
    assert_eq!(m.update(Msg::AutoApplyDue(first.unwrap())), Effects::NONE);
    assert_eq!(m.apply_runs, 0);
    m.update(Msg::AutoApplyDue(second.unwrap()));
    assert_eq!(m.apply_runs, 1);
}

#[test]
fn reset_can_be_undone_until_the_next_edit() {
    let mut m = Model::new(Some("mine".into()));
    assert_eq!(m.update(Msg::Reset), Effects::SAVE);
    assert_eq!(m.editor, DEFAULT_MANIFEST);
    assert_eq!(m.update(Msg::UndoReset), Effects::SAVE);
    assert_eq!(m.editor, "mine");
    assert_eq!(m.update(Msg::UndoReset), Effects::NONE);
    m.update(Msg::Reset);
    m.update(Msg::EditorChanged("other".into()));
    assert_eq!(m.before_reset, None);
}

#[test]
fn console_runs_the_line_echoes_it_and_records_history() {
    let mut m = Model::new(None);
    m.update(Msg::ConsoleInput("  kubectl get nodes ".into()));
    m.update(Msg::ConsoleRun);
    assert_eq!(m.console_input, "");
    assert_eq!(m.scrollback.len(), 1);
    assert_eq!(m.scrollback[0].command, "kubectl get nodes");
    assert!(m.scrollback[0].output.stdout.starts_with("NAME "));
    assert_eq!(m.history.entries(), ["kubectl get nodes"]);
    m.update(Msg::ConsoleInput("   ".into()));
    m.update(Msg::ConsoleRun);
    assert_eq!(m.scrollback.len(), 1, "a blank line runs nothing");
}

#[test]
fn tab_completes_in_the_console() {
    let mut m = Model::new(None);
    m.update(Msg::ConsoleInput("kubectl cordon wor".into()));
    m.update(Msg::ConsoleComplete);
    assert_eq!(m.console_input, "kubectl cordon worker-");
    assert_eq!(m.completions, ["worker-1", "worker-2"]);
    m.update(Msg::ConsoleInput("kubectl cordon worker-2".into()));
    assert!(m.completions.is_empty());
}

#[test]
fn history_keys_fill_the_input_line() {
    let mut m = Model::new(None);
    for c in ["kubectl get ds", "kubectl get pods"] {
        m.update(Msg::ConsoleInput(c.into()));
        m.update(Msg::ConsoleRun);
    }
    m.update(Msg::ConsoleInput("draft".into()));
    m.update(Msg::HistoryPrev);
    assert_eq!(m.console_input, "kubectl get pods");
    m.update(Msg::HistoryPrev);
    assert_eq!(m.console_input, "kubectl get ds");
    assert_eq!(m.update(Msg::HistoryPrev), Effects::NONE);
    m.update(Msg::HistoryNext);
    m.update(Msg::HistoryNext);
    assert_eq!(m.console_input, "draft");
}

#[test]
fn scrollback_is_bounded_and_clearable() {
    let mut m = Model::new(None);
    for i in 0..SCROLLBACK_LIMIT + 3 {
        m.update(Msg::ConsoleInput(format!("echo {i}")));
        m.update(Msg::ConsoleRun);
    }
    assert_eq!(m.scrollback.len(), SCROLLBACK_LIMIT);
    assert_eq!(m.scrollback[0].command, "echo 3");
    m.update(Msg::ConsoleClear);
    assert!(m.scrollback.is_empty());
}

#[test]
fn a_board_action_runs_its_command_and_shows_it_in_the_console() {
    let mut m = Model::new(None);
    m.update(Msg::Apply);
    m.update(Msg::Run(commands::taint(
        "worker-1",
        &commands::TaintSpec::new("evict", "now", "NoExecute"),
    )));
    assert_eq!(
        m.scrollback.last().unwrap().command,
        "kubectl taint node worker-1 evict=now:NoExecute --overwrite"
    );
    assert_eq!(
        m.scrollback.last().unwrap().output.stdout,
        "node/worker-1 tainted\n"
    );
    let w1 = &m.board.nodes[1];
    assert_eq!(
        w1.pods[0].state,
        PodState::Terminating,
        "evicted by the NoExecute taint"
    );
    m.update(Msg::Run(commands::add_pool("pool", 2, &[], &[], &|_| {
        false
    })));
    assert!(m
        .scrollback
        .last()
        .unwrap()
        .command
        .ends_with("<<EOF  # 5 lines"));
    assert_eq!(m.board.nodes.len(), 5);
}

#[test]
fn steps_forward_and_back_through_a_rollout() {
    let mut m = Model::new(None);
    m.update(Msg::Apply);
    let start = m.timeline.position();
    assert_eq!(m.board.nodes[1].pods[0].state, PodState::ContainerCreating);
    m.update(Msg::Step);
    assert_eq!(m.timeline.position(), start + 1);
    assert_eq!(m.board.nodes[1].pods[0].state, PodState::Available);
    assert_eq!(
        m.elapsed_ms(),
        2_000,
        "the default start time of a container"
    );
    m.update(Msg::StepBack);
    assert_eq!(m.timeline.position(), start);
    assert_eq!(m.board.nodes[1].pods[0].state, PodState::ContainerCreating);
    assert_eq!(m.elapsed_ms(), 0);
    m.update(Msg::Seek(start + 1));
    assert_eq!(m.board.nodes[1].pods[0].state, PodState::Available);
}

#[test]
fn play_moves_the_clock_until_nothing_is_left_to_happen() {
    let mut m = Model::new(None);
    m.update(Msg::Apply);
    m.update(Msg::SetSpeed(16.0));
    play_until_quiet(&mut m);
    assert!(m.next_event_in().is_none());
    assert!(m
        .board
        .nodes
        .iter()
        .all(|n| n.pods[0].state == PodState::Available));
    assert_eq!(
        m.board.daemonsets[0].rollout,
        "daemon set \"fluentd\" successfully rolled out"
    );
    // Nothing left: play does not start.
    m.update(Msg::TogglePlay);
    assert!(!m.clock.playing);
}

#[test]
fn every_gallery_example_loads_without_errors() {
    for e in gallery::EXAMPLES {
        let mut m = Model::new(None);
        m.update(Msg::LoadExample(e.id.into()));
        let out = m.apply_output.clone().unwrap();
        assert!(!out.failed, "{}: {}", e.id, out.stderr);
        for entry in m.scrollback.iter() {
            assert!(
                !entry.output.failed,
                "{}: {}: {}",
                e.id, entry.command, entry.output.stderr
            );
        }
        assert_eq!(m.editor, e.manifest);
        assert!(m.board.nodes.iter().any(|n| !n.pods.is_empty()), "{}", e.id);
    }
}

#[test]
fn gallery_examples_place_pods_as_their_stories_say() {
    let placed = |id: &str| {
        let mut m = Model::new(None);
        m.update(Msg::LoadExample(id.into()));
        m.update(Msg::SetSpeed(16.0));
        play_until_quiet(&mut m);
        m.board
            .nodes
            .iter()
            .filter(|n| !n.pods.is_empty())
            .map(|n| n.node.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(placed("ssd-monitor"), ["worker-1"]);
    assert_eq!(placed("gpu-pool"), ["gpu-1", "gpu-2"]);
    assert_eq!(
        placed("node-exporter"),
        ["control-plane", "infra-1", "worker-1", "worker-2"]
    );

    let mut m = Model::new(None);
    m.update(Msg::LoadExample("stuck-image".into()));
    m.update(Msg::SetSpeed(16.0));
    for _ in 0..400 {
        m.update(Msg::TogglePlay);
        m.update(Msg::Tick(250.0));
        m.update(Msg::TogglePlay);
    }
    let states: Vec<PodState> = m
        .board
        .nodes
        .iter()
        .flat_map(|n| n.pods.iter().map(|p| p.state))
        .collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == PodState::ImagePullBackOff)
            .count(),
        1,
        "{states:?}"
    );
    assert!(m.board.daemonsets[0]
        .rollout
        .contains("1 out of 5 new pods have been updated"));
}

#[test]
fn a_save_restores_the_same_board_and_a_bad_one_starts_afresh() {
    let mut m = Model::new(None);
    m.update(Msg::Apply);
    m.update(Msg::Step);
    m.update(Msg::Run(commands::cordon("worker-2", true)));
    m.update(Msg::SetSpeed(4.0));
    let text = saved::encode(&m.saved());
    let r = Model::restore(&text);
    assert_eq!(r.board, m.board);
    assert_eq!(r.timeline.position(), m.timeline.position());
    assert_eq!(r.clock.speed, 4.0);
    assert_eq!(r.editor, m.editor);
    assert!(r.notice.is_none());

    let bad = Model::restore("{not json");
    assert!(bad
        .notice
        .unwrap()
        .starts_with("Started afresh: the saved state is damaged"));
    assert_eq!(bad.board.nodes.len(), 3);
}

#[test]
fn rollback_from_the_revisions_panel_is_rollout_undo() {
    let mut m = Model::new(None);
    m.update(Msg::LoadExample("rolling-update".into()));
    let ds = m.board.daemonsets[0].key.clone();
    assert_eq!(m.board.daemonsets[0].current_revision, Some(2));
    m.update(Msg::Run(commands::rollback(&ds, 1)));
    assert_eq!(
        m.scrollback.last().unwrap().output.stdout,
        "daemonset.apps/agent rolled back\n"
    );
    assert_eq!(m.board.daemonsets[0].current_revision, Some(3));
}

#[test]
fn node_board_actions_pick_free_names() {
    let mut m = Model::new(None);
    m.update(Msg::AddNode);
    m.update(Msg::AddNode);
    m.update(Msg::AddControlPlane);
    m.update(Msg::Run(commands::label("worker-3", "disk", "ssd")));
    m.update(Msg::Duplicate("worker-3".into()));
    let names: Vec<&str> = m.board.nodes.iter().map(|n| n.node.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "control-plane",
            "control-plane-1",
            "worker-1",
            "worker-2",
            "worker-3",
            "worker-4",
            "worker-5"
        ]
    );
    let w5 = m.board.card("worker-5").unwrap();
    assert!(w5.node.labels.contains(&("disk".into(), "ssd".into())));
    assert_eq!(
        m.board.nodes[1].node.taints,
        ["node-role.kubernetes.io/control-plane:NoSchedule"]
    );
}

#[test]
fn pools_are_checked_before_they_run() {
    let mut m = Model::new(None);
    m.update(Msg::AddPool {
        prefix: "gpu".into(),
        count: 3,
        labels: "accel=nvidia".into(),
        taint: "nvidia.com/gpu=true:NoSchedule".into(),
    });
    assert_eq!(m.board.nodes.len(), 6);
    let g = m.board.card("gpu-2").unwrap();
    assert_eq!(g.node.taints, ["nvidia.com/gpu=true:NoSchedule"]);
    m.update(Msg::AddPool {
        prefix: "x".into(),
        count: 2,
        labels: String::new(),
        taint: "oops".into(),
    });
    assert!(m
        .notice
        .as_deref()
        .unwrap()
        .contains("not key=value:Effect"));
    m.update(Msg::AddPool {
        prefix: "x".into(),
        count: commands::MAX_POOL + 1,
        labels: String::new(),
        taint: String::new(),
    });
    assert_eq!(m.board.nodes.len(), 6);
}

#[test]
fn nodes_pasted_from_a_real_cluster_are_imported() {
    let mut m = Model::new(None);
    let yaml = "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: ip-10-0-1-5.ec2.internal\n    labels:\n      topology.kubernetes.io/zone: us-east-1a\n  spec:\n    providerID: aws:///us-east-1a/i-0abc\n  status:\n    conditions:\n    - type: Ready\n      status: \"True\"\n      reason: KubeletReady\n      message: kubelet is posting ready status\n      lastHeartbeatTime: \"2024-05-01T10:00:00Z\"\n      lastTransitionTime: \"2024-05-01T09:00:00Z\"\nkind: List\nmetadata:\n  resourceVersion: \"\"\n";
    m.update(Msg::ImportNodes(yaml.into()));
    let out = &m.scrollback.last().unwrap().output;
    assert!(!out.failed, "{}", out.stderr);
    assert!(m
        .board
        .nodes
        .iter()
        .any(|n| n.node.name == "ip-10-0-1-5.ec2.internal"));
}

#[test]
fn a_share_link_opens_the_same_board_and_editor() {
    let mut m = Model::new(None);
    m.update(Msg::LoadExample("rolling-update".into()));
    for _ in 0..5 {
        m.update(Msg::Step);
    }
    m.update(Msg::EditorChanged("# edited\n".into()));
    let fragment = m.share_fragment().unwrap();
    assert!(fragment.starts_with("v1."));
    let opened = Model::from_link(&fragment);
    assert_eq!(opened.board, m.board);
    assert_eq!(opened.timeline.position(), m.timeline.position());
    assert_eq!(opened.editor, "# edited\n");
    assert_eq!(opened.notice.as_deref(), Some("Opened a shared scenario."));
}

#[test]
fn hostile_links_open_the_starter_cluster_with_a_message() {
    let not_a_scenario = engine::share::testing::fragment_of_json(b"[1, 2]");
    let cut = &Model::new(None).share_fragment().unwrap()[..20];
    for (link, says) in [
        ("v1.!!!!", "damaged"),
        ("v9.abc", "version 9"),
        ("hello", "not"),
        (not_a_scenario.as_str(), "scenario"),
        (cut, "damaged"),
    ] {
        let m = Model::from_link(link);
        let notice = m.notice.clone().unwrap();
        assert!(
            notice.starts_with("This link cannot be opened: "),
            "{notice}"
        );
        assert!(notice.to_lowercase().contains(says), "{link}: {notice}");
        assert_eq!(m.board.nodes.len(), 3);
    }
}

#[test]
fn a_link_that_replays_too_long_is_stopped_and_says_so() {
    let mut m = Model::new(None);
    for _ in 0..10 {
        m.update(Msg::ConsoleInput("kubectl get nodes".into()));
        m.update(Msg::ConsoleRun);
    }
    let fragment = m.share_fragment().unwrap();
    let mut budget = 4;
    let opened = Model::from_link_with(&fragment, || {
        budget -= 1;
        budget >= 0
    });
    assert_eq!(opened.timeline.len(), 5);
    assert!(opened
        .notice
        .unwrap()
        .contains("stopped after 5 of its 11 actions"));
}

#[test]
fn a_tick_in_two_parts_redraws_the_board_in_the_second() {
    let mut m = Model::new(None);
    m.update(Msg::Apply);
    m.update(Msg::TogglePlay);
    let before = m.board.clone();
    let mut fx = Effects::NONE;
    for _ in 0..100 {
        fx = m.update(Msg::TickSteps(250.0));
        if fx.refresh_soon {
            break;
        }
    }
    assert!(fx.refresh_soon && !fx.render, "{fx:?}");
    assert!(Rc::ptr_eq(&before, &m.board), "the board waits for Refresh");
    assert_eq!(
        m.update(Msg::Refresh),
        Effects {
            render_next_frame: true,
            ..Effects::NONE
        }
    );
    assert!(!Rc::ptr_eq(&before, &m.board));
    assert_eq!(*m.board, engine::view::board(&m.timeline.session.cluster));
    assert_eq!(
        m.update(Msg::Refresh),
        Effects::NONE,
        "nothing left to draw"
    );

    // Any other message first brings the board up to date.
    let mut stale = true;
    for _ in 0..100 {
        let before = m.board.clone();
        if m.update(Msg::TickSteps(250.0)).refresh_soon {
            stale = Rc::ptr_eq(&before, &m.board);
            m.update(Msg::TogglePlay);
            break;
        }
    }
    assert!(stale);
    assert_eq!(*m.board, engine::view::board(&m.timeline.session.cluster));
}

#[test]
fn play_in_slices_of_work_ends_where_play_at_once_does() {
    let play = |m: &mut Model| {
        m.update(Msg::Apply);
        play_until_quiet(m);
        m.update(Msg::ConsoleInput(
            "kubectl set image ds/fluentd -n kube-system fluentd=fluent/fluentd:v2".into(),
        ));
        m.update(Msg::ConsoleRun);
        play_until_quiet(m);
    };
    let mut whole = Model::new(None);
    play(&mut whole);
    // A stopwatch on which every look finds LOOK ms gone: at 20 ms each tick does one
    // piece of work, at 1 ms about twelve, so that a tick also finishes one step and
    // leaves the next one under way.
    thread_local! {
        static T: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
        static LOOK: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }
    fn slow() -> f64 {
        T.with(|t| {
            t.set(t.get() + LOOK.with(|l| l.get()));
            t.get()
        })
    }
    clock::set_stopwatch(slow);
    for look in [20.0, 1.0] {
        LOOK.with(|l| l.set(look));
        let mut sliced = Model::new(None);
        sliced.update(Msg::SetSpeed(16.0));
        sliced.update(Msg::Apply);
        play_until_quiet(&mut sliced);
        sliced.update(Msg::ConsoleInput(
            "kubectl set image ds/fluentd -n kube-system fluentd=fluent/fluentd:v2".into(),
        ));
        sliced.update(Msg::ConsoleRun);
        sliced.update(Msg::TogglePlay);
        let (mut unfinished, mut ahead, mut both) = (0, 0, 0);
        while sliced.clock.playing {
            let done = sliced.timeline.position();
            sliced.update(Msg::Tick(250.0));
            if sliced.timeline.stepping() {
                unfinished += 1;
                both += (sliced.timeline.position() > done) as usize;
                assert!(unfinished < 100_000, "play never ends");
                // The cluster's clock may have moved on; the shown one waits for the board.
                ahead += (sliced.elapsed_ms() > sliced.board.now_ms - EPOCH_MS) as usize;
                assert_eq!(sliced.shown_elapsed_ms(), sliced.board.now_ms - EPOCH_MS);
                // The board is of the cluster after a step, not between two (it waits for
                // the one under way).
                let t = &sliced.timeline;
                let steps = &t.times()[..t.position()];
                assert!(steps.iter().any(|s| s.0 == sliced.board.now_ms), "{look}");
            }
        }
        assert!(
            unfinished > 1,
            "{look}: steps spread over ticks: {unfinished}"
        );
        assert!(
            ahead > 0,
            "{look}: no step moved the cluster's clock before it was done"
        );
        assert!(
            look == 20.0 || both > 0,
            "no tick finished a step and left the next under way"
        );
        assert_eq!(sliced.timeline.times(), whole.timeline.times());
        assert_eq!(*sliced.board, *whole.board);
        assert_eq!(
            *sliced.board,
            engine::view::board(&sliced.timeline.session.cluster)
        );
    }
}

/// The Share panel asks for its link once; the link packed for it (by the browser, in
/// the app) shows in the panel, and one that comes after the panel closed is dropped.
#[test]
fn the_share_panel_asks_for_its_link_once_and_shows_it() {
    use super::links::{LinkFor, LinkState};
    let mut m = Model::new(None);
    m.update(Msg::Share(true));
    assert_eq!(m.share, Some(LinkState::Wanted));
    let asked = m.take_link_requests();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].what, LinkFor::Share);
    assert_eq!(Ok(asked[0].data.clone()), m.share_link_data());
    assert_eq!(m.share, Some(LinkState::Packing));
    assert!(m.take_link_requests().is_empty());

    let text = asked[0].data.text.clone();
    let link = asked[0].data.pack().unwrap();
    m.update(Msg::Packed(LinkFor::Share, text.clone(), Ok(link.clone())));
    assert_eq!(m.share, Some(LinkState::Made(Ok(link.clone()))));
    assert_eq!(Model::from_link(&link).board, m.board);

    m.update(Msg::Share(false));
    m.update(Msg::Packed(LinkFor::Share, text, Ok(link)));
    assert_eq!(m.share, None);
}

/// A lesson's link is asked for once per lesson, and a link packed for another lesson's
/// text is not taken for this one.
#[test]
fn a_lesson_asks_for_its_link_once() {
    use super::lesson::LessonMsg;
    use super::links::LinkFor;
    let mut m = Model::new(None);
    let (id, _) = engine::lesson::BUILTIN[0];
    m.update(Msg::Lesson(LessonMsg::StartBuiltin(id.into())));
    let asked = m.take_link_requests();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].what, LinkFor::Lesson);
    assert!(m.take_link_requests().is_empty());
    let l = m.lesson.as_ref().unwrap();
    assert_eq!(asked[0].data.text, *l.text);
    assert_eq!(l.link, None);

    m.update(Msg::Packed(
        LinkFor::Lesson,
        "# another\n".into(),
        Ok("x".into()),
    ));
    assert_eq!(m.lesson.as_ref().unwrap().link, None);
    let link = asked[0].data.pack().unwrap();
    m.update(Msg::Packed(
        LinkFor::Lesson,
        asked[0].data.text.clone(),
        Ok(link.clone()),
    ));
    assert_eq!(
        m.lesson.as_ref().unwrap().link.as_deref(),
        Some(link.as_str())
    );
    assert!(link.starts_with(engine::share::LESSON_PREFIX));
}

#[test]
fn an_action_that_changes_more_pods_than_can_be_followed_highlights_none() {
    let keys = |n: usize| {
        (0..n)
            .map(|i| Key::new("default", &format!("p{i}")))
            .collect()
    };
    let report = |created: Vec<Key>, changed: Vec<Key>| Report {
        created,
        changed,
        ..Default::default()
    };
    // A pod both created and changed counts once.
    let at_most = report(keys(FLASH_AT_MOST), keys(FLASH_AT_MOST));
    assert_eq!(highlighted(&at_most).len(), FLASH_AT_MOST);
    let more = report(keys(FLASH_AT_MOST), keys(FLASH_AT_MOST + 1));
    assert!(highlighted(&more).is_empty());
}
