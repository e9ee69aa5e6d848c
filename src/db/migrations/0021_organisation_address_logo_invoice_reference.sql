ALTER TABLE "agreement" ADD COLUMN "invoice_reference" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "street_address" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "bankgiro" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "logo" text;