-- AlterTable
ALTER TABLE "centre_settings" ADD COLUMN     "dpo_contact" TEXT;
