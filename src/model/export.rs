//! Exports of the current scenario (see `engine::export`), as files to download.

use engine::export::{
    kwok_kit, scenario_script, scenario_yaml, timeline_json, timeline_svg, with_heredoc, SvgOptions,
};

use super::Model;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The user's objects, for `kubectl apply -f`.
    Yaml,
    /// A dsim script that rebuilds the scenario.
    Script,
    /// The timeline, action by action.
    Json,
    /// The timeline as a picture for slides.
    Svg,
    /// A script that writes the KWOK kit's files (replay on kind with fake nodes).
    Kwok,
}

impl ExportKind {
    pub const ALL: [ExportKind; 5] = [
        ExportKind::Yaml,
        ExportKind::Script,
        ExportKind::Json,
        ExportKind::Svg,
        ExportKind::Kwok,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Yaml => "Scenario as YAML",
            ExportKind::Script => "Scenario as a dsim script",
            ExportKind::Json => "Timeline as JSON",
            ExportKind::Svg => "Timeline as SVG",
            ExportKind::Kwok => "Kit for kind + KWOK",
        }
    }
}

/// A file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: &'static str,
    pub mime: &'static str,
    pub text: String,
}

impl Model {
    pub fn export(&self, kind: ExportKind) -> ExportFile {
        let t = &self.timeline;
        let (name, mime, text) = match kind {
            ExportKind::Yaml => (
                "scenario.yaml",
                "application/yaml",
                scenario_yaml(&t.session.cluster),
            ),
            ExportKind::Script => ("scenario.sh", "text/x-shellscript", scenario_script(t)),
            ExportKind::Json => ("timeline.json", "application/json", timeline_json(t)),
            ExportKind::Svg => (
                "timeline.svg",
                "image/svg+xml",
                timeline_svg(t, &SvgOptions::default()),
            ),
            ExportKind::Kwok => ("kwok-kit.sh", "text/x-shellscript", kit_script(self)),
        };
        ExportFile { name, mime, text }
    }
}

/// The kit's files as one shell script that writes them into `kwok-kit/`.
fn kit_script(m: &Model) -> String {
    let kit = kwok_kit(&m.timeline);
    let mut s = String::from(
        "#!/bin/sh\n# The DaemonSet Playground's kit to replay this scenario on kind with KWOK.\n# Run it to write the kit's files into ./kwok-kit, then follow kwok-kit/README.md.\nset -eu\nmkdir -p kwok-kit\ncd kwok-kit\n",
    );
    for (name, text) in &kit.files {
        let quoted = engine::script::quote_word(name);
        s.push_str(&with_heredoc(&format!("cat > {quoted}"), text));
        s.push('\n');
        if name.ends_with(".sh") {
            s.push_str(&format!("chmod +x {quoted}\n"));
        }
    }
    s.push_str("echo \"Wrote the kit into ./kwok-kit: see kwok-kit/README.md\"\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Msg;
    use engine::session::{NoFiles, Session};

    #[test]
    fn every_export_of_an_example_is_usable() {
        let mut m = Model::new(None);
        m.update(Msg::LoadExample("rolling-update".into()));
        m.update(Msg::Step);
        for kind in ExportKind::ALL {
            let f = m.export(kind);
            assert!(!f.text.is_empty(), "{kind:?}");
        }
        // The script rebuilds the same DaemonSets and nodes.
        let script = m.export(ExportKind::Script).text;
        let mut s = Session::new(Box::new(NoFiles));
        let out = s.run_script(&script, false).unwrap();
        assert!(!out.failed, "{}", out.stderr);
        assert_eq!(
            s.cluster.store.nodes.keys().collect::<Vec<_>>(),
            m.timeline
                .session
                .cluster
                .store
                .nodes
                .keys()
                .collect::<Vec<_>>()
        );
        assert!(
            m.export(ExportKind::Svg).text.starts_with("<svg")
                || m.export(ExportKind::Svg).text.starts_with("<?xml")
        );
        let json: serde_json::Value =
            serde_json::from_str(&m.export(ExportKind::Json).text).unwrap();
        assert!(json.is_object());
    }

    #[test]
    fn the_kit_script_writes_each_file_of_the_kit() {
        let mut m = Model::new(None);
        m.update(Msg::Apply);
        let script = m.export(ExportKind::Kwok).text;
        for name in ["README.md", "nodes.yaml", "manifests.yaml", "replay.sh"] {
            assert!(
                script.contains(&format!("cat > {name} <<")),
                "{name}\n{script}"
            );
        }
        assert!(script.contains("chmod +x replay.sh"));
    }
}
