"""The slow outbound call: the service asks its own /upstream endpoint on 127.0.0.1."""

import json
import time
import urllib.request


def fetch_shipping_quote(port):
    # stdlib http.client is instrumented by sentry-sdk: an http.client span with code.* source.
    with urllib.request.urlopen("http://127.0.0.1:%d/upstream" % port, timeout=10) as resp:
        return json.loads(resp.read())


def slow_quote():
    time.sleep(0.08)
    return {"carrier": "demo", "price": 4.9}
