ALTER TABLE "case" ADD COLUMN "purchase_route" text;--> statement-breakpoint
ALTER TABLE "case" ADD COLUMN "tender_deadline" date;--> statement-breakpoint
ALTER TABLE "case" ADD COLUMN "procurement_reference" text;--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_purchase_route_check" CHECK ("case"."purchase_route" is null or "case"."purchase_route" in ('none','direct_award','advertised','framework_call_off','state_arrangement'));--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_tender_deadline_when_tendering" CHECK ("case"."tender_deadline" is null or "case"."purchase_route" in ('advertised','framework_call_off'));