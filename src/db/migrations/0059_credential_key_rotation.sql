-- Credential signing keys are numbered so that an HEI's administrator can replace the one in use (key rotation):
-- the existing key of each HEI is its number 1.
ALTER TABLE "credential_signing_key" ADD COLUMN "number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "credential_signing_key" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credential_signing_key" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credential_signing_key" DROP CONSTRAINT "credential_signing_key_pkey";--> statement-breakpoint
ALTER TABLE "credential_signing_key" ADD CONSTRAINT "credential_signing_key_hei_id_number_pk" PRIMARY KEY("hei_id","number");
