/* Contract: the old column is gone for good. */
ALTER TABLE orders DROP COLUMN legacy_code;
DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;
DROP TABLE IF EXISTS order_archive CASCADE;
