#!/usr/bin/env python3
"""Generates engine/src/schema/table.rs: the Kubernetes v1.34 API types that the
strict field checker (engine::schema) knows, as compact static data.

Source of truth: the model classes of the official Python client `kubernetes`
34.x (generated from the Kubernetes 1.34 OpenAPI document). Each class has
`openapi_types` (python attribute -> type string) and `attribute_map` (python
attribute -> JSON field name). They are read with `ast`, never imported, so the
client's own dependencies need not be installed.

What the Python client cannot tell (the OpenAPI `format` and the Go type names)
comes from the hand-written tables below: int32 versus int64, named Go string
types (v1.RestartPolicy, types.UID, ...), Quantity fields, inline-embedded Go
structs. Every entry is checked against the models: a stale entry is an error.

Regenerate:
    pip download kubernetes==34.1.0 --no-deps -d /tmp/k8s
    unzip -q -o /tmp/k8s/kubernetes-34.1.0-py2.py3-none-any.whl -d /tmp/k8s/whl
    python3 tools/gen-schema/gen.py --client /tmp/k8s/whl/kubernetes \
        --out engine/src/schema/table.rs
(or `pip install kubernetes==34.1.0` and leave out --client).
"""

import argparse
import ast
import os
import re
import sys

ROOTS = ["V1DaemonSet", "V1Node", "V1Pod", "V1Namespace", "V1ControllerRevision", "V1PriorityClass"]

# Python class name -> Go struct name, where stripping "V1" is not enough.
GO_STRUCT_NAMES = {"CoreV1ResourceClaim": "ResourceClaim"}

# Integer fields that are int64 in Go; every other integer is int32.
INT64 = {
    ("ControllerRevision", "revision"),
    ("ContainerImage", "sizeBytes"),
    ("DaemonSetStatus", "observedGeneration"),
    ("LinuxContainerUser", "gid"),
    ("LinuxContainerUser", "uid"),
    ("LinuxContainerUser", "supplementalGroups"),
    ("NodeSwapStatus", "capacity"),
    ("ObjectMeta", "deletionGracePeriodSeconds"),
    ("ObjectMeta", "generation"),
    ("PodCondition", "observedGeneration"),
    ("PodSecurityContext", "fsGroup"),
    ("PodSecurityContext", "runAsGroup"),
    ("PodSecurityContext", "runAsUser"),
    ("PodSecurityContext", "supplementalGroups"),
    ("PodSpec", "activeDeadlineSeconds"),
    ("PodSpec", "terminationGracePeriodSeconds"),
    ("PodStatus", "observedGeneration"),
    ("Probe", "terminationGracePeriodSeconds"),
    ("SecurityContext", "runAsGroup"),
    ("SecurityContext", "runAsUser"),
    ("ServiceAccountTokenProjection", "expirationSeconds"),
    ("SleepAction", "seconds"),
    ("Toleration", "tolerationSeconds"),
}

# Python 'object' fields: IntOrString, or free-form (accepts any JSON value).
INT_OR_STRING = {
    ("HTTPGetAction", "port"),
    ("RollingUpdateDaemonSet", "maxSurge"),
    ("RollingUpdateDaemonSet", "maxUnavailable"),
    ("TCPSocketAction", "port"),
}
FREE_FORM = {
    ("ControllerRevision", "data"),  # runtime.RawExtension
    ("ManagedFieldsEntry", "fieldsV1"),  # v1.FieldsV1
}

# Python 'str' fields that are resource.Quantity in Go.
QUANTITY = {("EmptyDirVolumeSource", "sizeLimit"), ("ResourceFieldSelector", "divisor")}

# Python 'dict(str, str)' fields that are v1.ResourceList (map[ResourceName]resource.Quantity).
RESOURCE_LIST = {
    ("ContainerStatus", "allocatedResources"),
    ("NodeStatus", "allocatable"),
    ("NodeStatus", "capacity"),
    ("PodSpec", "overhead"),
    ("ResourceRequirements", "limits"),
    ("ResourceRequirements", "requests"),
    ("VolumeResourceRequirements", "limits"),
    ("VolumeResourceRequirements", "requests"),
}

