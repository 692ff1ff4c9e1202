-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SOCIAL_WORKER', 'COORDINATOR', 'DIRECTOR');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "IdentityDocumentType" AS ENUM ('PASSPORT', 'RESIDENCE_CARD', 'FOREIGN_ID_CARD', 'OTHER');

-- CreateEnum
CREATE TYPE "Education" AS ENUM ('NONE', 'PRIMARY', 'LOWER_SECONDARY', 'BASIC_VOCATIONAL', 'SECONDARY', 'POST_SECONDARY', 'HIGHER');

-- CreateEnum
CREATE TYPE "LabourStatus" AS ENUM ('UNEMPLOYED_REGISTERED', 'UNEMPLOYED_NOT_REGISTERED', 'INACTIVE', 'EMPLOYED', 'INCAPACITY_PENSION');

-- CreateEnum
CREATE TYPE "PupProfile" AS ENUM ('I', 'II', 'III');

-- CreateEnum
CREATE TYPE "ParticipantStatus" AS ENUM ('ACTIVE', 'CLOSED', 'ANONYMISED');

-- CreateEnum
CREATE TYPE "DisabilityLevel" AS ENUM ('NONE', 'LIGHT', 'MODERATE', 'SEVERE');

-- CreateEnum
CREATE TYPE "ReferralKind" AS ENUM ('KIS', 'PSU');

-- CreateEnum
CREATE TYPE "EligibilityBasis" AS ENUM ('HOMELESS', 'ALCOHOL_ADDICTION', 'DRUG_ADDICTION', 'MENTAL_DISORDER', 'LONG_TERM_UNEMPLOYED', 'RELEASED_FROM_PRISON', 'REFUGEE', 'DISABLED');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'RESERVE', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ContractKind" AS ENUM ('STANDARD', 'THREE_PARTY');

-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('ACTIVE', 'FULFILLED', 'BROKEN', 'ENDED_EARLY');

-- CreateEnum
CREATE TYPE "ContractSide" AS ENUM ('PARTICIPANT', 'WORKER', 'THIRD_PARTY');

-- CreateEnum
CREATE TYPE "FundingSource" AS ENUM ('MINISTRY_GRANT', 'EU_ESF', 'OWN_BUDGET', 'OTHER');

-- CreateEnum
CREATE TYPE "EditionStatus" AS ENUM ('PLANNED', 'RUNNING', 'CLOSED');

-- CreateEnum
CREATE TYPE "ModuleArea" AS ENUM ('SOCIAL', 'VOCATIONAL', 'INDIVIDUAL', 'LEISURE');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('PLANNED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'DROPPED_OUT', 'MOVED');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'ABSENT', 'EXCUSED');

-- CreateEnum
CREATE TYPE "PsuAgreementStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "PsuPlacementStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "PsuDayKind" AS ENUM ('WORK', 'SICKNESS', 'ABSENCE');

-- CreateEnum
CREATE TYPE "PsuMonthStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "CertificateKind" AS ENUM ('KIS_COMPLETION', 'VOCATIONAL_ACTIVATION', 'SOCIAL_SKILLS', 'LABOUR_LAW');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('MONTHLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEW', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "centre_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "postal_code" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "nip" TEXT,
    "regon" TEXT,
    "director_name" TEXT,
    "club_name" TEXT NOT NULL,
    "certificate_prefix" TEXT NOT NULL DEFAULT 'KIS',
    "retention_years" INTEGER NOT NULL DEFAULT 10,
    "inactivity_flag_days" INTEGER NOT NULL DEFAULT 14,
    "logo_png" BYTEA,
    "accessibility_contact" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "centre_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT,
    "roles" "Role"[],
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMP(3),
    "password_set_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INTEGER,
    "user_login" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "participant_id" INTEGER,
    "details" JSONB,
    "ip" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participants" (
    "id" SERIAL NOT NULL,
    "pesel" CHAR(11),
    "document_type" "IdentityDocumentType",
    "document_number" TEXT,
    "first_name" TEXT NOT NULL,
    "second_name" TEXT,
    "last_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "citizenship" TEXT NOT NULL DEFAULT 'polskie',
    "street" TEXT,
    "house_number" TEXT,
    "flat_number" TEXT,
    "postal_code" TEXT,
    "city" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "education" "Education",
    "labour_status" "LabourStatus",
    "pup_registered_at" DATE,
    "pup_profile" "PupProfile",
    "status" "ParticipantStatus" NOT NULL DEFAULT 'ACTIVE',
    "case_closed_at" DATE,
    "anonymised_at" TIMESTAMP(3),
    "notes" TEXT,
    "social_worker_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "participants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participant_sensitive" (
    "participant_id" INTEGER NOT NULL,
    "disability_level" "DisabilityLevel",
    "disability_valid_until" DATE,
    "alcohol_addiction" BOOLEAN NOT NULL DEFAULT false,
    "drug_addiction" BOOLEAN NOT NULL DEFAULT false,
    "addiction_therapy" TEXT,
    "mental_disorder" BOOLEAN NOT NULL DEFAULT false,
    "homeless" BOOLEAN NOT NULL DEFAULT false,
    "released_from_prison" BOOLEAN NOT NULL DEFAULT false,
    "refugee" BOOLEAN NOT NULL DEFAULT false,
    "health_notes" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "participant_sensitive_pkey" PRIMARY KEY ("participant_id")
);

