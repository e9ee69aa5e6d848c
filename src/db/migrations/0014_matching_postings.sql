-- The matching index is rebuilt in the new shape: emptied here (with its terms, words and neighbours),
-- it is written again for every course when the server starts (indexUnindexedCourses).
DELETE FROM "match_doc";--> statement-breakpoint
DROP INDEX "match_term_term_idx";--> statement-breakpoint
DROP INDEX "match_word_word_idx";--> statement-breakpoint
DROP INDEX "match_doc_hei_idx";--> statement-breakpoint
ALTER TABLE "match_term" ADD COLUMN "wtf" real NOT NULL;--> statement-breakpoint
ALTER TABLE "match_term" ADD COLUMN "hei_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "match_term" ADD COLUMN "lang" text NOT NULL;--> statement-breakpoint
ALTER TABLE "match_term" ADD COLUMN "dl" real NOT NULL;--> statement-breakpoint
ALTER TABLE "match_term" ADD COLUMN "impact" real NOT NULL;--> statement-breakpoint
ALTER TABLE "match_word" ADD COLUMN "wtf" real NOT NULL;--> statement-breakpoint
ALTER TABLE "match_word" ADD COLUMN "hei_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "match_word" ADD COLUMN "lang" text NOT NULL;--> statement-breakpoint
ALTER TABLE "match_word" ADD COLUMN "dl" real NOT NULL;--> statement-breakpoint
CREATE INDEX "match_term_posting_idx" ON "match_term" USING btree ("kind","term","lang","impact" DESC NULLS LAST,"course_id","hei_id","dl","wtf");--> statement-breakpoint
CREATE INDEX "match_term_df_idx" ON "match_term" USING btree ("kind","term","lang","hei_id");--> statement-breakpoint
CREATE INDEX "match_word_posting_idx" ON "match_word" USING btree ("word","course_id","hei_id","lang","dl","wtf");--> statement-breakpoint
CREATE INDEX "match_doc_hei_idx" ON "match_doc" USING btree ("hei_id","lang","dl");--> statement-breakpoint
ALTER TABLE "match_term" DROP COLUMN "field";--> statement-breakpoint
ALTER TABLE "match_word" DROP COLUMN "field";--> statement-breakpoint
ALTER TABLE "match_word" DROP COLUMN "tf";