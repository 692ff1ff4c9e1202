-- The register in Polish alphabetical order on both databases. PGlite has no ICU collation, and the C
-- collation puts "Dąbrowski" after "Dudek" and every "Ś…" after "Z…". polish_sort_key spells each Polish
-- letter as its base letter followed by a character that sorts after every letter ("ą" → "a{", "ż" → "z|"),
-- so comparing keys byte by byte (COLLATE "C") gives a, ą, b, c, ć … z, ź, ż. Written by hand: functions and
-- expression indexes cannot be expressed in schema.prisma; the drift check ignores them.
CREATE FUNCTION polish_sort_key(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(t,
      'ą', 'a{'), 'ć', 'c{'), 'ę', 'e{'), 'ł', 'l{'), 'ń', 'n{'), 'ó', 'o{'), 'ś', 's{'), 'ź', 'z{'), 'ż', 'z|'),
      'Ą', 'a{'), 'Ć', 'c{'), 'Ę', 'e{'), 'Ł', 'l{'), 'Ń', 'n{'), 'Ó', 'o{'), 'Ś', 's{'), 'Ź', 'z{'), 'Ż', 'z|'))
$$;

CREATE INDEX "participants_polish_order_idx" ON "participants" ((polish_sort_key("last_name")) COLLATE "C", (polish_sort_key("first_name")) COLLATE "C", "id");
