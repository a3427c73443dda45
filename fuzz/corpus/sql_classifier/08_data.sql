WITH moved AS (DELETE FROM orders WHERE created_at < now() - interval '1 year' RETURNING *)
INSERT INTO order_archive SELECT * FROM moved;
UPDATE orders SET status = 'paid' WHERE id IN (SELECT order_id FROM payments);
DELETE FROM sessions;
TRUNCATE audit_log;
