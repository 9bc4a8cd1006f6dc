//! The node board: one card per node with its daemon pods coloured by state and marked
//! by revision. Past [`DENSE_FROM`] nodes the cards shrink to tiles, past [`TINY_FROM`]
//! to single cells, so that thousands of nodes stay readable and quick to redraw.

use std::collections::HashSet;
use std::rc::Rc;

use engine::cluster::Key;
use engine::view::{Board as BoardView, NodeCard, PodCell, PodState};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::model::Selection;

pub const DENSE_FROM: usize = 40;
pub const TINY_FROM: usize = 400;

/// Shared data compared by identity: a new board is a new `Rc`.
#[derive(Clone)]
pub struct Shared<T>(pub Rc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct BoardProps {
    pub board: Shared<BoardView>,
    pub changed: Shared<HashSet<Key>>,
    pub selection: Selection,
    pub on_select: Callback<Selection>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Density {
    Cards,
    Tiles,
    Cells,
}

#[function_component]
pub fn Board(props: &BoardProps) -> Html {
    let board = &props.board.0;
    let density = match board.nodes.len() {
        n if n >= TINY_FROM => Density::Cells,
        n if n >= DENSE_FROM => Density::Tiles,
        _ => Density::Cards,
    };
    let wrap = use_node_ref();
    // The board whose titles the cells were last given, and in which element: the next
    // board's titles go only to the cells whose card changed.
    let named = use_mut_ref(|| None::<(web_sys::HtmlElement, Shared<BoardView>)>);
    {
        let wrap = wrap.clone();
        use_effect_with(props.board.clone(), move |board| {
            let mut named = named.borrow_mut();
            let Some(el) = wrap.cast::<web_sys::HtmlElement>() else {
                *named = None;
                return;
            };
            let before = named.as_ref().filter(|(e, _)| *e == el).map(|(_, b)| &*b.0);
            let (changed, titles) = cell_titles(before, &board.0);
            draw_cells(
                &el,
                &cell_codes(&board.0),
                STATE_NAMES,
                changed.as_deref(),
                &titles,
            );
            *named = Some((el, board.clone()));
        });
    }
    let list = if density == Density::Cells {
        let selection = match &props.selection {
            Selection::Node(_) => props.selection.clone(),
            _ => Selection::None,
        };
        html! { <CellList board={props.board.clone()} {selection} on_select={props.on_select.clone()} /> }
    } else {
        let changed = Some(&*props.changed.0);
        node_list(board, density, changed, &props.selection, &props.on_select)
    };
    html! {
        <>
            if board.nodes.is_empty() {
                <p class="placeholder">{ "No nodes. Add one above, or load an example." }</p>
            }
            if density == Density::Cells {
                <div class="cells-wrap" ref={wrap}>
                    { list }
                    <canvas aria-hidden="true"></canvas>
                </div>
            } else {
                { list }
            }
            if !board.unplaced.is_empty() {
                <div class="unplaced">
                    <h3>{ "Not on a node" }</h3>
                    <div class="pods">
                        { for board.unplaced.iter().map(|p| pod_chip(p, false, false, &props.on_select, false)) }
                    </div>
                </div>
            }
        </>
    }
}

/// The list of cards, tiles or cells (in a [`CellList`]). Cells draw no flash.
fn node_list(
    board: &BoardView,
    density: Density,
    changed: Option<&HashSet<Key>>,
    selection: &Selection,
    on_select: &Callback<Selection>,
) -> Html {
    html! {
        <ul class={list_class(density)} aria-label={format!("{} nodes", board.nodes.len())}>
            { for board.nodes.iter().map(|card| {
                let flash: Vec<bool> = changed.map_or_else(Vec::new, |changed| {
                    card.pods.iter().map(|p| changed.contains(&p.key)).collect()
                });
                let selected_pod = match selection {
                    Selection::Pod(k) if card.pods.iter().any(|p| &p.key == k) => Some(k.clone()),
                    _ => None,
                };
                html! {
                    <NodeView
                        key={card.node.name.clone()}
                        card={card.clone()}
                        {density}
                        {flash}
                        selected={matches!(selection, Selection::Node(n) if *n == card.node.name)}
                        {selected_pod}
                        on_select={on_select.clone()}
                    />
                }
            }) }
        </ul>
    }
}

fn list_class(density: Density) -> &'static str {
    match density {
        Density::Cards => "nodes cards",
        Density::Tiles => "nodes tiles",
        Density::Cells => "nodes cells",
    }
}

#[derive(Properties)]
struct CellListProps {
    board: Shared<BoardView>,
    /// The selected node, if any (a selected pod is not shown on a cell).
    selection: Selection,
    on_select: Callback<Selection>,
}

/// Equal when every cell would show the same: a new board whose pods alone changed
/// renders no cell again (`draw_cells` paints and names the pods), not even the list.
impl PartialEq for CellListProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.board.0.nodes, &o.board.0.nodes);
        self.selection == o.selection
            && self.on_select == o.on_select
            && a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| Rc::ptr_eq(&x.node, &y.node) || cell_shows(x) == cell_shows(y))
    }
}

