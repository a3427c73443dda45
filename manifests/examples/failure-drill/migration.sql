-- The failure drill: a migration that breaks halfway. psql stops at the error, the Job
-- calls `checkpointctl fail --wait`, and checkpointd restores the checkpoint into the new
-- Cluster orders-db-pitr-<id>. (The transaction is rolled back here, so orders-db itself
-- is unharmed; checkpointd cannot know that and restores anyway, as it must.)
ALTER TABLE orders ADD COLUMN discount_code text;
SELECT 1 / 0;
