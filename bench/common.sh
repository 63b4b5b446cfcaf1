# Shared by bench/proxy.sh and bench/ab.sh (sourced): a work directory cleaned up on exit, the
# JSON bodies, and the two nginx instances (the upstream on CPU 1, the reverse-proxy baseline
# on CPU 0). The caller sets `up` and `ng` (ports) first and appends its own PIDs to `pids`.
command -v nginx >/dev/null && command -v wrk >/dev/null || apt-get install -y -q nginx-light wrk >/dev/null
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
item = lambda i: {"id": f"ch_{i:08d}", "amount": {"value": 1000 + i, "currency": "EUR"}, "status": "succeeded", "created_at": "2026-11-20T10:00:00Z"}
one = {"data": [item(i) for i in range(7)]}
open(f"{w}/1k.json", "w").write(json.dumps(one)[:1000].rsplit("},", 1)[0] + "}]}")
open(f"{w}/100k.json", "w").write(json.dumps({"data": [item(i) for i in range(750)]}))
PY
chmod -R a+rX "$work"
cat > "$work/nginx-up.conf" <<CONF
worker_processes 1; daemon off; pid $work/up.pid; error_log $work/up.err;
events { worker_connections 4096; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$up; root $work; keepalive_requests 1000000; } }
CONF
cat > "$work/nginx-proxy.conf" <<CONF
worker_processes 1; daemon off; pid $work/ng.pid; error_log $work/ng.err;
events { worker_connections 4096; }
http { access_log off;
  upstream u { server 127.0.0.1:$up; keepalive 128; }
  server { listen 127.0.0.1:$ng; keepalive_requests 1000000;
    location / { proxy_pass http://u; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
taskset -c 1 nginx -c "$work/nginx-up.conf" & pids+=($!)
taskset -c 0 nginx -c "$work/nginx-proxy.conf" & pids+=($!)
