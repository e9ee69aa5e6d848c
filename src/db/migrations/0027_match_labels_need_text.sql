ALTER TABLE "match_decision" ADD COLUMN "need_text" text;--> statement-breakpoint
ALTER TABLE "match_unmet" ADD COLUMN "need_text" text;