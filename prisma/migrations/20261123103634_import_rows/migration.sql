-- AlterTable
ALTER TABLE "import_batches" ADD COLUMN     "message" TEXT,
ADD COLUMN     "rows" JSONB,
ADD COLUMN     "started_at" TIMESTAMP(3);
