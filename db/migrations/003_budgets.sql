-- Per-user rate budgets (a token bucket), shared by every bot process using this database.
-- `granted` says whether the last take spent a token, so one statement can take and tell.
-- Times are Unix seconds; DOUBLE PRECISION is REAL in SQLite and float8 in PostgreSQL.
CREATE TABLE budgets (
    user_id    BIGINT PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    granted    INTEGER NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
