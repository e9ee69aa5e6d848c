CREATE TABLE "customer_reminder" (
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_reminder_kind_record_id_pk" PRIMARY KEY("kind","record_id")
);
