-- GDPR: an inquiry's contact person can be corrected and erased on request (src/features/inquiries). Erased, name
-- and e-mail are null and contact_erased_at says when; the check keeps the two states apart.
ALTER TABLE "inquiry" ALTER COLUMN "contact_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inquiry" ALTER COLUMN "contact_email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inquiry" ADD COLUMN "contact_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_contact_check" CHECK (("inquiry"."contact_erased_at" is null) = ("inquiry"."contact_name" is not null and "inquiry"."contact_email" is not null));