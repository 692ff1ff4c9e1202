-- Participant search by the beginning of a surname (either part of a double surname), a first name or a
-- PESEL, case-insensitive, without scanning the whole register (written by hand: expression and
-- pattern-ops indexes cannot be expressed in schema.prisma; the drift check ignores them).
CREATE INDEX "participants_last_name_prefix_idx" ON "participants" (lower("last_name") text_pattern_ops);
CREATE INDEX "participants_last_name_second_prefix_idx" ON "participants" (lower(split_part("last_name", '-', 2)) text_pattern_ops);
CREATE INDEX "participants_first_name_prefix_idx" ON "participants" (lower("first_name") text_pattern_ops);
CREATE INDEX "participants_pesel_prefix_idx" ON "participants" ((rtrim("pesel")) text_pattern_ops);
