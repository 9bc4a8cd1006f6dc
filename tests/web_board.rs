//! Browser tests of the board, the time controls and the inspector, in headless
//! Chromium: each test mounts the app in a fresh `<div>` with no saved state.

use playground::components::board::{DENSE_FROM, TINY_FROM};
use playground::model::FLASH_AT_MOST;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

#[wasm_bindgen_test]
async fn nodes_and_pods_have_names_that_say_what_they_are() {
    let app = Mounted::fresh().await;
    assert_eq!(
        app.labels("button.node-head"),
        [
            "Node control-plane: Ready, no daemon pods",
            "Node worker-1: Ready, no daemon pods",
            "Node worker-2: Ready, no daemon pods"
        ]
    );
    app.click("Apply").await;
    let pods = app.labels(".node .pod");
    assert_eq!(pods.len(), 3);
    assert!(
        pods[1].starts_with("Pod fluentd-")
            && pods[1].ends_with(" on worker-1: ContainerCreating, not ready, revision 1"),
        "{pods:?}"
    );
    assert_eq!(app.all(".node .pod.state-creating.updated").len(), 3);
    assert_eq!(
        app.all(".node .pod.flash").len(),
        3,
        "new pods are highlighted"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn an_action_that_changes_many_pods_highlights_none() {
    let app = Mounted::fresh().await;
    for _ in 3..=FLASH_AT_MOST {
        app.click("Add node").await;
    }
    app.click("Apply").await;
    assert_eq!(app.all(".node .pod").len(), FLASH_AT_MOST + 1);
    assert_eq!(app.all(".node .pod.flash").len(), 0);
    app.unmount();
}

#[wasm_bindgen_test]
async fn time_controls_step_forward_and_back_and_show_the_clock() {
    let app = Mounted::fresh().await;
    app.click("Apply").await;
    assert_eq!(app.text(".clock-time"), "00:00:00.0");
    assert_eq!(app.text(".clock-next"), "next event in 2.0 s");
    app.click("Step forward").await;
    assert_eq!(app.text(".clock-time"), "00:00:02.0");
    assert_eq!(app.all(".node .pod.state-available").len(), 3);
    assert!(app
        .text(".rollout-lines")
        .contains("daemon set \"fluentd\" successfully rolled out"));
    let row = app.text(".ds-status tbody tr");
    assert_eq!(row, "fluentd33333<none>2s");

    key_on_body("ArrowLeft").await;
    assert_eq!(app.text(".clock-time"), "00:00:00.0");
    assert_eq!(app.all(".node .pod.state-creating").len(), 3);
    key_on_body("ArrowRight").await;
    assert_eq!(app.text(".clock-time"), "00:00:02.0");
    app.unmount();
}

#[wasm_bindgen_test]
async fn the_inspector_explains_a_node_and_links_to_the_manifest_line() {
    let app = Mounted::fresh().await;
    app.click("Apply").await;
    app.click_starting("Node control-plane:").await;
    assert_eq!(app.text(".inspect h3"), "Node control-planeReady");
    let reason = app.text(".placements li");
    assert!(
        reason.contains("kube-system/fluentd: eligible (taint node-role.kubernetes.io/control-plane:NoSchedule tolerated by tolerations[0])"),
        "{reason}"
    );
    // Cordon from the inspector: the card says so, and the console shows the command.
    app.click("Cordon").await;
    assert!(app
        .labels("button.node-head")
        .contains(&"Node control-plane: Ready,SchedulingDisabled, 1 daemon pod".to_string()));
    assert!(app
        .text(".scrollback")
        .contains("$ kubectl cordon control-plane"));
    app.unmount();
}

#[wasm_bindgen_test]
async fn the_board_gets_denser_as_nodes_are_added() {
    let app = Mounted::fresh().await;
    assert_eq!(app.all("ul.nodes.cards").len(), 1);
    for _ in 3..DENSE_FROM {
        app.click("Add node").await;
    }
    assert_eq!(app.all("ul.nodes.tiles").len(), 1);
    assert_eq!(app.all("li.node").len(), DENSE_FROM);
    const { assert!(TINY_FROM > DENSE_FROM) };
    // Tiles keep an accessible name per node.
    assert_eq!(app.labels("button.node-tile").len(), DENSE_FROM);
    app.unmount();
}

#[wasm_bindgen_test]
async fn loading_an_example_fills_the_editor_and_the_board() {
    let app = Mounted::fresh().await;
    let select: web_sys::HtmlSelectElement = app
        .root
        .query_selector("select[aria-label='Load an example']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("ssd-monitor");
    let e = web_sys::Event::new_with_event_init_dict("change", &{
        let i = web_sys::EventInit::new();
        i.set_bubbles(true);
        i
    })
    .unwrap();
    select.dispatch_event(&e).unwrap();
    settle().await;
    assert!(app
        .text(".example-note")
        .contains("ssd-monitor with nodeSelector"));
    let with_pods: Vec<String> = app
        .all("li.node")
        .iter()
        .filter(|n| n.query_selector(".pod").unwrap().is_some())
        .map(|n| {
            n.query_selector(".node-name")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(with_pods, ["worker-1"]);
    app.unmount();
}
