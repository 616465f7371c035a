"""Report building: the N+1 query and the CPU-heavy loop of the demo."""

from shopapp import db


def load_orders(n):
    orders = db.query("SELECT id, customer_id, total FROM orders ORDER BY id LIMIT ?", (n,))
    result = []
    for order_id, customer_id, total in orders:
        # Deliberate N+1: one query per order instead of a JOIN.
        name = db.query("SELECT name FROM customers WHERE id = ?", (customer_id,))[0][0]
        result.append((order_id, name, total))
    return result


def compute_report(orders):
    # Deliberately CPU-heavy: a naive loop whose cost grows with the number of orders.
    checksum = 0
    for order_id, _name, total in orders:
        for k in range(20000):
            checksum = (checksum * 31 + order_id * k + int(total)) % 1000003
    return {"orders": len(orders), "checksum": checksum}


def format_report(summary):
    lines = ["%s=%s" % (key, value) for key, value in sorted(summary.items())]
    return {"text": "\n".join(lines), **summary}
