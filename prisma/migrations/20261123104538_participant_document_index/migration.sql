-- CreateIndex
CREATE INDEX "participants_document_number_idx" ON "participants"("document_number");