# Python 'str' (or 'list[str]') fields whose Go type is a named string type, as
# Go's reflect prints it in "cannot unmarshal ... of type X".
NAMED_STRINGS = {
    ("AppArmorProfile", "type"): "v1.AppArmorProfileType",
    ("AttachedVolume", "name"): "v1.UniqueVolumeName",
    ("AzureDiskVolumeSource", "cachingMode"): "v1.AzureDataDiskCachingMode",
    ("AzureDiskVolumeSource", "kind"): "v1.AzureDataDiskKind",
    ("Capabilities", "add"): "v1.Capability",
    ("Capabilities", "drop"): "v1.Capability",
    ("ConfigMapNodeConfigSource", "uid"): "types.UID",
    ("Container", "imagePullPolicy"): "v1.PullPolicy",
    ("Container", "restartPolicy"): "v1.ContainerRestartPolicy",
    ("Container", "terminationMessagePolicy"): "v1.TerminationMessagePolicy",
    ("ContainerPort", "protocol"): "v1.Protocol",
    ("ContainerResizePolicy", "resourceName"): "v1.ResourceName",
    ("ContainerResizePolicy", "restartPolicy"): "v1.ResourceResizeRestartPolicy",
    ("ContainerRestartRule", "action"): "v1.ContainerRestartRuleAction",
    ("ContainerRestartRuleOnExitCodes", "operator"): "v1.ContainerRestartRuleOnExitCodesOperator",
    ("ContainerStatus", "stopSignal"): "v1.Signal",
    ("DaemonSetCondition", "status"): "v1.ConditionStatus",
    ("DaemonSetCondition", "type"): "v1.DaemonSetConditionType",
    ("DaemonSetUpdateStrategy", "type"): "v1.DaemonSetUpdateStrategyType",
    ("EmptyDirVolumeSource", "medium"): "v1.StorageMedium",
    ("EphemeralContainer", "imagePullPolicy"): "v1.PullPolicy",
    ("EphemeralContainer", "restartPolicy"): "v1.ContainerRestartPolicy",
    ("EphemeralContainer", "terminationMessagePolicy"): "v1.TerminationMessagePolicy",
    ("HTTPGetAction", "scheme"): "v1.URIScheme",
    ("HostPathVolumeSource", "type"): "v1.HostPathType",
    ("ImageVolumeSource", "pullPolicy"): "v1.PullPolicy",
    ("LabelSelectorRequirement", "operator"): "v1.LabelSelectorOperator",
    ("Lifecycle", "stopSignal"): "v1.Signal",
    ("ManagedFieldsEntry", "operation"): "v1.ManagedFieldsOperationType",
    ("NamespaceCondition", "status"): "v1.ConditionStatus",
    ("NamespaceCondition", "type"): "v1.NamespaceConditionType",
    ("NamespaceSpec", "finalizers"): "v1.FinalizerName",
    ("NamespaceStatus", "phase"): "v1.NamespacePhase",
    ("NodeAddress", "type"): "v1.NodeAddressType",
    ("NodeCondition", "status"): "v1.ConditionStatus",
    ("NodeCondition", "type"): "v1.NodeConditionType",
    ("NodeSelectorRequirement", "operator"): "v1.NodeSelectorOperator",
    ("NodeStatus", "phase"): "v1.NodePhase",
    ("NodeStatus", "volumesInUse"): "v1.UniqueVolumeName",
    ("ObjectMeta", "uid"): "types.UID",
    ("OwnerReference", "uid"): "types.UID",
    ("PersistentVolumeClaimSpec", "accessModes"): "v1.PersistentVolumeAccessMode",
    ("PersistentVolumeClaimSpec", "volumeMode"): "v1.PersistentVolumeMode",
    ("PodCondition", "status"): "v1.ConditionStatus",
    ("PodCondition", "type"): "v1.PodConditionType",
    ("PodOS", "name"): "v1.OSName",
    ("PodReadinessGate", "conditionType"): "v1.PodConditionType",
    ("PodSecurityContext", "fsGroupChangePolicy"): "v1.PodFSGroupChangePolicy",
    ("PodSecurityContext", "seLinuxChangePolicy"): "v1.PodSELinuxChangePolicy",
    ("PodSecurityContext", "supplementalGroupsPolicy"): "v1.SupplementalGroupsPolicy",
    ("PodSpec", "dnsPolicy"): "v1.DNSPolicy",
    ("PodSpec", "preemptionPolicy"): "v1.PreemptionPolicy",
    ("PodSpec", "restartPolicy"): "v1.RestartPolicy",
    ("PodStatus", "phase"): "v1.PodPhase",
    ("PodStatus", "qosClass"): "v1.PodQOSClass",
    ("PodStatus", "resize"): "v1.PodResizeStatus",
    ("PriorityClass", "preemptionPolicy"): "v1.PreemptionPolicy",
    ("ResourceHealth", "health"): "v1.ResourceHealthStatus",
    ("ResourceHealth", "resourceID"): "v1.ResourceID",
    ("ResourceStatus", "name"): "v1.ResourceName",
    ("SeccompProfile", "type"): "v1.SeccompProfileType",
    ("SecurityContext", "procMount"): "v1.ProcMountType",
    ("Taint", "effect"): "v1.TaintEffect",
    ("Toleration", "effect"): "v1.TaintEffect",
    ("Toleration", "operator"): "v1.TolerationOperator",
    ("TopologySpreadConstraint", "nodeAffinityPolicy"): "v1.NodeInclusionPolicy",
    ("TopologySpreadConstraint", "nodeTaintsPolicy"): "v1.NodeInclusionPolicy",
    ("TopologySpreadConstraint", "whenUnsatisfiable"): "v1.UnsatisfiableConstraintAction",
    ("VolumeMount", "mountPropagation"): "v1.MountPropagationMode",
    ("VolumeMount", "recursiveReadOnly"): "v1.RecursiveReadOnlyMode",
    ("VolumeMountStatus", "recursiveReadOnly"): "v1.RecursiveReadOnlyMode",
}

