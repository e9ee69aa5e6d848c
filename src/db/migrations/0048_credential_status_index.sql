ALTER TABLE "micro_credential" ADD COLUMN "status_index" integer;--> statement-breakpoint
-- Credentials issued before: each HEI's in a random order, each at a random bit of its own stretch of the
-- 131 072-bit list (the stretches do not overlap, so no two share a bit; the order says nothing of when).
WITH shuffled AS (
  SELECT id,
         row_number() OVER (PARTITION BY hei_id ORDER BY random()) - 1 AS n,
         count(*) OVER (PARTITION BY hei_id) AS total
  FROM "micro_credential"
)
UPDATE "micro_credential" m
SET status_index = s.n * greatest(131072 / s.total, 1) + floor(random() * greatest(131072 / s.total, 1))::integer
FROM shuffled s
WHERE m.id = s.id;--> statement-breakpoint
ALTER TABLE "micro_credential" ALTER COLUMN "status_index" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "micro_credential_status_idx" ON "micro_credential" USING btree ("hei_id","status_index");
