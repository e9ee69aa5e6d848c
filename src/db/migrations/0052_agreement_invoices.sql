CREATE TABLE "agreement_invoice" (
	"agreement_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"invoiced_on" date NOT NULL,
	"invoice_number" text NOT NULL,
	"marked_by" text,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_invoice_agreement_id_number_pk" PRIMARY KEY("agreement_id","number")
);
--> statement-breakpoint
ALTER TABLE "agreement_invoice" ADD CONSTRAINT "agreement_invoice_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_invoice" ADD CONSTRAINT "agreement_invoice_marked_by_auth_user_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The development model's "Fakturerat" is now ticked by Lupp when every payment is marked as invoiced, in the
-- checklists HEIs already have too (matched on its Swedish label, as in 0051).
UPDATE "checklist_item" SET "evidence" = 'invoiced' WHERE "label_sv" = 'Fakturerat' AND "evidence" IS NULL;
