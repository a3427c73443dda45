-- Expand: add a nullable column and its index without blocking writes.
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