# Go structs embedded inline (`json:",inline"`): Go's decoder puts the embedded
# struct's Go name into the field path of type errors
# ("Volume.spec.volumes.VolumeSource.hostPath"). struct -> (embedded name, fields).
# None for the field set means "every field but the listed exceptions".
EMBEDDED = {
    "Volume": ("VolumeSource", None, {"name"}),
    "EphemeralContainer": ("EphemeralContainerCommon", None, {"targetContainerName"}),
    "Probe": ("ProbeHandler", {"exec", "httpGet", "tcpSocket", "grpc"}, None),
}
EMBEDDED_ORDER = ["TypeMeta", "VolumeSource", "EphemeralContainerCommon", "ProbeHandler"]
# Top-level kinds embed metav1.TypeMeta for apiVersion and kind.
TYPE_META = ("TypeMeta", {"apiVersion", "kind"}, None)


def load_models(models_dir):
    models = {}
    for fname in sorted(os.listdir(models_dir)):
        if not fname.endswith(".py") or fname == "__init__.py":
            continue
        tree = ast.parse(open(os.path.join(models_dir, fname), encoding="utf-8").read())
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            types = amap = None
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                    if stmt.targets[0].id == "openapi_types":
                        types = ast.literal_eval(stmt.value)
                    elif stmt.targets[0].id == "attribute_map":
                        amap = ast.literal_eval(stmt.value)
            if types is not None and amap is not None:
                models[node.name] = [(amap[attr], t) for attr, t in types.items()]
    return models


def go_struct_name(py):
    if py in GO_STRUCT_NAMES:
        return GO_STRUCT_NAMES[py]
    m = re.match(r"V1(\w+)$", py)
    if not m:
        sys.exit(f"gen.py: no Go struct name for {py}; add it to GO_STRUCT_NAMES")
    return m.group(1)


