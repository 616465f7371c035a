"""Stock reservation: a deliberately slow recursive query."""

from shopapp import db


def reserve_stock(sku):
    # The recursive CTE stands in for an unindexed scan: slow on purpose.
    count, total = db.query(
        "WITH RECURSIVE cnt(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM cnt WHERE x < ?) "
        "SELECT count(*), sum(x) FROM cnt",
        (60000,),
    )[0]
    qty = db.query("SELECT qty FROM stock WHERE sku = ?", (sku,))[0][0]
    return {"sku": sku, "qty": qty, "scanned": count, "checksum": total}
