-- Built without blocking writes; needs `transaction: false` on its step.
CREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);
