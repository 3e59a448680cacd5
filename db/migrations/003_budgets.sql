-- Placeholder for the budgets migration developed on its own branch: it replaces this file
-- when both are merged, so 004 keeps its number.
SELECT 1;
