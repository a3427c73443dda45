-- Migration 2026_11_21_add_customer_phone (expand: additive only, the running application
-- keeps working). Runs in one transaction (psql --single-transaction).
ALTER TABLE orders ADD COLUMN customer_phone text;
COMMENT ON COLUMN orders.customer_phone IS 'E.164; filled by the orders API behind a feature flag';
