-- An archive's verdict may come without the day it was proposed (archives give at most the
-- day it was approved): its proposal time is then unknown, kept as NULL rather than made up
-- from the moment of the import. Verdicts proposed on the desk still get now() by default.
ALTER TABLE verdicts ALTER COLUMN proposed_at DROP NOT NULL;