-- CreateTable
CREATE TABLE "referrals" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "ReferralKind" NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "contract_id" INTEGER,
    "eligibility_bases" "EligibilityBasis"[],
    "reasons" TEXT NOT NULL,
    "consent_given" BOOLEAN NOT NULL DEFAULT false,
    "consent_date" DATE,
    "gdpr_info_date" DATE,
    "edition_id" INTEGER,
    "group_id" INTEGER,
    "psu_agreement_id" INTEGER,
    "status" "ReferralStatus" NOT NULL DEFAULT 'DRAFT',
    "submitted_at" TIMESTAMP(3),
    "decided_at" TIMESTAMP(3),
    "decided_by_id" INTEGER,
    "rejection_reason" TEXT,
    "withdrawal_reason" TEXT,
    "reserve_rank" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "social_contracts" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "ContractKind" NOT NULL DEFAULT 'STANDARD',
    "participant_id" INTEGER NOT NULL,
    "social_worker_id" INTEGER NOT NULL,
    "third_party_name" TEXT,
    "signed_at" DATE NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "assessment" TEXT NOT NULL,
    "causes" TEXT NOT NULL,
    "support_offered" TEXT NOT NULL,
    "evaluation" TEXT,
    "status" "ContractStatus" NOT NULL DEFAULT 'ACTIVE',
    "status_date" DATE,
    "status_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "social_contracts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_goals" (
    "id" SERIAL NOT NULL,
    "contract_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "achieved" BOOLEAN,

    CONSTRAINT "contract_goals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_actions" (
    "id" SERIAL NOT NULL,
    "contract_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "side" "ContractSide" NOT NULL,
    "description" TEXT NOT NULL,
    "deadline" DATE,
    "done_at" DATE,

    CONSTRAINT "contract_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_reviews" (
    "id" SERIAL NOT NULL,
    "contract_id" INTEGER NOT NULL,
    "due_date" DATE,
    "held_at" DATE,
    "notes" TEXT,
    "author_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_extensions" (
    "id" SERIAL NOT NULL,
    "contract_id" INTEGER NOT NULL,
    "previous_end" DATE NOT NULL,
    "new_end" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_extensions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "editions" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "funding_source" "FundingSource" NOT NULL,
    "funder_name" TEXT,
    "project_number" TEXT,
    "project_title" TEXT,
    "planned_participants" INTEGER NOT NULL,
    "completion_threshold_pct" INTEGER NOT NULL DEFAULT 80,
    "excused_counts_as_present" BOOLEAN NOT NULL DEFAULT false,
    "status" "EditionStatus" NOT NULL DEFAULT 'PLANNED',
    "closed_at" TIMESTAMP(3),
    "closed_by_id" INTEGER,
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "editions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edition_groups" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "location" TEXT,

    CONSTRAINT "edition_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_modules" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "area" "ModuleArea" NOT NULL,
    "planned_hours" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "staff_id" INTEGER,

    CONSTRAINT "programme_modules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_members" (
    "id" SERIAL NOT NULL,
    "full_name" TEXT NOT NULL,
    "profession" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edition_staff" (
    "edition_id" INTEGER NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "edition_staff_pkey" PRIMARY KEY ("edition_id","staff_id")
);

-- CreateTable
CREATE TABLE "class_sessions" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "group_id" INTEGER,
    "participant_id" INTEGER,
    "module_id" INTEGER,
    "staff_id" INTEGER,
    "date" DATE NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,
    "topic" TEXT,
    "location" TEXT,
    "status" "SessionStatus" NOT NULL DEFAULT 'PLANNED',
    "cancel_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "class_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrolments" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "referral_id" INTEGER,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "status" "EnrolmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "outcome_reason" TEXT,
    "moved_to_group_id" INTEGER,
    "survey_start_score" INTEGER,
    "survey_end_score" INTEGER,
    "opinion_start" TEXT,
    "opinion_end" TEXT,
    "took_up_employment" BOOLEAN NOT NULL DEFAULT false,
    "employment_date" DATE,
    "certificate_eligible" BOOLEAN,
    "attendance_final_bp" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "enrolments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "session_id" INTEGER NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "note" TEXT,
    "recorded_by_id" INTEGER,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("session_id","participant_id")
);

-- CreateTable
CREATE TABLE "individual_plans" (
    "id" SERIAL NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "enrolment_id" INTEGER,
    "made_on" DATE NOT NULL,
    "goals" TEXT NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "individual_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_rates" (
    "id" SERIAL NOT NULL,
    "valid_from" DATE NOT NULL,
    "rate_grosze" INTEGER NOT NULL,
    "note" TEXT,

    CONSTRAINT "psu_rates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_agreements" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "signed_at" DATE NOT NULL,
    "pup_name" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "planned_people" INTEGER NOT NULL,
    "planned_hours_per_month" INTEGER,
    "refund_basis_points" INTEGER NOT NULL DEFAULT 6000,
    "own_rate_grosze" INTEGER,
    "status" "PsuAgreementStatus" NOT NULL DEFAULT 'ACTIVE',
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "psu_agreements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_workplaces" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "supervisor" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "psu_workplaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_placements" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "workplace_id" INTEGER NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "referral_id" INTEGER,
    "pup_referral_number" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "planned_hours_per_month" INTEGER NOT NULL DEFAULT 40,
    "status" "PsuPlacementStatus" NOT NULL DEFAULT 'ACTIVE',
    "end_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "psu_placements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_hour_entries" (
    "id" SERIAL NOT NULL,
    "placement_id" INTEGER NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "kind" "PsuDayKind" NOT NULL DEFAULT 'WORK',
    "minutes" INTEGER NOT NULL,
    "note" TEXT,
    "entered_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "psu_hour_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_months" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "status" "PsuMonthStatus" NOT NULL DEFAULT 'OPEN',
    "closed_at" TIMESTAMP(3),
    "closed_by_id" INTEGER,
    "reopened_at" TIMESTAMP(3),
    "reopen_reason" TEXT,
    "total_minutes" INTEGER,
    "total_benefit_grosze" INTEGER,
    "refund_grosze" INTEGER,
    "own_share_grosze" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "psu_months_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psu_settlement_rows" (
    "id" SERIAL NOT NULL,
    "month_id" INTEGER NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "placement_id" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "rate_grosze" INTEGER NOT NULL,
    "amount_grosze" INTEGER NOT NULL,
    "refund_grosze" INTEGER NOT NULL,

    CONSTRAINT "psu_settlement_rows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate_counters" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_seq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "certificate_counters_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateTable
CREATE TABLE "certificates" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "CertificateKind" NOT NULL,
    "participant_id" INTEGER NOT NULL,
    "edition_id" INTEGER,
    "enrolment_id" INTEGER,
    "issued_on" DATE NOT NULL,
    "issued_by_id" INTEGER,
    "verification_code" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "print_count" INTEGER NOT NULL DEFAULT 0,
    "revoked_at" TIMESTAMP(3),
    "revoked_by_id" INTEGER,
    "revoked_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_snapshots" (
    "id" SERIAL NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL DEFAULT 0,
    "data" JSONB NOT NULL,
    "closed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_by_id" INTEGER,

    CONSTRAINT "report_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batches" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "done_rows" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_login_key" ON "users"("login");

-- CreateIndex
CREATE INDEX "IDX_session_expire" ON "session"("expire");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_participant_id_at_idx" ON "audit_log"("participant_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_user_id_at_idx" ON "audit_log"("user_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "participants_pesel_key" ON "participants"("pesel");

-- CreateIndex
CREATE INDEX "participants_last_name_first_name_idx" ON "participants"("last_name", "first_name");

-- CreateIndex
CREATE INDEX "participants_social_worker_id_idx" ON "participants"("social_worker_id");

-- CreateIndex
CREATE INDEX "participants_status_idx" ON "participants"("status");

-- CreateIndex
CREATE UNIQUE INDEX "participants_document_type_document_number_key" ON "participants"("document_type", "document_number");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_number_key" ON "referrals"("number");

-- CreateIndex
CREATE INDEX "referrals_participant_id_idx" ON "referrals"("participant_id");

-- CreateIndex
CREATE INDEX "referrals_status_kind_idx" ON "referrals"("status", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "social_contracts_number_key" ON "social_contracts"("number");

-- CreateIndex
CREATE INDEX "social_contracts_participant_id_idx" ON "social_contracts"("participant_id");

-- CreateIndex
CREATE INDEX "social_contracts_social_worker_id_status_idx" ON "social_contracts"("social_worker_id", "status");

-- CreateIndex
CREATE INDEX "social_contracts_status_end_date_idx" ON "social_contracts"("status", "end_date");

-- CreateIndex
CREATE INDEX "contract_goals_contract_id_idx" ON "contract_goals"("contract_id");

-- CreateIndex
CREATE INDEX "contract_actions_contract_id_idx" ON "contract_actions"("contract_id");

-- CreateIndex
CREATE INDEX "contract_actions_deadline_idx" ON "contract_actions"("deadline");

-- CreateIndex
CREATE INDEX "contract_reviews_contract_id_idx" ON "contract_reviews"("contract_id");

-- CreateIndex
CREATE INDEX "contract_reviews_due_date_idx" ON "contract_reviews"("due_date");

-- CreateIndex
CREATE INDEX "contract_extensions_contract_id_idx" ON "contract_extensions"("contract_id");

-- CreateIndex
CREATE INDEX "editions_status_idx" ON "editions"("status");

-- CreateIndex
CREATE UNIQUE INDEX "edition_groups_edition_id_name_key" ON "edition_groups"("edition_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "programme_modules_edition_id_name_key" ON "programme_modules"("edition_id", "name");

-- CreateIndex
CREATE INDEX "class_sessions_edition_id_date_idx" ON "class_sessions"("edition_id", "date");

-- CreateIndex
CREATE INDEX "class_sessions_group_id_date_idx" ON "class_sessions"("group_id", "date");

-- CreateIndex
CREATE INDEX "class_sessions_participant_id_date_idx" ON "class_sessions"("participant_id", "date");

-- CreateIndex
CREATE INDEX "class_sessions_date_idx" ON "class_sessions"("date");

-- CreateIndex
CREATE INDEX "enrolments_group_id_status_idx" ON "enrolments"("group_id", "status");

-- CreateIndex
CREATE INDEX "enrolments_participant_id_idx" ON "enrolments"("participant_id");

-- CreateIndex
CREATE UNIQUE INDEX "enrolments_edition_id_participant_id_key" ON "enrolments"("edition_id", "participant_id");

-- CreateIndex
CREATE INDEX "attendance_participant_id_idx" ON "attendance"("participant_id");

-- CreateIndex
CREATE INDEX "individual_plans_participant_id_idx" ON "individual_plans"("participant_id");

-- CreateIndex
CREATE UNIQUE INDEX "psu_rates_valid_from_key" ON "psu_rates"("valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "psu_agreements_number_key" ON "psu_agreements"("number");

-- CreateIndex
CREATE UNIQUE INDEX "psu_workplaces_agreement_id_name_key" ON "psu_workplaces"("agreement_id", "name");

-- CreateIndex
CREATE INDEX "psu_placements_participant_id_idx" ON "psu_placements"("participant_id");

-- CreateIndex
CREATE INDEX "psu_placements_workplace_id_idx" ON "psu_placements"("workplace_id");

-- CreateIndex
CREATE INDEX "psu_hour_entries_participant_id_date_idx" ON "psu_hour_entries"("participant_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "psu_hour_entries_placement_id_date_key" ON "psu_hour_entries"("placement_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "psu_months_agreement_id_year_month_key" ON "psu_months"("agreement_id", "year", "month");

-- CreateIndex
CREATE UNIQUE INDEX "psu_settlement_rows_month_id_placement_id_key" ON "psu_settlement_rows"("month_id", "placement_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_number_key" ON "certificates"("number");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_verification_code_key" ON "certificates"("verification_code");

-- CreateIndex
CREATE INDEX "certificates_participant_id_idx" ON "certificates"("participant_id");

-- CreateIndex
CREATE INDEX "certificates_edition_id_idx" ON "certificates"("edition_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_prefix_year_seq_key" ON "certificates"("prefix", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "report_snapshots_kind_year_month_key" ON "report_snapshots"("kind", "year", "month");

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_social_worker_id_fkey" FOREIGN KEY ("social_worker_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant_sensitive" ADD CONSTRAINT "participant_sensitive_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "social_contracts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "edition_groups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_psu_agreement_id_fkey" FOREIGN KEY ("psu_agreement_id") REFERENCES "psu_agreements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "social_contracts" ADD CONSTRAINT "social_contracts_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "social_contracts" ADD CONSTRAINT "social_contracts_social_worker_id_fkey" FOREIGN KEY ("social_worker_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_goals" ADD CONSTRAINT "contract_goals_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "social_contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_actions" ADD CONSTRAINT "contract_actions_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "social_contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_reviews" ADD CONSTRAINT "contract_reviews_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "social_contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_reviews" ADD CONSTRAINT "contract_reviews_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_extensions" ADD CONSTRAINT "contract_extensions_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "social_contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "editions" ADD CONSTRAINT "editions_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edition_groups" ADD CONSTRAINT "edition_groups_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_modules" ADD CONSTRAINT "programme_modules_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_modules" ADD CONSTRAINT "programme_modules_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edition_staff" ADD CONSTRAINT "edition_staff_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edition_staff" ADD CONSTRAINT "edition_staff_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_sessions" ADD CONSTRAINT "class_sessions_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_sessions" ADD CONSTRAINT "class_sessions_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "edition_groups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_sessions" ADD CONSTRAINT "class_sessions_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_sessions" ADD CONSTRAINT "class_sessions_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "programme_modules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_sessions" ADD CONSTRAINT "class_sessions_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "edition_groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_moved_to_group_id_fkey" FOREIGN KEY ("moved_to_group_id") REFERENCES "edition_groups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "class_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "individual_plans" ADD CONSTRAINT "individual_plans_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "individual_plans" ADD CONSTRAINT "individual_plans_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_workplaces" ADD CONSTRAINT "psu_workplaces_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "psu_agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_placements" ADD CONSTRAINT "psu_placements_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "psu_agreements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_placements" ADD CONSTRAINT "psu_placements_workplace_id_fkey" FOREIGN KEY ("workplace_id") REFERENCES "psu_workplaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_placements" ADD CONSTRAINT "psu_placements_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_placements" ADD CONSTRAINT "psu_placements_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_hour_entries" ADD CONSTRAINT "psu_hour_entries_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "psu_placements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_hour_entries" ADD CONSTRAINT "psu_hour_entries_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_hour_entries" ADD CONSTRAINT "psu_hour_entries_entered_by_id_fkey" FOREIGN KEY ("entered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_months" ADD CONSTRAINT "psu_months_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "psu_agreements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_months" ADD CONSTRAINT "psu_months_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_settlement_rows" ADD CONSTRAINT "psu_settlement_rows_month_id_fkey" FOREIGN KEY ("month_id") REFERENCES "psu_months"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_settlement_rows" ADD CONSTRAINT "psu_settlement_rows_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psu_settlement_rows" ADD CONSTRAINT "psu_settlement_rows_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "psu_placements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