def reachable(models):
    """Struct classes reachable from ROOTS, in breadth-first order (roots first)."""
    order, queue = [], list(ROOTS)
    while queue:
        name = queue.pop(0)
        if name in order:
            continue
        if name not in models:
            sys.exit(f"gen.py: model {name} not found")
        order.append(name)
        for _, t in models[name]:
            for ref in re.findall(r"[A-Z]\w*", t):
                if ref in models and ref not in order:
                    queue.append(ref)
    return order


class Encoder:
    """Encodes field types in the mini-language documented in engine/src/schema/mod.rs."""

    def __init__(self, index):
        self.index = index  # python class name -> struct index
        self.names = []  # named Go string types
        self.used = set()  # override entries that matched a field

    def named(self, go):
        if go not in self.names:
            self.names.append(go)
        return "n%d" % self.names.index(go)

    def scalar(self, key, t):
        """Type code of a non-container python type string for field `key`."""
        if t == "str":
            if key in QUANTITY:
                self.used.add(("Q",) + key)
                return "q"
            if key in NAMED_STRINGS:
                self.used.add(("N",) + key)
                return self.named(NAMED_STRINGS[key])
            return "s"
        if t == "int":
            if key in INT64:
                self.used.add(("L",) + key)
                return "l"
            return "i"
        if t == "bool":
            return "b"
        if t == "float":
            return "f"
        if t == "datetime":
            return "t"
        if t == "object":
            if key in INT_OR_STRING:
                self.used.add(("O",) + key)
                return "o"
            if key in FREE_FORM:
                self.used.add(("A",) + key)
                return "a"
            sys.exit(f"gen.py: {key} is 'object': add it to INT_OR_STRING or FREE_FORM")
        if t in self.index:
            return "#%d" % self.index[t]
        sys.exit(f"gen.py: {key}: unsupported type {t!r}")

    def encode(self, key, t):
        m = re.match(r"list\[(.*)\]$", t)
        if m:
            return "[" + self.encode(key, m.group(1))
        m = re.match(r"dict\(str, (.*)\)$", t)
        if m:
            if key in RESOURCE_LIST:
                if m.group(1) != "str":
                    sys.exit(f"gen.py: {key} is not dict(str, str)")
                self.used.add(("R",) + key)
                return "R"
            return "{" + self.encode(key, m.group(1))
        return self.scalar(key, t)


