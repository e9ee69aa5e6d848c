ALTER TABLE "case_checklist_done" ADD COLUMN "evidence" text;--> statement-breakpoint
ALTER TABLE "checklist_item" ADD COLUMN "evidence" text;--> statement-breakpoint
-- The development model's default items that Lupp has evidence of, in the checklists HEIs already have
-- (matched on the default's Swedish label: an item an HEI renamed is its own, and ticks by hand as before).
UPDATE "checklist_item" SET "evidence" = v."evidence"
FROM (VALUES
	('Lärandemål formulerade', 'design_approved'),
	('Fullkostnadskalkyl upprättad och godkänd', 'calculation_approved'),
	('Offert skickad', 'proposal_sent'),
	('Avtal undertecknat av båda parter', 'agreement_signed'),
	('Deltagare anmälda', 'participants_designated'),
	('Utbildningen har startat', 'attendance_recorded'),
	('Utvärdering genomförd (Kirkpatrick nivå 1–2)', 'evaluation_done')
) AS v("label_sv", "evidence")
WHERE "checklist_item"."label_sv" = v."label_sv" AND "checklist_item"."evidence" IS NULL;
