-- CreateIndex
CREATE INDEX "psu_hour_entries_date_idx" ON "psu_hour_entries"("date");

-- CreateIndex
CREATE INDEX "psu_placements_agreement_id_idx" ON "psu_placements"("agreement_id");
