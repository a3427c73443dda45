-- Destructive: the column and its data are gone. Only in a contract migration.
ALTER TABLE users DROP COLUMN legacy_phone;
