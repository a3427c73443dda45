CREATE TABLE "Order" (id bigint PRIMARY KEY, "weird;name" text, "quote""d" int);
COMMENT ON TABLE "Order" IS 'one row per order; see docs';
SELECT 'it''s; fine', E'back\'slash;', U&'\0041';
