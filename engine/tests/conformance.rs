use engine::session::{NoFiles, Session};
#[test]
fn scratch() {
    let mut s = Session::new(Box::new(NoFiles));
    let y = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
  template:
    metadata:
      labels:
        name: simple-daemon
    spec:
      containers:
      - name: foo
        image: foo/bar
";
    let o = s.run_command("kubectl apply -f -", Some(y));
    println!("{o:?}");
    let d = engine::manifest::decode_manifest(y, "STDIN");
    println!("{d:?}");
    panic!();
}
