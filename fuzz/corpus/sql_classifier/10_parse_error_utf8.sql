-- Größe: a multi-byte name
CREATE TABLE "Größe" (id int);
SELECT 'é', 'ü' FROM WHERE x;