/// What a cell shows of its node (its pods aside).
fn cell_shows(c: &NodeCard) -> (&str, bool, bool, bool) {
    let n = &c.node;
    (&n.name, n.ready, n.unschedulable, n.kubelet_stopped)
}

#[function_component]
fn CellList(props: &CellListProps) -> Html {
    node_list(
        &props.board.0,
        Density::Cells,
        None,
        &props.selection,
        &props.on_select,
    )
}

// With thousands of nodes a rollout step recolours hundreds of cells at once; as styled
// elements that costs the browser more style, layout and paint work than a frame has. So
// the cells stay in the DOM (buttons with accessible names, focus and clicks) and only the
// pods' colours are painted, on one canvas over them, from the same CSS custom properties
// (`--pod-<state>`). The canvas is repainted after each new board and on resizing.
#[wasm_bindgen(module = "/src/components/cells.js")]
extern "C" {
    /// Names the cells in `wrap` (`<ul>`, `<canvas>`) by `titles` (see [`cell_titles`]):
    /// the cells at positions `changed`, or all of them; and paints `codes` (see
    /// [`cell_codes`]) on the canvas, over the list's cells, which must form a grid of
    /// equal tracks.
    fn draw_cells(
        wrap: &web_sys::HtmlElement,
        codes: &[u8],
        names: &str,
        changed: Option<&[u32]>,
        titles: &str,
    );
}

/// The titles of the nodes (each its accessible name, then a line per pod) separated by
/// NUL: of every node in the list's order, or, given the board the cells were last named
/// by and when its list of nodes is the same, of the nodes whose card changed, with
/// their positions. Set from one string, the names cost no re-render of the cells and no
/// conversion of a thousand strings from WebAssembly; a rollout step names only the
/// cells whose pods changed.
fn cell_titles(before: Option<&BoardView>, board: &BoardView) -> (Option<Vec<u32>>, String) {
    let same_nodes = before.filter(|b| {
        b.nodes.len() == board.nodes.len()
            && b.nodes
                .iter()
                .zip(&board.nodes)
                .all(|(x, y)| x.node.name == y.node.name)
    });
    let mut changed = same_nodes.map(|_| Vec::new());
    let mut out = String::new();
    for (i, card) in board.nodes.iter().enumerate() {
        if let (Some(b), Some(changed)) = (same_nodes, changed.as_mut()) {
            if Rc::ptr_eq(&b.nodes[i], card) {
                continue;
            }
            changed.push(i as u32);
        }
        if !out.is_empty() {
            out.push('\0');
        }
        push_title(&mut out, card);
    }
    (changed, out)
}

/// Two bytes per node, its first two daemon pods (an old revision's first, so that a
/// surge reads left to right): the pod's state (its place in [`PodState::ALL`], which is
/// declaration order), plus 0x80 for an old revision; 255 when there is no such pod.
fn cell_codes(board: &BoardView) -> Vec<u8> {
    let code = |p: Option<&PodCell>| p.map_or(255, |p| p.state as u8 | (!p.updated as u8) << 7);
    let mut codes = Vec::with_capacity(board.nodes.len() * 2);
    for card in &board.nodes {
        let (a, b) = (code(card.pods.first()), code(card.pods.get(1)));
        // Old (0x80..0xff) before updated (below 0x80); 255, no pod, stays last.
        let old_second = b != 255 && b >= 0x80 && a < 0x80;
        codes.extend(if old_second { [b, a] } else { [a, b] });
    }
    codes
}

/// `--pod-<name>` for each state, in [`PodState::ALL`]'s order (a test checks it).
const STATE_NAMES: &str =
    "pending creating running ready available terminating crashloop imagepull failed succeeded";

