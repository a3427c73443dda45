ALTER TABLE orders RENAME COLUMN note TO remark;
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2) USING amount::numeric;
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid(), ADD COLUMN n bigserial;
GRANT SELECT ON orders TO reporting; REVOKE ALL ON orders FROM public;