def embedded_for(struct, fields):
    json_names = {f for f, _ in fields}
    if struct in EMBEDDED:
        return EMBEDDED[struct]
    if {"apiVersion", "kind", "metadata"} <= json_names and "items" not in json_names:
        return TYPE_META
    return None


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--client", help="the `kubernetes` package directory (default: the installed one)")
    ap.add_argument("--out", default=None, help="output file (default: stdout)")
    args = ap.parse_args()

    client = args.client
    if client is None:
        import importlib.util

        spec = importlib.util.find_spec("kubernetes")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("gen.py: the `kubernetes` package is not installed; pass --client DIR")
        client = spec.submodule_search_locations[0]
    init = open(os.path.join(client, "__init__.py"), encoding="utf-8").read()
    version = re.search(r'__version__ = "([^"]+)"', init).group(1)
    if not version.startswith("34."):
        sys.exit(f"gen.py: kubernetes client {version} is not 34.x (Kubernetes 1.34)")

    models = load_models(os.path.join(client, "client", "models"))
    order = reachable(models)
    index = {py: i for i, py in enumerate(order)}
    enc = Encoder(index)

    structs = []
    for py in order:
        go = go_struct_name(py)
        fields = sorted(models[py], key=lambda f: f[0].encode())
        emb = embedded_for(go, fields)
        emb_idx = None
        parts = []
        if emb is not None:
            emb_idx = EMBEDDED_ORDER.index(emb[0])
        for name, t in fields:
            code = enc.encode((go, name), t)
            if emb is not None:
                _, only, unless = emb
                inside = (name in only) if only is not None else (name not in unless)
                if inside:
                    code += "^%d" % emb_idx
            if re.search(r"[:,^]", name):
                sys.exit(f"gen.py: field name {name!r} needs escaping")
            parts.append(name + ":" + code)
        structs.append((go, ",".join(parts)))

    # Every hand-written entry must have matched a field: catch typos and API drift.
    wanted = (
        {("Q",) + k for k in QUANTITY}
        | {("N",) + k for k in NAMED_STRINGS}
        | {("L",) + k for k in INT64}
        | {("O",) + k for k in INT_OR_STRING}
        | {("A",) + k for k in FREE_FORM}
        | {("R",) + k for k in RESOURCE_LIST}
    )
    stale = sorted(wanted - enc.used)
    if stale:
        sys.exit(f"gen.py: override entries that match no field: {stale}")
    for struct, (emb, only, unless) in EMBEDDED.items():
        names = {f for f, _ in models[[p for p in order if go_struct_name(p) == struct][0]]}
        if not (only or set()) <= names or not (unless or set()) <= names:
            sys.exit(f"gen.py: EMBEDDED[{struct}] names fields it does not have")

    roots = [(go_struct_name(r), index[r]) for r in ROOTS]
    data_bytes = sum(len(n) + len(f) for n, f in structs) + sum(len(n) for n in enc.names)
    # On wasm32 a &str is 8 bytes; a Struct is two of them.
    data_bytes += sum(len(e) for e in EMBEDDED_ORDER) + sum(len(r) for r, _ in roots)
    static_bytes = data_bytes + 16 * len(structs) + 8 * (len(enc.names) + len(EMBEDDED_ORDER)) + 12 * len(roots)

    out = []
    w = out.append
    w("// @generated by tools/gen-schema/gen.py from the Python `kubernetes` client %s" % version)
    w("// (Kubernetes 1.34). Do not edit by hand. To regenerate:")
    w("//   pip download kubernetes==%s --no-deps -d /tmp/k8s" % version)
    w("//   unzip -q -o /tmp/k8s/kubernetes-%s-py2.py3-none-any.whl -d /tmp/k8s/whl" % version)
    w("//   python3 tools/gen-schema/gen.py --client /tmp/k8s/whl/kubernetes --out engine/src/schema/table.rs")
    w("//")
    w("// %d structs, %d fields, %d named string types; about %d bytes of static data." % (
        len(structs), sum(len(models[p]) for p in order), len(enc.names), static_bytes))
    w("// Field encoding: see the module documentation of engine/src/schema/mod.rs.")
    w("")
    w("use super::Struct;")
    w("")
    w("/// Go structs; a field's `#N` refers to `STRUCTS[N]`.")
    w("#[rustfmt::skip]")
    w("pub(crate) static STRUCTS: [Struct; %d] = [" % len(structs))
    for i, (go, fields) in enumerate(structs):
        w("    /* %d */ Struct { name: %s, fields: %s }," % (i, rust_str(go), rust_str(fields)))
    w("];")
    w("")
    w("/// Named Go string types, as Go prints them; a field's `nN` refers to `NAMED[N]`.")
    w("#[rustfmt::skip]")
    w("pub(crate) static NAMED: [&str; %d] = [" % len(enc.names))
    for i, n in enumerate(enc.names):
        w("    /* %d */ %s," % (i, rust_str(n)))
    w("];")
    w("")
    w("/// Go structs embedded inline; a field's `^N` refers to `EMBEDDED[N]`.")
    w("#[rustfmt::skip]")
    w("pub(crate) static EMBEDDED: [&str; %d] = [%s];" % (len(EMBEDDED_ORDER), ", ".join(map(rust_str, EMBEDDED_ORDER))))
    w("")
    w("/// The kinds `check` accepts as a root, with their struct.")
    w("#[rustfmt::skip]")
    w("pub(crate) static ROOTS: [(&str, u16); %d] = [" % len(roots))
    for go, i in roots:
        w("    (%s, %d)," % (rust_str(go), i))
    w("];")
    w("")
    w("/// Bytes of static data above, as counted by the generator (wasm32 layout).")
    w("pub const STATIC_BYTES: usize = %d;" % static_bytes)
    text = "\n".join(out) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print("gen.py: %d structs, %d named types, ~%d bytes static data" % (len(structs), len(enc.names), static_bytes),
          file=sys.stderr)


if __name__ == "__main__":
    main()
