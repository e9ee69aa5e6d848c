CREATE TABLE "match_stats" (
	"hei_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"docs" integer NOT NULL,
	"dl_sum" double precision NOT NULL,
	CONSTRAINT "match_stats_hei_id_lang_pk" PRIMARY KEY("hei_id","lang")
);
--> statement-breakpoint
-- Kept as match_df is (0023): statement-level triggers, one aggregated change per statement that writes
-- documents (an indexing batch inserts them with length 0 and then sets the length: an update).
CREATE FUNCTION "match_stats_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE match_stats s SET docs = s.docs - gone.docs, dl_sum = s.dl_sum - gone.dl_sum
    FROM (SELECT hei_id, lang, count(*) AS docs, sum(dl::float8) AS dl_sum FROM removed GROUP BY 1, 2) gone
    WHERE s.hei_id = gone.hei_id AND s.lang = gone.lang;
    -- a statement apart: it must see the update above
    DELETE FROM match_stats s USING (SELECT DISTINCT hei_id, lang FROM removed) gone
    WHERE s.docs <= 0 AND s.hei_id = gone.hei_id AND s.lang = gone.lang;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO match_stats (hei_id, lang, docs, dl_sum)
      SELECT hei_id, lang, count(*), sum(dl::float8) FROM added GROUP BY 1, 2
    ON CONFLICT (hei_id, lang) DO UPDATE
      SET docs = match_stats.docs + excluded.docs, dl_sum = match_stats.dl_sum + excluded.dl_sum;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE match_stats;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "match_doc_stats_insert" AFTER INSERT ON "match_doc"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "match_stats_sync"();
--> statement-breakpoint
CREATE TRIGGER "match_doc_stats_update" AFTER UPDATE ON "match_doc"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "match_stats_sync"();
--> statement-breakpoint
CREATE TRIGGER "match_doc_stats_delete" AFTER DELETE ON "match_doc"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "match_stats_sync"();
--> statement-breakpoint
CREATE TRIGGER "match_doc_stats_truncate" AFTER TRUNCATE ON "match_doc"
  FOR EACH STATEMENT EXECUTE FUNCTION "match_stats_sync"();
--> statement-breakpoint
INSERT INTO match_stats (hei_id, lang, docs, dl_sum)
  SELECT hei_id, lang, count(*), sum(dl::float8) FROM match_doc GROUP BY 1, 2;
