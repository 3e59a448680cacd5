-- Pay that people shared with their community (/share). No Discord id is kept: `person` is
-- a keyed hash (HMAC-SHA256) of it, and the key lives outside the database, so a copy of the
-- file and a server's member list together still do not say who earns what.
-- The day of a submission is kept, not its time, so it cannot be matched to when someone
-- was seen online.

CREATE TABLE community_pay (
    id           INTEGER PRIMARY KEY,
    person       TEXT NOT NULL,
    guild_id     BIGINT NOT NULL,
    role         TEXT NOT NULL,
    level        TEXT NOT NULL,
    location     TEXT NOT NULL,
    company_type TEXT,
    base         REAL NOT NULL,
    bonus        REAL NOT NULL,
    equity       REAL NOT NULL,
    currency     TEXT NOT NULL,
    year         INTEGER NOT NULL,
    -- Set when the figures look implausible: kept out of every pool until removed.
    held_reason  TEXT,
    created_on   TEXT NOT NULL
);
-- At most one submission per person and role-year: sharing again replaces it.
CREATE UNIQUE INDEX community_pay_one_per_role_year ON community_pay (person, role, year);
-- One cell of a pool is read with this index.
CREATE INDEX community_pay_by_cell ON community_pay (role, level, location);

-- Submissions per person and day, for the daily limit; erased with the person's data.
CREATE TABLE community_pay_quota (
    person TEXT NOT NULL,
    day    TEXT NOT NULL,
    used   INTEGER NOT NULL,
    PRIMARY KEY (person, day)
);

-- Whether a server pools with other opted-in servers, and whether it takes submissions.
ALTER TABLE guild_settings ADD COLUMN shared_pool INTEGER NOT NULL DEFAULT 0;
ALTER TABLE guild_settings ADD COLUMN pay_sharing INTEGER NOT NULL DEFAULT 1;
