"""Demo shop backend for Hotspot Lens: a Flask app with three deliberately slow spots.

- /report/<n>: an N+1 query (one SELECT per order, shopapp/reports.py) and a CPU-heavy loop
  (shopapp/reports.py compute_report, traced through functions_to_trace);
- /checkout: a slow recursive query (shopapp/inventory.py) and a slow outbound HTTP call to
  /upstream on this same server (127.0.0.1 only).

Sentry is initialised before the shopapp modules are imported, because functions_to_trace patches
the module attribute: a `from shopapp.reports import compute_report` done earlier would bypass it.
"""

import atexit
import os
import signal
import sys

import sentry_sdk

DSN = os.environ.get(
    "SENTRY_DSN", "http://backendpublickey@127.0.0.1:9010/4509876543210001"
)


def _profiling_options():
    if os.environ.get("SENTRY_PROFILING") == "off":
        return {}
    if os.environ.get("SENTRY_TRACE_LIFECYCLE") == "stream":
        return {"profile_session_sample_rate": 1.0, "profile_lifecycle": "trace"}
    return {"profiles_sample_rate": 1.0}


sentry_sdk.init(
    dsn=DSN,
    traces_sample_rate=1.0,
    environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    release="shopapp@1.0.0",
    # Query source on every query, not only those slower than the 100 ms default.
    enable_db_query_source=True,
    db_query_source_threshold_ms=0,
    enable_http_request_source=True,
    http_request_source_threshold_ms=0,
    # shopapp/db.py plays the part of a database integration, so query source must point at
    # its callers (the N+1 loop), not at the helper itself.
    in_app_exclude=["shopapp.db"],
    functions_to_trace=[
        {"qualified_name": "shopapp.reports.compute_report"},
        {"qualified_name": "shopapp.reports.format_report"},
        {"qualified_name": "shopapp.inventory.reserve_stock"},
    ],
    # "stream" sends span v2 items with the OTel attribute names (code.file.path, ...).
    trace_lifecycle=os.environ.get("SENTRY_TRACE_LIFECYCLE") or None,
    # Profiling: with transactions, a `profile` item (sample format v1) per transaction; with
    # streamed spans there is no transaction to attach it to, so continuous profiling sends
    # `profile_chunk` items while a span is active (profile_lifecycle "trace").
    **_profiling_options(),
)

from flask import Flask, jsonify  # noqa: E402

from shopapp import db, inventory, reports, upstream  # noqa: E402

app = Flask(__name__)


@app.get("/report/<int:n>")
def report(n):
    orders = reports.load_orders(n)
    summary = reports.compute_report(orders)
    return jsonify(reports.format_report(summary))


@app.get("/checkout")
def checkout():
    reserved = inventory.reserve_stock(3)
    quote = upstream.fetch_shipping_quote(PORT)
    return jsonify({"reserved": reserved, "quote": quote})


@app.get("/upstream")
def upstream_endpoint():
    return jsonify(upstream.slow_quote())


@app.get("/health")
def health():
    return "ok"


def _stop(_signum, _frame):
    # SystemExit runs the atexit hooks, so the SDK flushes the spans it still holds.
    sys.exit(0)


PORT = int(os.environ.get("PORT", "5077"))

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    db.init_db()
    atexit.register(db.drop_db)
    app.run(host="127.0.0.1", port=PORT, threaded=True)
