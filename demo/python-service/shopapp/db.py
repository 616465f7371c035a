"""A tiny sqlite3 helper that reports db spans the way sentry-sdk's SQLAlchemy integration does.

sentry-sdk has no integration for the stdlib sqlite3 module, so this wraps each query in the SDK's
own record_sql_queries() and add_query_source(), in the same order as
sentry_sdk/integrations/sqlalchemy.py: the source is added before the span ends in stream mode and
after it ends in static (transaction) mode. The resulting spans carry code.filepath/code.lineno
(static) or code.file.path/code.line.number (stream) of the caller, like real integrations.
"""

import os
import sqlite3
import tempfile
import threading

from sentry_sdk.tracing import Span

try:
    from sentry_sdk.traces import StreamedSpan
except ImportError:  # sentry-sdk releases before span streaming

    class StreamedSpan:  # type: ignore[no-redef]
        pass

from sentry_sdk.tracing_utils import add_query_source, record_sql_queries

DB_PATH = os.environ.get(
    "SHOP_DB", os.path.join(tempfile.gettempdir(), "hotspot-lens-shop-%d.db" % os.getpid())
)
_local = threading.local()


def _conn():
    if getattr(_local, "conn", None) is None:
        _local.conn = sqlite3.connect(DB_PATH)
    return _local.conn


def query(sql, params=()):
    conn = _conn()
    cursor = conn.cursor()
    ctx = record_sql_queries(cursor, sql, [params], "qmark", False, span_origin="manual")
    span = ctx.__enter__()
    if isinstance(span, Span):
        span.set_data("db.system", "sqlite")
    elif isinstance(span, StreamedSpan):
        span.set_attribute("db.system.name", "sqlite")
    try:
        rows = cursor.execute(sql, params).fetchall()
    finally:
        if isinstance(span, StreamedSpan):
            add_query_source(span)
        ctx.__exit__(None, None, None)
        if isinstance(span, Span):
            add_query_source(span)
    return rows


def init_db():
    conn = sqlite3.connect(DB_PATH)
    conn.executescript(
        """
        DROP TABLE IF EXISTS customers; DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS stock;
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL);
        CREATE TABLE stock (sku INTEGER PRIMARY KEY, qty INTEGER);
        """
    )
    conn.executemany(
        "INSERT INTO customers VALUES (?, ?)", [(i, "customer %d" % i) for i in range(1, 201)]
    )
    conn.executemany(
        "INSERT INTO orders VALUES (?, ?, ?)",
        [(i, 1 + (i * 7) % 200, (i * 37) % 500 / 3.0) for i in range(1, 2001)],
    )
    conn.executemany("INSERT INTO stock VALUES (?, ?)", [(i, 100) for i in range(1, 51)])
    conn.commit()
    conn.close()


def drop_db():
    if os.path.exists(DB_PATH):
        os.remove(DB_PATH)
