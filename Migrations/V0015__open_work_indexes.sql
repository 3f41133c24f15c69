-- "My work" on a desk of millions (issue 13's page target): the open claims assigned to a
-- reviewer, most urgent first, and the overdue counts read partial indexes of open claims
-- instead of every claim of the assignee or of the desk. The first index has the list's exact
-- order (the expressions as Store.work writes them), so its LIMIT stops after a page; the
-- second serves the desk-wide overdue count, which Store.work stops at DeskWork.countCap + 1.
-- Both are built in the migration's transaction: a few seconds on 1,000,000 claims (the bench
-- desk), during which writes to claims wait.
CREATE INDEX claims_open_work_idx ON claims
    (assignee, (due_on IS NULL), due_on, array_position(ARRAY['urgent','high','normal','low'], priority), id)
    WHERE state NOT IN ('published', 'rejected');
CREATE INDEX claims_open_due_idx ON claims (due_on) WHERE state NOT IN ('published', 'rejected');
