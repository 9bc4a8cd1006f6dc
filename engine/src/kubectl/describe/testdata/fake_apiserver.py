# A fake API server for checking `describe` and `get` output against a real kubectl (v1.32):
# it serves discovery, the objects the ignored tests `dump_for_kubectl` (DESCRIBE_DIR) and
# `dump_tables_for_kubectl` (TABLE_DIR) write, and metav1.Table lists. Loopback only.
# usage: python3 fake_apiserver.py DIR PORT   (then kubectl with a kubeconfig pointing there;
# see compare.sh).
import json, sys, re
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse, parse_qs
D = sys.argv[1]
objs = json.load(open(f"{D}/objects.json")) if __import__("os").path.exists(f"{D}/objects.json") else []
now = open(f"{D}/now.txt").read().strip() if __import__("os").path.exists(f"{D}/now.txt") else ""
TABLES = json.load(open(f"{D}/tables.json")) if __import__("os").path.exists(f"{D}/tables.json") else None
PLURAL = {"Node":"nodes","Pod":"pods","DaemonSet":"daemonsets","Namespace":"namespaces","ControllerRevision":"controllerrevisions","Event":"events","PriorityClass":"priorityclasses"}
def res(name, kind, ns, short=[]):
    return {"name":name,"singularName":kind.lower(),"namespaced":ns,"kind":kind,"verbs":["get","list","create","delete","patch","update","watch"],"shortNames":short}
DISC = {
 "/api": {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:1"}]},
 "/apis": {"kind":"APIGroupList","apiVersion":"v1","groups":[
   {"name":g,"versions":[{"groupVersion":g+"/v1","version":"v1"}],"preferredVersion":{"groupVersion":g+"/v1","version":"v1"}} for g in ["apps","scheduling.k8s.io","coordination.k8s.io"]]},
 "/api/v1": {"kind":"APIResourceList","groupVersion":"v1","resources":[res("nodes","Node",False,["no"]),res("pods","Pod",True,["po"]),res("events","Event",True,["ev"]),res("namespaces","Namespace",False,["ns"])]},
 "/apis/apps/v1": {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[res("daemonsets","DaemonSet",True,["ds"]),res("controllerrevisions","ControllerRevision",True)]},
 "/apis/scheduling.k8s.io/v1": {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"scheduling.k8s.io/v1","resources":[res("priorityclasses","PriorityClass",False,["pc"])]},
 "/apis/coordination.k8s.io/v1": {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"coordination.k8s.io/v1","resources":[res("leases","Lease",True)]},
}
def getf(o, path):
    for p in path.split('.'):
        o = (o or {}).get(p)
    return o if o is not None else ""
def sel_ok(o, fs, ls):
    for term in [t for t in fs.split(',') if t]:
        if '!=' in term:
            k,v = term.split('!=',1)
            if str(getf(o,k)) == v: return False
        else:
            k,v = term.split('=',1)
            if str(getf(o,k)) != v: return False
    labels = o.get('metadata',{}).get('labels',{}) or {}
    for term in [t for t in ls.split(',') if t]:
        k,v = term.split('=',1)
        if labels.get(k) != v: return False
    return True
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def send(self, code, body):
        b = json.dumps(body).encode()
        self.send_response(code); self.send_header("Content-Type","application/json"); self.send_header("Content-Length",str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        u = urlparse(self.path); q = parse_qs(u.query); path = u.path
        if path in DISC: return self.send(200, DISC[path])
        m = re.match(r'^/(?:api|apis/[^/]+)/v1/(?:namespaces/([^/]+)/)?([a-z]+)(?:/([^/]+))?$', path)
        if not m: return self.send(404, {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"not found"})
        ns, plural, name = m.groups()
        if plural == "leases":
            if name:
                return self.send(200, {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":name,"namespace":ns},"spec":{"holderIdentity":name,"renewTime":now.replace('Z','.000000Z'),"leaseDurationSeconds":40}})
        items = [o for o in objs if PLURAL[o["kind"]] == plural and (ns is None or o["metadata"].get("namespace","") == ns or plural in ("nodes","namespaces","priorityclasses"))]
        if name:
            for o in items:
                if o["metadata"]["name"] == name: return self.send(200, o)
            return self.send(404, {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":f'{plural} "{name}" not found',"details":{"name":name,"kind":plural}})
        if "as=Table" in (self.headers.get("Accept") or "") and TABLES is not None and plural in TABLES:
            t = TABLES[plural]
            return self.send(200, {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1"},"columnDefinitions":t["columns"],"rows":t["rows"]})
        fs = q.get("fieldSelector",[""])[0]; ls = q.get("labelSelector",[""])[0]
        items = [o for o in items if sel_ok(o, fs, ls)]
        kind = items[0]["kind"] if items else "Pod"
        self.send(200, {"apiVersion":"v1","kind":kind+"List","metadata":{"resourceVersion":"1"},"items":items})
HTTPServer(("127.0.0.1", int(sys.argv[2])), H).serve_forever()