#[derive(Properties)]
struct NodeProps {
    /// Its own card, not the board: a cell that is not rendered again keeps only its
    /// card of then, not a whole board.
    card: Rc<NodeCard>,
    density: Density,
    /// Which of its pods are highlighted, by position (none past the end: empty for none).
    flash: Vec<bool>,
    selected: bool,
    selected_pod: Option<Key>,
    on_select: Callback<Selection>,
}

/// Equal when this node's card is unchanged: a new board re-renders only changed nodes.
impl PartialEq for NodeProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.card, &o.card);
        let same_card = if self.density == Density::Cells {
            // A cell shows only its node's name and state: its title and pods are set by
            // `draw_cells`, so a change of pods does not render it again.
            Rc::ptr_eq(&a.node, &b.node) || cell_shows(a) == cell_shows(b)
        } else {
            Rc::ptr_eq(a, b) || a == b
        };
        same_card
            && (self.density, self.selected) == (o.density, o.selected)
            && self.flash == o.flash
            && self.selected_pod == o.selected_pod
            && self.on_select == o.on_select
    }
}

#[function_component]
fn NodeView(props: &NodeProps) -> Html {
    let card = &props.card;
    let select = {
        let (cb, name) = (props.on_select.clone(), card.node.name.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Selection::Node(name.clone())))
    };
    let class = classes!(
        "node",
        props.selected.then_some("selected"),
        (!card.node.ready).then_some("not-ready"),
        card.node.unschedulable.then_some("cordoned"),
        card.node.kubelet_stopped.then_some("stopped"),
    );
    if props.density != Density::Cards {
        // One button per node: its name says everything. Tiles draw their pods inside.
        // A cell is the button alone: its pods' colours are on the canvas, and its name,
        // title and description (a line per pod) are set by `draw_cells` for all cells
        // at once. So a pod that comes, goes or changes creates no element, changes no
        // style and renders no cell again.
        let tiles = props.density == Density::Tiles;
        return html! {
            <li {class}>
                <button type="button" class="node-tile" aria-label={tiles.then(|| card.label.clone())}
                    title={tiles.then(|| tile_title(card))} aria-pressed={props.selected.to_string()} onclick={select}>
                    if tiles {
                        <span class="node-name">{ card.node.name.clone() }</span>
                        <span class="pods">
                            { for card.pods.iter().enumerate().map(|(i, p)| html! {
                                <span role="img" aria-label={p.label.clone()}
                                    class={pod_class(p, props.flash.get(i) == Some(&true), false)}></span>
                            }) }
                        </span>
                    }
                </button>
            </li>
        };
    }
    html! {
        <li {class}>
            <button type="button" class="node-head" aria-label={card.label.clone()}
                aria-pressed={props.selected.to_string()} onclick={select}>
                <span class="node-name">{ card.node.name.clone() }</span>
                <span class="node-status">{ card.node.status.clone() }</span>
                if card.node.kubelet_stopped { <span class="badge warn">{ "kubelet stopped" }</span> }
                { for card.node.roles.iter().map(|r| html! { <span class="badge">{ r.clone() }</span> }) }
            </button>
            <div class="pods">
                if card.pods.is_empty() { <span class="no-pods">{ "no daemon pod" }</span> }
                { for card.pods.iter().enumerate().map(|(i, p)| {
                    let sel = props.selected_pod.as_ref() == Some(&p.key);
                    pod_chip(p, props.flash.get(i) == Some(&true), sel, &props.on_select, true)
                }) }
            </div>
            if !card.node.taints.is_empty() {
                <ul class="taints" aria-label="Taints">
                    { for card.node.taints.iter().map(|t| html! { <li>{ t.clone() }</li> }) }
                </ul>
            }
            <ul class="labels" aria-label="Labels">
                { for card.node.labels.iter().filter(|(k, _)| !is_well_known(k))
                    .map(|(k, v)| html! { <li>{ if v.is_empty() { k.clone() } else { format!("{k}={v}") } }</li> }) }
            </ul>
        </li>
    }
}

/// Labels every kubelet sets (arch, os, hostname) or that the roles badge already shows.
fn is_well_known(key: &str) -> bool {
    key.starts_with("kubernetes.io/")
        || key.starts_with("beta.kubernetes.io/")
        || key.starts_with("node-role.kubernetes.io/")
}

fn tile_title(card: &NodeCard) -> String {
    let mut t = String::new();
    push_title(&mut t, card);
    t
}

