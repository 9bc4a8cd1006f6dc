//! Revisions side by side: a revision's pod template as `kubectl rollout history
//! --revision=N` prints it, and a line diff of two of them.

use crate::api::{FromJson, PodTemplateSpec};
use crate::cluster::{Cluster, Key};

/// The pod template stored in a ControllerRevision, printed as kubectl prints it.
pub fn revision_template(c: &Cluster, revision: &Key) -> Option<String> {
    let rev = c.store.revisions.get(revision)?;
    let t = rev.data.pointer("/spec/template")?;
    let t = PodTemplateSpec::from_json(t.clone()).ok()?;
    Some(crate::kubectl::describe::pod_template(&t))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// Longest-common-subsequence line diff; inputs beyond 2,000 lines each are cut (a pod
/// template is a few dozen lines).
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    const MAX: usize = 2_000;
    let a: Vec<&str> = old.lines().take(MAX).collect();
    let b: Vec<&str> = new.lines().take(MAX).collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j] = LCS length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n.max(m));
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(DiffLine::Removed(a[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j].to_string()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::DiffLine::*;
    use super::*;

    #[test]
    fn a_changed_line_is_removed_then_added() {
        assert_eq!(
            diff_lines("a\nimage: 1\nc\n", "a\nimage: 2\nc\nd\n"),
            [
                Same("a".into()),
                Removed("image: 1".into()),
                Added("image: 2".into()),
                Same("c".into()),
                Added("d".into()),
            ]
        );
        assert_eq!(diff_lines("", ""), []);
    }
}
