CREATE TABLE "match_df" (
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"lang" text NOT NULL,
	"hei_id" uuid NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "match_df_kind_term_lang_hei_id_pk" PRIMARY KEY("kind","term","lang","hei_id")
);
--> statement-breakpoint
DROP INDEX "match_term_df_idx";--> statement-breakpoint
-- Kept by statement-level triggers: one aggregated change per statement that writes postings (an
-- indexing batch, or the cascade from deleting a course's match_doc row), not one per posting.
CREATE FUNCTION "match_df_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE match_df d SET df = d.df - gone.n
    FROM (SELECT kind, term, lang, hei_id, count(*) AS n FROM removed GROUP BY 1, 2, 3, 4) gone
    WHERE d.kind = gone.kind AND d.term = gone.term AND d.lang = gone.lang AND d.hei_id = gone.hei_id;
    -- a statement apart: it must see the update above
    DELETE FROM match_df d USING (SELECT DISTINCT kind, term, lang, hei_id FROM removed) gone
    WHERE d.df <= 0 AND d.kind = gone.kind AND d.term = gone.term AND d.lang = gone.lang AND d.hei_id = gone.hei_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO match_df (kind, term, lang, hei_id, df)
      SELECT kind, term, lang, hei_id, count(*) FROM added GROUP BY 1, 2, 3, 4
    ON CONFLICT (kind, term, lang, hei_id) DO UPDATE SET df = match_df.df + excluded.df;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE match_df;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "match_term_df_insert" AFTER INSERT ON "match_term"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "match_df_sync"();
--> statement-breakpoint
CREATE TRIGGER "match_term_df_update" AFTER UPDATE ON "match_term"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "match_df_sync"();
--> statement-breakpoint
CREATE TRIGGER "match_term_df_delete" AFTER DELETE ON "match_term"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "match_df_sync"();
--> statement-breakpoint
CREATE TRIGGER "match_term_df_truncate" AFTER TRUNCATE ON "match_term"
  FOR EACH STATEMENT EXECUTE FUNCTION "match_df_sync"();
--> statement-breakpoint
INSERT INTO match_df (kind, term, lang, hei_id, df)
  SELECT kind, term, lang, hei_id, count(*) FROM match_term GROUP BY 1, 2, 3, 4;