/// A tile's or cell's title: its accessible name, then a line per pod.
fn push_title(out: &mut String, card: &NodeCard) {
    out.push_str(&card.label);
    for p in &card.pods {
        out.push('\n');
        out.push_str(&p.label);
    }
}

fn pod_class(p: &PodCell, flash: bool, selected: bool) -> Classes {
    classes!(
        "pod",
        format!("state-{}", p.state.class()),
        if p.updated { "updated" } else { "old" },
        flash.then_some("flash"),
        selected.then_some("selected"),
    )
}

fn pod_chip(
    p: &PodCell,
    flash: bool,
    selected: bool,
    on_select: &Callback<Selection>,
    show_text: bool,
) -> Html {
    let onclick = {
        let (cb, key) = (on_select.clone(), p.key.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Selection::Pod(key.clone())))
    };
    html! {
        <button type="button" key={&*p.key.name} class={pod_class(p, flash, selected)}
            aria-label={p.label.clone()} title={p.label.clone()} aria-pressed={selected.to_string()} {onclick}>
            if show_text {
                <span class="pod-state">{ short_state(p.state) }</span>
                if let Some(r) = p.revision { <span class="pod-rev">{ format!("r{r}") }</span> }
            }
        </button>
    }
}

fn short_state(s: PodState) -> &'static str {
    match s {
        PodState::ContainerCreating => "Creating",
        PodState::CrashLoopBackOff => "CrashLoop",
        PodState::ImagePullBackOff => "ImagePull",
        other => other.name(),
    }
}

/// The colour key, with what each state means.
#[function_component]
pub fn Legend() -> Html {
    html! {
        <ul class="legend" aria-label="Pod states">
            { for PodState::ALL.iter().map(|s| html! {
                <li title={s.describe()}>
                    <span class={classes!("pod", "swatch", format!("state-{}", s.class()), "updated")} aria-hidden="true"></span>
                    { s.name() }
                </li>
            }) }
            <li title="A pod of an older revision than the DaemonSet's template">
                <span class="pod swatch state-available old" aria-hidden="true"></span>{ "old revision (striped)" }
            </li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canvas_reads_the_states_in_their_order() {
        let names: Vec<&str> = PodState::ALL.iter().map(|s| s.class()).collect();
        assert_eq!(STATE_NAMES, names.join(" "));
        for (i, s) in PodState::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i, "{s:?}");
        }
    }

    fn run(s: &mut engine::session::Session, line: &str, stdin: Option<&str>) {
        let out = s.run_command(line, stdin);
        assert!(!out.failed, "{line}: {}", out.stderr);
    }

    #[test]
    fn a_new_board_names_only_the_cells_whose_card_changed() {
        use engine::session::{NoFiles, Session};
        use engine::view::{board, board_since};
        let mut s = Session::new(Box::new(NoFiles));
        let nodes = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n- {apiVersion: v1, kind: Node, metadata: {name: c}}\n";
        run(&mut s, "kubectl apply -f -", Some(nodes));
        let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: agent, image: agent:1}]}\n";
        run(&mut s, "kubectl apply -f -", Some(ds));
        let first = board(&s.cluster);

        // No board before: every cell, in order.
        let (changed, titles) = cell_titles(None, &first);
        assert_eq!(changed, None);
        let all: Vec<&str> = titles.split('\0').collect();
        assert_eq!(all.len(), 3);
        assert!(
            all[1].starts_with("Node b: Ready, 1 daemon pod\nPod agent-"),
            "{titles}"
        );

        // Node b is cordoned: only its cell is named again.
        run(&mut s, "kubectl cordon b", None);
        let second = board_since(&s.cluster, Some(&first));
        let (changed, titles) = cell_titles(Some(&first), &second);
        assert_eq!(changed, Some(vec![1]));
        assert!(
            titles.starts_with("Node b: Ready,SchedulingDisabled"),
            "{titles}"
        );
        assert!(!titles.contains('\0'), "{titles}");

        // Nothing changed: nothing to name.
        let (changed, titles) = cell_titles(Some(&second), &second);
        assert_eq!((changed, titles.as_str()), (Some(vec![]), ""));

        // Another list of nodes: every cell again.
        run(&mut s, "kubectl delete node a", None);
        let third = board_since(&s.cluster, Some(&second));
        let (changed, titles) = cell_titles(Some(&second), &third);
        assert_eq!(changed, None);
        assert_eq!(titles.split('\0').count(), 2);
    }
}
