ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0),
  ALTER COLUMN status SET NOT NULL, DROP CONSTRAINT old_check;
